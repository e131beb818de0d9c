// The Red Sea scenario's diplomacy as it happened in 2024, when bots (or people) play every seat:
// who can broker between whom, how often a move can come round, and how much a line said again
// still weighs. Each test plays the rule in a real game of scenarios/red-sea-2024.yaml and checks
// what a player sees: the order refused with its reason, or a smaller effect the second time.
import { describe, expect, it } from "vitest";
import { deltaFrom, loadScenario, ok, pair, relation } from "./helpers.ts";
import {
  answerProposal,
  compileRules,
  createGame,
  playGame,
  propose,
  resolveTurn,
  submitOrders,
  type GameState,
  type Order,
  type TurnReport,
} from "../../shared/engine/index.ts";

const FILE = "scenarios/red-sea-2024.yaml";
const rules = compileRules(loadScenario(FILE));


const start = (seed = "red-sea-world"): GameState => createGame(rules, seed);
const orders = (st: GameState, seat: string, list: Order[]): GameState => ok(submitOrders(rules, st, seat, list));

/** The engine's answer to an order: "accepted", or the refusal's message. */
function tryOrder(st: GameState, seat: string, order: Order): string {
  const r = submitOrders(rules, st, seat, [order]);
  return r.ok ? "accepted" : r.error.message;
}
/** The engine's answer to a proposal: "tabled", or the refusal's message. */
function tryPropose(st: GameState, seat: string, order: Order): string {
  const r = propose(rules, st, seat, order);
  return r.ok ? "tabled" : r.error.message;
}

function resolve(st: GameState): { st: GameState; report: TurnReport } {
  const r = resolveTurn(rules, st);
  return { st: r.state, report: r.report };
}

/** A seat proposes a deal, the partner accepts, and the turn resolves. */
function deal(st: GameState, seat: string, order: Order): { st: GameState; report: TurnReport } {
  const r = ok(propose(rules, st, seat, order));
  return resolve(ok(answerProposal(rules, r.state, order.target!, r.proposal.id, "accept")));
}

describe("red-sea-2024: diplomacy happens as it does in the world", () => {
  it("mediation needs a broker both sides trust between governments at odds: Beijing may bring Riyadh and Tehran together; nobody brokers between Washington and Beijing, and Riyadh does not broker for the Houthis", () => {
    const st = start();
    expect(tryOrder(st, "SAU", { move: "mediation", target: "USA", target2: "CHN" })).toMatch(/Washington and Beijing need no go-between/);
    expect(tryOrder(st, "EGY", { move: "mediation", target: "CHN", target2: "USA" })).toMatch(/Washington and Beijing need no go-between/);
    expect(tryOrder(st, "SAU", { move: "mediation", target: "USA", target2: "HTH" })).toMatch(/cannot broker for them/);
    // Riyadh and Tehran trust Beijing (45 each in January), as when it brokered their agreement of March 2023.
    const r = resolve(orders(st, "CHN", [{ move: "mediation", target: "SAU", target2: "IRN" }]));
    expect(deltaFrom(r.report, `relation:${pair("IRN", "SAU")}`, "mediation")).toBeGreaterThan(0);
    expect(deltaFrom(r.report, "world.escalation", "mediation")).toBeLessThan(0);
  });

  it("a mediation takes months: Beijing cannot start another for four months after the last", () => {
    let st = resolve(orders(start(), "CHN", [{ move: "mediation", target: "SAU", target2: "IRN" }])).st; // January
    // Cairo and Tehran, without embassies since 1980, would be its next pair.
    for (let month = 1; month < 4; month++) {
      expect(tryOrder(st, "CHN", { move: "mediation", target: "EGY", target2: "IRN" }), `${month} months after`).toMatch(/less than four months ago/);
      st = resolve(st).st;
    }
    expect(tryOrder(st, "CHN", { move: "mediation", target: "EGY", target2: "IRN" })).toBe("accepted"); // May
  });

  it("the Houthis sign joint statements with Tehran alone, and Washington and Beijing sign none together", () => {
    const st = start();
    // Riyadh and Sanaa are above −30 (a truce since 2022), yet they talk through the roadmap, not in statements.
    expect(relation(st, "SAU", "HTH")).toBeGreaterThan(-30);
    expect(tryPropose(st, "SAU", { move: "joint_statement", target: "HTH" })).toMatch(/the Houthis sign statements with Tehran alone/);
    expect(tryPropose(st, "HTH", { move: "joint_statement", target: "EGY" })).toMatch(/the Houthis sign statements with Tehran alone/);
    expect(tryPropose(st, "HTH", { move: "joint_statement", target: "IRN" })).toBe("tabled");
    // Even once Beijing has pressed Tehran and warmed to Washington, no joint statement.
    const warmer = resolve(orders(st, "CHN", [{ move: "press_tehran" }])).st;
    expect(relation(warmer, "USA", "CHN")).toBeGreaterThan(-30);
    expect(tryPropose(warmer, "USA", { move: "joint_statement", target: "CHN" })).toMatch(/Washington and Beijing sign none together/);
  });
});

