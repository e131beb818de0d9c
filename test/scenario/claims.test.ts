// The eleven causal claims of the seed article (../shared/seed/facts.md), each brought about in a
// real game of scenarios/pyongyang-2024.yaml by seats playing moves, and each felt in play: an
// indicator moves the way the article says, and the "why did this change?" explanation names the
// move, event or rule that caused it. Assertions are directions, thresholds and causes, never
// numbers copied from output.
import { describe, expect, it } from "vitest";
import { deltaFrom, loadScenario, ok, pair, relation, why } from "./helpers.ts";
import {
  answerProposal,
  botPlan,
  chooseOption,
  compileRules,
  createGame,
  propose,
  resolveTurn,
  scoreAll,
  submitOrders,
  type GameState,
  type Order,
  type TurnReport,
  type Vote,
} from "../../shared/engine/index.ts";

const FILE = "scenarios/pyongyang-2024.yaml";
const scenario = loadScenario(FILE);
const rules = compileRules(scenario);


const start = (seed = "claims"): GameState => createGame(rules, seed);
const orders = (st: GameState, seat: string, list: Order[]): GameState => ok(submitOrders(rules, st, seat, list));

/** A seat proposes a deal or a draft; returns the state and the proposal id. */
function table(st: GameState, seat: string, order: Order): { st: GameState; id: string } {
  const r = ok(propose(rules, st, seat, order));
  return { st: r.state, id: r.proposal.id };
}
const answer = (st: GameState, seat: string, id: string, a: "accept" | "reject" | Vote): GameState =>
  ok(answerProposal(rules, st, seat, id, a));

function resolve(st: GameState): { st: GameState; report: TurnReport } {
  const r = resolveTurn(rules, st);
  return { st: r.state, report: r.report };
}

/** Resolves `n` turns in which nobody orders anything (pending choices take their defaults). */
function idle(st: GameState, n: number): GameState {
  let s = st;
  for (let i = 0; i < n; i++) s = resolve(s).st;
  return s;
}

const trade = (st: GameState, a: string, b: string): number => st.trade[pair(a, b)] ?? 0;
const tradeTotal = (st: GameState, a: string): number =>
  Object.entries(st.trade).reduce((sum, [k, v]) => (k.split(":").includes(a) ? sum + v : sum), 0);
const westTrade = (st: GameState): number => trade(st, "CHN", "USA") + trade(st, "CHN", "JPN") + trade(st, "CHN", "KOR");

/** by's share (0..1) of all leverage over `over`. */
function share(st: GameState, over: string, by: string): number {
  const w = st.influence[over] ?? {};
  const total = Object.values(w).reduce((a, b) => a + b, 0);
  return total > 0 ? (w[by] ?? 0) / total : 0;
}

const sanction = (st: GameState, by: string, on: string, sector: string): number =>
  st.sanctions.find((s) => s.by === by && s.on === on && s.sector === sector)?.enforcement ?? 0;

describe("pyongyang-2024: the article's causal claims in play", () => {
  it("1. Russia–North Korea military cooperation undermines China's near monopoly of influence over Pyongyang", () => {
    let st = start();
    const before = share(st, "PRK", "CHN");
    expect(before).toBeGreaterThanOrEqual(0.85); // "near monopoly"
    st = orders(st, "PRK", [{ move: "munitions_shipment" }]);
    st = orders(st, "RUS", [{ move: "military_technology" }]);
    const r = resolve(st);
    expect(share(r.st, "PRK", "CHN")).toBeLessThan(before);
    expect(share(r.st, "PRK", "RUS")).toBeGreaterThan(share(start(), "PRK", "RUS"));
    // Why did China's influence over North Korea fall? Both arms deals are named.
    expect(deltaFrom(r.report, "influence:PRK:CHN", "munitions_shipment")).toBeLessThan(0);
    expect(deltaFrom(r.report, "influence:PRK:CHN", "military_technology")).toBeLessThan(0);

    // Kept up for six months, the arms relationship costs China its near monopoly, unlike a quiet half-year.
    let quiet = start();
    for (let t = 0; t < 5; t++) {
      r.st = orders(r.st, "PRK", [{ move: "munitions_shipment" }]);
      r.st = orders(r.st, "RUS", [{ move: "military_technology" }]);
      r.st = resolve(r.st).st;
      quiet = resolve(quiet).st;
    }
    expect(share(r.st, "PRK", "CHN")).toBeLessThan(share(quiet, "PRK", "CHN"));
    expect(share(r.st, "PRK", "CHN")).toBeLessThan(0.8);
  });

  it("2. A perceived China–Russia–North Korea bloc hinders China's cooperation with key Western countries", () => {
    const summit = (accept: boolean) => {
      let st = start();
      const p = table(st, "RUS", { move: "trilateral_summit", target: "CHN" });
      st = answer(p.st, "CHN", p.id, accept ? "accept" : "reject");
      const first = resolve(st);
      return { first, later: idle(first.st, 3) };
    };
    const joined = summit(true);
    const declined = summit(false);
    const tri = scenario.world.trilateral!.initial;
    expect(joined.first.st.world.trilateral).toBeGreaterThan(typeof tri === "number" ? tri : tri.value);
    expect(deltaFrom(joined.first.report, "world.trilateral", "trilateral_summit")).toBeGreaterThan(0);
    // The bloc costs China trade with the US, Japan and South Korea, and standing, month after month.
    expect(westTrade(joined.later)).toBeLessThan(westTrade(declined.later));
    expect(joined.later.actors.CHN!.standing!).toBeLessThan(declined.later.actors.CHN!.standing!);
    const next = resolve(joined.first.st).report;
    for (const partner of ["USA", "JPN", "KOR"]) {
      expect(deltaFrom(next, `trade:${pair("CHN", partner)}`, "trilateral_liability")).toBeLessThan(0);
    }
    expect(deltaFrom(next, "CHN.standing", "trilateral_liability")).toBeLessThan(0);

    // Beijing's answer: call Moscow–Pyongyang ties a bilateral matter, as Lin Jian did.
    const framed = resolve(orders(start(), "CHN", [{ move: "frame_bilateral" }]));
    expect(deltaFrom(framed.report, "world.trilateral", "frame_bilateral")).toBeLessThan(0);
  });

  it("3. Closer Russia–North Korea ties distract the United States, which benefits Beijing", () => {
    let armed = start();
    let quiet = start();
    // What the "Europe draws Washington's attention" rule did to US attention, in each game.
    let pullArmed = 0;
    let pullQuiet = 0;
    for (let t = 0; t < 8; t++) {
      armed = orders(armed, "PRK", [{ move: "munitions_shipment" }]);
      const a = resolve(armed);
      const q = resolve(quiet);
      armed = a.st;
      quiet = q.st;
      pullArmed += deltaFrom(a.report, "USA.attention", "us_distraction");
      pullQuiet += deltaFrom(q.report, "USA.attention", "us_distraction");
    }
    expect(armed.actors.RUS!.war_effort!).toBeGreaterThan(quiet.actors.RUS!.war_effort!);
    expect(armed.actors.USA!.attention!).toBeLessThan(quiet.actors.USA!.attention!);
    expect(pullArmed).toBeLessThan(pullQuiet);
    // The benefit for Beijing: a Washington busy with Europe lets its chip controls on China slacken,
    // and China's secret objective "Washington looks elsewhere" scores better.
    expect(sanction(armed, "USA", "CHN", "technology")).toBeLessThan(sanction(quiet, "USA", "CHN", "technology"));
    const looksElsewhere = (st: GameState) => scoreAll(rules, st).CHN!.objectives.find((o) => o.label === "Washington looks elsewhere")!;
    expect(looksElsewhere(armed).value).toBeLessThan(looksElsewhere(quiet).value);
    expect(looksElsewhere(armed).attainment).toBeGreaterThanOrEqual(looksElsewhere(quiet).attainment);
  });

  it("4. The US and its allies accuse Russia of using North Korean ballistic missiles in Ukraine, banned by UN resolutions", () => {
    let st = start();
    let accused: TurnReport | undefined;
    for (let t = 0; t < 8 && !accused; t++) {
      st = orders(st, "PRK", [{ move: "munitions_shipment" }]);
      const pending = st.pending.find((p) => p.event === "missiles_in_ukraine" && p.seat === "USA");
      if (pending) st = ok(chooseOption(rules, st, "USA", pending.id, "accuse"));
      const r = resolve(st);
      st = r.st;
      if (r.report.entries.some((e) => e.kind === "option" && e.id === "missiles_in_ukraine")) accused = r.report;
    }
    expect(accused, "the missiles-in-Ukraine event fires and Washington accuses").toBeDefined();
    const report = accused!;
    expect(deltaFrom(report, "RUS.standing", "missiles_in_ukraine")).toBeLessThan(0);
    expect(deltaFrom(report, "PRK.standing", "missiles_in_ukraine")).toBeLessThan(0);
    expect(report.entries.some((e) => /North Korean ballistic missiles in Ukraine/.test(e.headline))).toBe(true);
    // The shipments themselves are covert and get exposed sooner or later.
    expect(st.covert.some((c) => c.order.move === "munitions_shipment" && c.discovered !== undefined)).toBe(true);
  });

  it("5. China's 'no limits' partnership with Russia does not extend to weapons: arming Moscow would cost Beijing its Western trade", () => {
    const st0 = start();
    expect(st0.treaties.some((t) => t.kind === "partnership" && t.parties.includes("CHN") && t.parties.includes("RUS"))).toBe(true);
    const asked = table(st0, "RUS", { move: "arms_request", target: "CHN" });
    // Beijing's bot, weighing its objectives, refuses.
    const plan = botPlan(rules, asked.st, "CHN");
    expect(plan.answers).toContainEqual(expect.objectContaining({ proposal: asked.id, answer: "reject" }));

    const yes = resolve(answer(asked.st, "CHN", asked.id, "accept"));
    const no = resolve(answer(asked.st, "CHN", asked.id, "reject"));
    expect(yes.st.actors.RUS!.war_effort!).toBeGreaterThan(no.st.actors.RUS!.war_effort!);
    expect(trade(yes.st, "CHN", "EU")).toBeLessThan(trade(no.st, "CHN", "EU"));
    expect(trade(yes.st, "CHN", "USA")).toBeLessThan(trade(no.st, "CHN", "USA"));
    expect(deltaFrom(yes.report, `trade:${pair("CHN", "EU")}`, "arms_request")).toBeLessThan(0);
    expect(deltaFrom(yes.report, "world.trilateral", "arms_request")).toBeGreaterThan(0);
    // Refusing only cools Moscow a little; the partnership survives.
    expect(relation(no.st, "CHN", "RUS")).toBeGreaterThan(50);
    expect(no.st.treaties.some((t) => t.kind === "partnership" && t.parties.includes("RUS"))).toBe(true);
  });

  it("6. China and Russia block new UN sanctions on North Korea; China abstains when Russia vetoes the panel", () => {
    // New sanctions: Beijing and Moscow both vote no (26 May 2022).
    let st = start();
    const draft = table(st, "USA", { move: "un_new_sanctions" });
    st = answer(draft.st, "CHN", draft.id, "no");
    st = answer(st, "RUS", draft.id, "no");
    let r = resolve(st);
    const vote = r.report.entries.find((e) => e.kind === "council" && e.id === "un_new_sanctions")!;
    expect(vote.outcome).toBe("vetoed");
    expect(vote.votes).toMatchObject({ CHN: "no", RUS: "no", USA: "yes" });
    expect(deltaFrom(r.report, "world.trilateral", "un_new_sanctions")).toBeGreaterThan(0);

    // The panel: nobody answers for Beijing or Moscow, and the support formulas reproduce 13–1–1 (28 Mar 2024).
    const panel = table(r.st, "JPN", { move: "un_renew_panel" });
    r = resolve(panel.st);
    const pv = r.report.entries.find((e) => e.kind === "council" && e.id === "un_renew_panel")!;
    expect(pv.outcome).toBe("vetoed");
    expect(pv.votes?.RUS).toBe("no");
    expect(pv.votes?.CHN).toBe("abstain");
    expect(Object.values(pv.votes ?? {}).filter((v) => v === "yes")).toHaveLength(13);
    expect(r.st.mandates.panel).toBe(false);
    // Without monitors, the friends of Pyongyang let enforcement slip.
    const later = idle(r.st, 3);
    expect(sanction(later, "CHN", "PRK", "commodities")).toBeLessThan(sanction(start(), "CHN", "PRK", "commodities"));
    expect(sanction(later, "RUS", "PRK", "labour")).toBeLessThan(sanction(start(), "RUS", "PRK", "labour"));
  });

  it("7. North Korean workers remaining in China cause friction between Beijing and Pyongyang", () => {
    const st0 = start();
    expect(sanction(st0, "CHN", "PRK", "labour")).toBeLessThan(0.7); // workers remain, against res. 2397
    const r = resolve(orders(st0, "CHN", [{ move: "repatriate_workers" }]));
    const quiet = resolve(start());
    expect(sanction(r.st, "CHN", "PRK", "labour")).toBeGreaterThan(sanction(st0, "CHN", "PRK", "labour"));
    expect(relation(r.st, "CHN", "PRK")).toBeLessThan(relation(quiet.st, "CHN", "PRK"));
    const friction = why(r.report, `relation:${pair("CHN", "PRK")}`).find((c) => c.id === "repatriate_workers");
    expect(friction?.label).toBe("Workers sent home");
    expect(friction!.delta).toBeLessThan(0);
    expect(deltaFrom(r.report, "PRK.growth", "repatriate_workers")).toBeLessThan(0);
    expect(deltaFrom(r.report, "CHN.standing", "repatriate_workers")).toBeGreaterThan(0);
  });

  it("8. China is North Korea's largest trading partner and treaty ally; their trade keeps recovering after the border reopened", () => {
    const st0 = start();
    expect(trade(st0, "CHN", "PRK") / tradeTotal(st0, "PRK")).toBeGreaterThan(0.9);
    expect(trade(st0, "CHN", "PRK")).toBeGreaterThan(20 * trade(st0, "RUS", "PRK"));
    const treaty = st0.treaties.find((t) => t.kind === "defence" && t.parties.includes("CHN") && t.parties.includes("PRK"));
    expect(treaty?.name).toMatch(/1961|Friendship/);
    const r = resolve(st0);
    expect(trade(r.st, "CHN", "PRK")).toBeGreaterThan(trade(st0, "CHN", "PRK"));
    expect(deltaFrom(r.report, `trade:${pair("CHN", "PRK")}`, "border_reopening")).toBeGreaterThan(0);
    // Beijing can lean on that trade: aid and open crossings widen its lead over Moscow.
    const aided = resolve(orders(start(), "CHN", [{ move: "aid", target: "PRK" }, { move: "expand_trade", target: "PRK" }]));
    expect(share(aided.st, "PRK", "CHN")).toBeGreaterThan(share(r.st, "PRK", "CHN"));
    expect(deltaFrom(aided.report, "influence:PRK:CHN", "aid")).toBeGreaterThan(0);
  });

  it("9. The US, Japan and South Korea are China's top partners; China is far more integrated than Russia or North Korea", () => {
    const st0 = start();
    const chinaPartners = Object.keys(st0.actors)
      .filter((a) => a !== "CHN" && a !== "EU")
      .sort((a, b) => trade(st0, "CHN", b) - trade(st0, "CHN", a));
    expect(chinaPartners.slice(0, 3).sort()).toEqual(["JPN", "KOR", "USA"]);
    expect(tradeTotal(st0, "CHN")).toBeGreaterThan(5 * tradeTotal(st0, "RUS"));
    expect(tradeTotal(st0, "CHN")).toBeGreaterThan(500 * tradeTotal(st0, "PRK"));
    // Integration cuts both ways: a US tariff round costs China more growth than Moscow cutting its trade.
    const tariffs = idle(orders(start(), "USA", [{ move: "tariffs", target: "CHN" }]), 2);
    const moscow = idle(orders(start(), "RUS", [{ move: "curtail_trade", target: "CHN" }]), 2);
    expect(tariffs.actors.CHN!.growth!).toBeLessThan(moscow.actors.CHN!.growth!);
    const r = resolve(orders(start(), "USA", [{ move: "tariffs", target: "CHN" }]));
    expect(deltaFrom(r.report, `trade:${pair("CHN", "USA")}`, "tariffs")).toBeLessThan(0);
  });

  it("10. North Korea rebukes China after Beijing discusses its nuclear weapons with Seoul and Tokyo", () => {
    const denuke = resolve(orders(start(), "CHN", [{ move: "cjk_summit", params: { agenda: "denuclearisation" } }]));
    const pending = denuke.st.pending.find((p) => p.event === "seoul_summit_rebuke");
    expect(pending?.seat).toBe("PRK");
    // Pyongyang does not answer: the default is the public rebuke, as on 27 May 2024.
    const r = resolve(denuke.st);
    const rebuke = why(r.report, `relation:${pair("CHN", "PRK")}`).find((c) => c.id === "seoul_summit_rebuke");
    expect(rebuke?.label).toBe("Rebuked over the denuclearisation summit");
    expect(rebuke!.delta).toBeLessThan(0);
    expect(deltaFrom(r.report, "influence:PRK:CHN", "seoul_summit_rebuke")).toBeLessThan(0);
    // A summit about trade alone provokes nothing.
    const tradeOnly = resolve(orders(start(), "CHN", [{ move: "cjk_summit", params: { agenda: "trade" } }]));
    expect(tradeOnly.st.pending.some((p) => p.event === "seoul_summit_rebuke")).toBe(false);
  });

  it("11. China's primary focus is trade and economic rebuilding: trade deals with its top partners lift its growth and score", () => {
    let st = start();
    for (const partner of ["USA", "JPN", "KOR"]) {
      const p = table(st, "CHN", { move: "trade_deal", target: partner });
      const reply = botPlan(rules, p.st, partner).answers.find((a) => a.proposal === p.id)!;
      if (partner === "USA") {
        // Washington is de-risking from China (its secret objective): its bot turns the package
        // down without naming that aim (it is said to Beijing); a person in that seat may still take it.
        expect(reply).toMatchObject({ answer: "reject" });
        expect(reply.reason).toBe("Washington declines: it serves an aim Washington keeps to itself.");
      } else {
        // Tokyo and Seoul see the deal's first month (growth and jobs at home) and sign.
        expect(reply).toMatchObject({ answer: "accept" });
        expect(reply.reason).toContain("Trade with China");
      }
      st = answer(p.st, partner, p.id, "accept");
    }
    const r = resolve(st);
    expect(westTrade(r.st)).toBeGreaterThan(westTrade(start()));
    expect(deltaFrom(r.report, `trade:${pair("CHN", "USA")}`, "trade_deal")).toBeGreaterThan(0);
    expect(deltaFrom(r.report, "CHN.growth", "trade_deal")).toBeGreaterThan(0);
    // Weighted by the trade's place in each economy: the same package matters more to Seoul than to Washington.
    expect(deltaFrom(r.report, "KOR.growth", "trade_deal")).toBeGreaterThan(deltaFrom(r.report, "USA.growth", "trade_deal"));
    expect(deltaFrom(r.report, "CHN.growth", "growth_from_trade")).toBeGreaterThan(deltaFrom(resolve(start()).report, "CHN.growth", "growth_from_trade"));
    const dealt = idle(r.st, 2);
    const quiet = idle(start(), 3);
    expect(dealt.actors.CHN!.growth!).toBeGreaterThan(quiet.actors.CHN!.growth!);
    expect(scoreAll(rules, dealt).CHN!.total).toBeGreaterThanOrEqual(scoreAll(rules, quiet).CHN!.total);
  });
});