describe("red-sea-2024: deals come round as often as in the world", () => {
  it("a trade package is months in the making: after Cairo proposes one to Beijing, no package with Cairo for four months", () => {
    let st = deal(start(), "EGY", { move: "trade_deal", target: "CHN" }).st; // January
    for (let month = 1; month < 4; month++) {
      expect(tryPropose(st, "EGY", { move: "trade_deal", target: "USA" }), `Cairo, ${month} months after`).toMatch(/less than four months ago/);
      // Washington cannot make a package with Cairo either: Cairo's negotiators are busy.
      expect(tryPropose(st, "USA", { move: "trade_deal", target: "EGY" }), `Washington with Cairo, ${month} months after`).toMatch(/less than four months ago/);
      st = resolve(st).st;
    }
    expect(tryPropose(st, "EGY", { move: "trade_deal", target: "USA" })).toBe("tabled"); // May
  });

  it("opening a market wider takes a season: Tehran cannot do it again for three months", () => {
    let st = resolve(orders(start(), "IRN", [{ move: "expand_trade", target: "CHN" }])).st; // January
    for (let month = 1; month < 3; month++) {
      expect(tryOrder(st, "IRN", { move: "expand_trade", target: "CHN" }), `${month} months after`).toMatch(/less than three months ago/);
      st = resolve(st).st;
    }
    expect(tryOrder(st, "IRN", { move: "expand_trade", target: "CHN" })).toBe("accepted"); // April
  });
});

describe("red-sea-2024: the war at sea at the pace of 2024", () => {
  it("after a seizure of Iranian arms the smugglers change route: Washington cannot interdict again for three months", () => {
    let st = resolve(orders(start(), "USA", [{ move: "interdict_arms" }])).st; // January
    for (let month = 1; month < 3; month++) {
      expect(tryOrder(st, "USA", { move: "interdict_arms" }), `${month} months after`).toMatch(/smugglers changed route/);
      st = resolve(st).st;
    }
    expect(tryOrder(st, "USA", { move: "interdict_arms" })).toBe("accepted"); // April
  });

  it("Israel strikes Hodeidah only from July, as in 2024, however often the Houthis fire at Israel before", () => {
    let st = start();
    const raids: string[] = [];
    for (let month = 1; month <= 12; month++) {
      const r = resolve(orders(st, "HTH", [{ move: "strike_israel" }]));
      if (r.report.entries.some((e) => e.kind === "event" && e.id === "israel_strikes_hodeidah")) raids.push(r.report.date);
      st = r.st;
    }
    expect(raids.length).toBeGreaterThan(0);
    for (const date of raids) expect(["July 2024", "August 2024", "September 2024", "October 2024", "November 2024", "December 2024"]).toContain(date);
  });

  it("roadmap talks stall while the ships burn: after a round, neither Riyadh nor Sanaa can call another for three months", () => {
    let st = deal(start(), "HTH", { move: "roadmap_talks", target: "SAU" }).st; // January, at Sanaa's invitation
    for (let month = 1; month < 3; month++) {
      expect(tryPropose(st, "SAU", { move: "roadmap_talks", target: "HTH" }), `Riyadh, ${month} months after`).toMatch(/less than three months ago/);
      expect(tryPropose(st, "HTH", { move: "roadmap_talks", target: "SAU" }), `Sanaa, ${month} months after`).toMatch(/less than three months ago/);
      st = resolve(st).st;
    }
    expect(tryPropose(st, "SAU", { move: "roadmap_talks", target: "HTH" })).toBe("tabled"); // April
  });
});