describe("pyongyang-2024: diplomacy happens as it does in the world", () => {
  it("Beijing and Seoul both call the China–Japan–Korea summit in one month: the three meet once, and Seoul's call lapses with the reason", () => {
    let st = orders(start(), "CHN", [{ move: "cjk_summit", params: { agenda: "trade" } }]);
    st = orders(st, "KOR", [{ move: "cjk_summit", params: { agenda: "trade" } }]);
    const r = resolve(st);
    const calls = r.report.entries.filter((e) => e.id === "cjk_summit");
    expect(calls.map((e) => [e.actor, e.outcome ?? "held"])).toEqual([
      ["CHN", "held"],
      ["KOR", "lapsed"],
    ]);
    expect(calls[1]!.text).toMatch(/already called this month's summit/);
    // The summit's trade boost counts once: the same as Beijing calling it alone.
    const alone = resolve(orders(start(), "CHN", [{ move: "cjk_summit", params: { agenda: "trade" } }]));
    expect(trade(r.st, "JPN", "KOR")).toBe(trade(alone.st, "JPN", "KOR"));
  });

  it("the China–Japan–Korea summit is rare, as in the world: after one, none of the three can call another for six months", () => {
    let st = resolve(orders(start(), "CHN", [{ move: "cjk_summit", params: { agenda: "trade" } }])).st; // June 2024
    const call = (s: GameState) => submitOrders(rules, s, "KOR", [{ move: "cjk_summit", params: { agenda: "trade" } }]);
    for (let month = 1; month < 6; month++) {
      const r = call(st);
      expect(r.ok ? "accepted" : r.error.message, `${month} months after`).toMatch(/less than six months ago/);
      st = resolve(st).st;
    }
    expect(call(st).ok).toBe(true); // December 2024
  });

  it("Beijing and Tokyo invite each other in one month: one summit, not two", () => {
    let st = start();
    const fromChina = table(st, "CHN", { move: "bilateral_summit", target: "JPN" });
    const fromJapan = table(fromChina.st, "JPN", { move: "bilateral_summit", target: "CHN" });
    st = answer(answer(fromJapan.st, "JPN", fromChina.id, "accept"), "CHN", fromJapan.id, "accept");
    const r = resolve(st);
    const summits = r.report.entries.filter((e) => e.id === "bilateral_summit");
    expect(summits.map((e) => e.outcome)).toEqual(["accepted", "lapsed"]);
    expect(summits[1]!.text).toBe("One of the two leaders already holds a summit this month.");
    expect(r.st.relations[pair("CHN", "JPN")]!.modifiers.filter((m) => m.label === "Summit")).toHaveLength(1);
  });

  it("mediation is for governments at odds: Beijing may bring Seoul and Pyongyang together, not two allies", () => {
    // Washington's allies need no go-between.
    expect(relation(start(), "JPN", "KOR")).toBeGreaterThanOrEqual(20);
    const friends = submitOrders(rules, start(), "CHN", [{ move: "mediation", target: "JPN", target2: "KOR" }]);
    expect(friends.ok ? "accepted" : friends.error.message).toMatch(/at odds with each other/);
    const r = resolve(orders(start(), "CHN", [{ move: "mediation", target: "KOR", target2: "PRK" }]));
    expect(deltaFrom(r.report, "world.tension", "mediation")).toBeLessThan(0);
    expect(deltaFrom(r.report, `relation:${pair("KOR", "PRK")}`, "mediation")).toBeGreaterThan(0);
  });
  it("aid goes to the countries that depend on it: Seoul cannot 'send aid' to Beijing, and allies need no partnership treaty", () => {
    const toBeijing = submitOrders(rules, start(), "KOR", [{ move: "aid", target: "CHN" }]);
    expect(toBeijing.ok ? "accepted" : toBeijing.error.message).toMatch(/only North Korea or Ukraine/i);
    expect(submitOrders(rules, start(), "KOR", [{ move: "aid", target: "PRK" }]).ok).toBe(true);
    expect(submitOrders(rules, start(), "JPN", [{ move: "aid", target: "UKR" }]).ok).toBe(true);
    // Tokyo and Washington have been allies since 1960.
    const allies = propose(rules, start(), "JPN", { move: "partnership_treaty", target: "USA", params: { kind: "partnership" } });
    expect(allies.ok ? "tabled" : allies.error.message).toMatch(/allies already/);
  });
  it("alliances are rare: Tokyo signs no new defence pact, a partnership adds nothing to an alliance, and a Beijing–Moscow alliance costs China what the article says it fears", () => {
    const tokyo = propose(rules, start(), "JPN", { move: "partnership_treaty", target: "KOR", params: { kind: "mutual_assistance" } });
    expect(tokyo.ok ? "tabled" : tokyo.error.message).toMatch(/Article 9/);
    // In June the treaty is Moscow's answer to Putin's visit, not a second offer the same month.
    const june = propose(rules, start(), "RUS", { move: "partnership_treaty", target: "PRK", params: { kind: "mutual_assistance" } });
    expect(june.ok ? "tabled" : june.error.message).toMatch(/on the table at Putin's visit/);
    // Moscow and Pyongyang sign their treaty at the visit; a partnership on top of it is refused.
    const signed = resolve(start()).st;
    expect(signed.treaties.find((t) => t.kind === "mutual_assistance")?.name).toBe("Treaty on Comprehensive Strategic Partnership");
    const again = propose(rules, signed, "RUS", { move: "partnership_treaty", target: "PRK", params: { kind: "partnership" } });
    expect(again.ok ? "tabled" : again.error.message).toMatch(/already goes further/);
    // A person in Beijing's seat may still take Moscow's offer of an alliance, at a price.
    const offer = table(start(), "RUS", { move: "partnership_treaty", target: "CHN", params: { kind: "mutual_assistance" } });
    const reply = botPlan(rules, offer.st, "CHN").answers.find((a) => a.proposal === offer.id)!;
    expect(reply.answer).toBe("reject");
    const allied = resolve(answer(offer.st, "CHN", offer.id, "accept"));
    expect(deltaFrom(allied.report, "world.trilateral", "partnership_treaty")).toBeGreaterThanOrEqual(20);
    expect(relation(allied.st, "CHN", "USA")).toBeLessThan(relation(start(), "CHN", "USA"));
    expect(allied.st.treaties.find((t) => t.kind === "mutual_assistance")?.name).toBe("Treaty of mutual assistance");
  });
  it("Beijing can send a peace envoy on Ukraine, as Li Hui went in 2023 and 2024: it sets China apart from Moscow's war, and the rounds are months apart", () => {
    const r = resolve(orders(start(), "CHN", [{ move: "ukraine_envoy" }]));
    expect(r.report.entries.find((e) => e.id === "ukraine_envoy")?.headline).toMatch(/envoy tours Kyiv, Moscow and Europe/);
    expect(deltaFrom(r.report, "world.trilateral", "ukraine_envoy")).toBeLessThan(0);
    expect(relation(r.st, "CHN", "EU")).toBeGreaterThan(relation(start(), "CHN", "EU"));
    const soon = submitOrders(rules, r.st, "CHN", [{ move: "ukraine_envoy" }]);
    expect(soon.ok ? "accepted" : soon.error.message).toMatch(/less than three months ago/);
    expect(submitOrders(rules, idle(r.st, 2), "CHN", [{ move: "ukraine_envoy" }]).ok).toBe(true);
  });
});

describe("pyongyang-2024: Beijing avoids the trilateral framing", () => {
  it("a Xi–Kim summit adds to the bloc perception, as a Putin–Kim one does; a summit with Seoul does not", () => {
    const withKim = table(start(), "CHN", { move: "bilateral_summit", target: "PRK" });
    const met = resolve(answer(withKim.st, "PRK", withKim.id, "accept"));
    expect(deltaFrom(met.report, "world.trilateral", "bilateral_summit")).toBe(3);
    const withSeoul = table(start(), "CHN", { move: "bilateral_summit", target: "KOR" });
    const seoul = resolve(answer(withSeoul.st, "KOR", withSeoul.id, "accept"));
    expect(deltaFrom(seoul.report, "world.trilateral", "bilateral_summit")).toBe(0);
  });
});

describe("pyongyang-2024: a line said every month is heard less", () => {
  it("Beijing calling Moscow–Pyongyang ties 'a bilateral matter' two months running moves the bloc perception less the second time", () => {
    const first = resolve(orders(start(), "CHN", [{ move: "frame_bilateral" }]));
    const second = resolve(orders(first.st, "CHN", [{ move: "frame_bilateral" }]));
    const once = deltaFrom(first.report, "world.trilateral", "frame_bilateral");
    const again = deltaFrom(second.report, "world.trilateral", "frame_bilateral");
    expect(once).toBeLessThan(0);
    expect(again).toBeLessThan(0);
    expect(Math.abs(again)).toBeLessThan(Math.abs(once) / 2);
  });

  it("Washington's talk of a three-way front, repeated the next month, adds half as much", () => {
    const first = resolve(orders(start(), "USA", [{ move: "invoke_axis" }]));
    const second = resolve(orders(first.st, "USA", [{ move: "invoke_axis" }]));
    expect(deltaFrom(second.report, "world.trilateral", "invoke_axis")).toBe(deltaFrom(first.report, "world.trilateral", "invoke_axis") / 2);
  });

  it("a statement against 'hegemony' needs new substance: Moscow cannot put one to Pyongyang two months running", () => {
    const p = table(start(), "RUS", { move: "multipolar_statement", target: "PRK" });
    const signed = resolve(answer(p.st, "PRK", p.id, "accept"));
    const again = propose(rules, signed.st, "RUS", { move: "multipolar_statement", target: "PRK" });
    expect(again.ok ? "tabled" : again.error.message).toMatch(/needs new substance/);
  });
});

describe("pyongyang-2024: reference figures the formulas rely on", () => {
  it("each actor's trade_base and sanctions_base equal its starting trade and sanctions load", () => {
    const st = start();
    for (const [id, values] of Object.entries(st.actors)) {
      expect(values.trade_base, `${id}.trade_base`).toBeCloseTo(tradeTotal(st, id), 6);
      const load = st.sanctions.filter((s) => s.on === id).reduce((sum, s) => sum + s.enforcement, 0);
      expect(values.sanctions_base, `${id}.sanctions_base`).toBeCloseTo(load, 6);
    }
  });
});