describe("red-sea-2024: Cairo's bot keeps out of the coalition, as Cairo did", () => {
  it("over 40 bot games Egypt joins the US-led coalition in at most two", () => {
    let joined = 0;
    for (let g = 0; g < 40; g++) {
      playGame(rules, `red-sea-world-${g}`, {
        onTurn: (_before, report) => {
          if (report.entries.some((e) => e.id === "join_coalition" && e.actor === "EGY")) joined++;
        },
      });
    }
    expect(joined).toBeLessThanOrEqual(2);
  });
});

describe("red-sea-2024: the regional-war gauge", () => {
  it("left alone, tempers cool toward 35, as the gauge's description says, not just to 40", () => {
    let st = start();
    expect(st.world.escalation).toBeGreaterThan(40);
    for (let month = 0; month < 12; month++) st = resolve(st).st;
    expect(st.world.escalation).toBeLessThan(38);
    expect(st.world.escalation).toBeGreaterThanOrEqual(35);
  });
});

describe("red-sea-2024: a line said every month is heard less", () => {
  it("a joint statement within three months of the last carries a third of the weight", () => {
    const first = deal(start(), "SAU", { move: "joint_statement", target: "EGY" }); // January
    // Cairo signed Riyadh's statement in January: it needs new substance before it drafts one.
    expect(tryPropose(first.st, "EGY", { move: "joint_statement", target: "SAU" })).toMatch(/needs new substance/);
    const second = deal(resolve(first.st).st, "EGY", { move: "joint_statement", target: "SAU" }); // March
    const once = deltaFrom(first.report, `relation:${pair("EGY", "SAU")}`, "joint_statement");
    const again = deltaFrom(second.report, `relation:${pair("EGY", "SAU")}`, "joint_statement");
    expect(once).toBeGreaterThan(0);
    expect(again).toBeGreaterThan(0);
    expect(again).toBeCloseTo(once / 3, 6);
    expect(deltaFrom(first.report, "world.escalation", "joint_statement")).toBeLessThan(0);
    expect(deltaFrom(second.report, "world.escalation", "joint_statement")).toBe(0);
  });

  it("a call for restraint repeated within three months calms half as much, and a fresh one weighs fully again", () => {
    const first = resolve(orders(start(), "SAU", [{ move: "urge_restraint" }])); // January
    const idle = resolve(first.st).st; // February: nothing
    const second = resolve(orders(idle, "SAU", [{ move: "urge_restraint" }])); // March
    const once = deltaFrom(first.report, "world.escalation", "urge_restraint");
    const again = deltaFrom(second.report, "world.escalation", "urge_restraint");
    expect(once).toBeLessThan(0);
    expect(again).toBe(once / 2);
    let st = second.st;
    for (let month = 0; month < 3; month++) st = resolve(st).st; // April to June: silence
    const fresh = resolve(orders(st, "SAU", [{ move: "urge_restraint" }])); // July
    expect(deltaFrom(fresh.report, "world.escalation", "urge_restraint")).toBe(once);
  });
});
