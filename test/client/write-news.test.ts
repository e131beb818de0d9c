import { describe, expect, it } from "vitest";
import { answerProposal, playBot, propose, reportFor, resolveTurn, submitOrders } from "../../shared/engine/api.ts";
import type { TurnReport } from "../../shared/engine/types.ts";
import { writeNews, writeStory } from "../../client/src/news/write-news.ts";
import { fillText, officialsOf } from "../../shared/engine/text.ts";
import { freshGame, loadScenario } from "./fixtures.ts";

const scenario = loadScenario();

const dealReport: TurnReport = {
  turn: 1,
  date: "June 2024",
  entries: [
    {
      kind: "deal",
      id: "trade_deal",
      actor: "RUS",
      target: "PRK",
      headline: "Russia and North Korea sign trade deal",
      visibility: "public",
      outcome: "accepted",
    },
  ],
  explanations: [
    {
      subject: "trade:PRK:RUS",
      before: 0.1,
      after: 0.6,
      causes: [{ kind: "proposal", id: "trade_deal", actor: "RUS", label: "Trade deal", delta: 0.5, visibility: "public" }],
    },
    {
      subject: "world.tension",
      before: 60,
      after: 63,
      causes: [{ kind: "dynamic", id: "drift", label: "Peninsula drift", delta: 3, visibility: "public" }],
    },
  ],
};

describe("news from a turn's events", () => {
  it("writes a headline and a wire-style paragraph with the change and its size", () => {
    const [story] = writeNews(scenario, dealReport);
    expect(story?.headline).toBe("Russia and North Korea sign trade deal");
    expect(story?.paragraph).toMatch(/^June 2024 — Russia and North Korea sign trade deal, (officials in both capitals said|according to statements from both governments|the two governments announced)\./);
    expect(story?.paragraph).toContain("Trade between North Korea and Russia rose to US$0.6 bn a year from US$0.1 bn.");
    expect(story?.actors).toEqual(["RUS", "PRK"]);
    expect(story?.restricted).toBe(false);
  });

  it("names a bystander the way the seed article does, only one the story's changes touch", () => {
    // The deal touches only the two parties: no one watches from the sidelines.
    expect(writeNews(scenario, dealReport)[0]?.paragraph).not.toMatch(/sidelines|watching closely|elaborate/);
    const cause = dealReport.explanations[0]!.causes[0]!;
    const touchesChina: TurnReport = {
      ...dealReport,
      explanations: [...dealReport.explanations, { subject: "influence:PRK:CHN", before: 0.72, after: 0.67, causes: [{ ...cause, delta: -0.05 }] }],
    };
    expect(writeNews(scenario, touchesChina)[0]?.paragraph).toMatch(/(Chinese officials observed from the sidelines|Analysts said Chinese officials would be watching closely)\./);
    // Demonyms come from the scenario (actors.<id>.demonym); without one, "officials in <name>".
    expect(officialsOf(scenario, "CHN")).toBe("Chinese officials");
    expect(officialsOf({ ...scenario, actors: { ...scenario.actors, CHN: { ...scenario.actors["CHN"]!, demonym: undefined } } }, "CHN")).toBe("officials in China");
  });

  it("adds a roundup of changes no story explains, with their causes", () => {
    const stories = writeNews(scenario, dealReport);
    const roundup = stories.find((s) => s.kind === "roundup");
    expect(roundup?.paragraph).toContain("Tension on the Korean peninsula rose to 63 from 60");
    expect(roundup?.paragraph).toContain("Analysts pointed to peninsula drift.");
  });

  it("tells a step that went against the month's change as such, and a step that other causes cancelled", () => {
    const event = { kind: "event" as const, id: "floods", headline: "Floods in the north", visibility: "public" as const };
    const drift = { kind: "dynamic" as const, id: "drift", label: "Recovery", visibility: "public" as const };
    const report: TurnReport = {
      turn: 1,
      date: "June 2024",
      entries: [event],
      explanations: [
        { subject: "PRK.stability", before: 55, after: 58, causes: [{ ...event, label: "Floods", delta: -1 }, { ...drift, delta: 4 }] },
        { subject: "CHN.stability", before: 50, after: 50, causes: [{ ...event, label: "Floods", delta: -4 }, { ...drift, delta: 4 }] },
        { subject: "RUS.stability", before: 50, after: 53, causes: [{ ...event, label: "Floods", delta: 1 }, { ...drift, delta: 2 }] },
      ],
    };
    const [story] = writeNews(scenario, report);
    // The -1 is not "1 of" a rise of 3, and the story leads with it; China's -4 is told though China's stability held.
    expect(story?.paragraph).toContain("By itself, this lowered North Korea's domestic stability by 1; with other causes, it rose to 58 from 55.");
    expect(story?.paragraph).toContain("By itself, this lowered China's domestic stability by 4; other causes offset it, and it stayed at 50.");
    // Relations and trade read in their own words.
    const mediation: TurnReport = {
      ...report,
      explanations: [
        { subject: "relation:JPN:RUS", before: -55.6, after: -57.6, causes: [{ ...event, label: "Floods", delta: 6 }, { ...drift, delta: -8 }] },
        { subject: "trade:CHN:USA", before: 617, after: 605, causes: [{ ...event, label: "Floods", delta: 1.5 }, { ...drift, delta: -13.5 }] },
      ],
    };
    const told = writeNews(scenario, mediation)[0]!.paragraph;
    expect(told).toContain("By itself, this warmed relations between Japan and Russia by 6; with other causes, they cooled to \u221257.6 from \u221255.6 on a scale of \u2212100 to 100.");
    expect(told).toContain("By itself, this raised trade between China and the United States by US$1.5 bn a year; with other causes, it fell to US$605 bn a year from US$617 bn.");
    const share = writeNews(scenario, { ...report, explanations: [report.explanations[2]!] })[0];
    expect(share?.paragraph).toContain("Russia's domestic stability rose to 53 from 50 (1 of it from this step).");
  });

  it("never writes a change as 'rose to 2.3 from 2.3': small changes get their decimals", () => {
    const event = { kind: "event" as const, id: "floods", headline: "Floods in the north", visibility: "public" as const };
    const cause = { ...event, label: "Floods" };
    const report: TurnReport = {
      turn: 1,
      date: "June 2024",
      entries: [event],
      explanations: [
        { subject: "PRK.growth", before: 3.12, after: 3.08, causes: [{ ...cause, delta: -0.04 }] },
        { subject: "influence:PRK:CHN", before: 0.652, after: 0.648, causes: [{ ...cause, delta: -0.004 }] },
      ],
    };
    const [story] = writeNews(scenario, report);
    expect(story?.paragraph).toContain("North Korea's growth fell to 3.08% a year from 3.12% a year.");
    expect(story?.paragraph).toContain("China's share of influence over North Korea shrank to 64.8% from 65.2%.");
    for (const [, to, from] of story!.paragraph.matchAll(/to ([\d.,]+)%? from ([\d.,]+)%?/g)) expect(to).not.toBe(from);
  });

  it("is deterministic: the same report always reads the same", () => {
    expect(writeNews(scenario, dealReport)).toEqual(writeNews(scenario, structuredClone(dealReport)));
  });

  it("reports a rejected deal from the target's side", () => {
    const story = writeStory(scenario, dealReport, { ...dealReport.entries[0]!, outcome: "rejected" }, 0);
    // Headlines use the headline names (the engine's and the preview's voice); the paragraph the full names.
    expect(story.headline).toBe("Pyongyang turns down Moscow's offer of a trade deal");
    expect(story.paragraph).toContain("North Korea turned down Russia's offer of a trade deal");
  });

  it("reports a council veto with the vote count and who vetoed or abstained", () => {
    const story = writeStory(
      scenario,
      { date: "July 2024", explanations: [] },
      {
        kind: "council",
        id: "un_renew_panel",
        actor: "USA",
        headline: "Russia vetoes renewal of the sanctions panel",
        visibility: "public",
        outcome: "vetoed",
        votes: { USA: "yes", GBR: "yes", FRA: "yes", RUS: "no", CHN: "abstain", KOR: "yes", JPN: "yes" },
      },
      0,
    );
    expect(story.paragraph).toContain("The draft, tabled by the United States, was blocked by a veto.");
    expect(story.paragraph).toContain("5 members voted in favour, 1 against and 1 abstained.");
    expect(story.paragraph).toContain("Russia cast a veto.");
    expect(story.paragraph).toContain("China abstained.");
  });

  it("fills a scenario headline template when the entry has none, never leaving braces", () => {
    const story = writeStory(scenario, { date: "June 2024", explanations: [] }, { kind: "move", id: "rebuke", actor: "PRK", target: "CHN", headline: "", visibility: "public" }, 0);
    // The same shared template filler as the engine's, so the headline names are the engine's.
    expect(story.headline).toContain("Pyongyang");
    expect(story.headline).not.toMatch(/[{}]/);
    expect(fillText(scenario, "{self} rebukes {target} over {param.sector}", "PRK", "CHN")).toBe("Pyongyang rebukes Beijing over ");
  });

  it("marks stories only some seats can read", () => {
    const story = writeStory(scenario, dealReport, { ...dealReport.entries[0]!, visibility: { seats: ["RUS", "PRK"] } }, 0);
    expect(story.restricted).toBe(true);
  });
});

describe("an order that lapsed", () => {
  it("says it did not go ahead, and why, instead of reporting it as done", () => {
    // Export controls put a technology sanction on Washington first, so Beijing's second order
    // (technology sanctions on the same partner) no longer meets its requirement when it comes.
    const { rules, state } = freshGame();
    const ordered = submitOrders(rules, state, "CHN", [
      { move: "export_controls", target: "USA" },
      { move: "impose_sanctions", target: "USA", params: { sector: "technology" } },
    ]);
    if (!ordered.ok) throw new Error(ordered.error.message);
    const { state: next, report: full } = resolveTurn(rules, ordered.value);
    const report = reportFor(next, full, "CHN")!;
    const lapsed = report.entries.find((e) => e.id === "impose_sanctions")!;
    expect(lapsed.outcome).toBe("lapsed");
    const story = writeStory(scenario, report, lapsed, 0);
    expect(story.headline).toBe("Did not go ahead: Beijing imposes technology sanctions on Washington");
    expect(story.paragraph).toContain("China's order “Impose sanctions” concerning the United States did not go ahead");
    expect(story.paragraph).toContain("The reason given: “You already sanction this sector of theirs.”");
    expect(story.paragraph).not.toMatch(/officials|analysts/i);
  });
});

describe("news from a real resolved turn", () => {
  it("writes one story per entry, in plain sentences without placeholders or undefined values", () => {
    const { rules, state } = freshGame();
    let st = state;
    const proposed = propose(rules, st, "RUS", { move: "trade_deal", target: "PRK" });
    if (proposed.ok) {
      st = proposed.value.state;
      const answered = answerProposal(rules, st, "PRK", proposed.value.proposal.id, "accept");
      if (answered.ok) st = answered.value;
    }
    const ordered = submitOrders(rules, st, "CHN", [{ move: "rebuke", target: "PRK" }]);
    if (ordered.ok) st = ordered.value;
    for (const seat of ["USA", "KOR", "JPN"]) st = playBot(rules, st, seat);
    const { state: next, report: full } = resolveTurn(rules, st);
    const report = reportFor(next, full, "CHN");
    expect(report).toBeDefined();
    const stories = writeNews(scenario, report!);
    expect(stories.filter((s) => s.kind !== "roundup")).toHaveLength(report!.entries.length);
    for (const s of stories) {
      expect(s.headline.length).toBeGreaterThan(5);
      expect(s.paragraph).toMatch(/^[A-Z][a-z]+ \d{4} — /);
      expect(`${s.headline} ${s.paragraph}`).not.toMatch(/undefined|NaN|\{|\}/);
    }
  });
});

describe("what carries on from earlier months", () => {
  const arms = (turn: number, date: string, extra: TurnReport["entries"] = []): TurnReport => ({
    turn,
    date,
    entries: [{ kind: "move", id: "arm_ukraine", actor: "USA", target: "UKR", headline: "Washington sends weapons to Ukraine", visibility: "public" }, ...extra],
    explanations: [],
  });
  const rebuke = { kind: "move" as const, id: "rebuke", actor: "CHN", target: "PRK", headline: "Beijing publicly rebukes Pyongyang", visibility: "public" as const };

  it("lists a move made the month before too as one line, with how many months it has run, not as a new story", () => {
    const june = arms(1, "June 2024"), july = arms(2, "July 2024"), august = arms(3, "August 2024", [rebuke]);
    const stories = writeNews(scenario, august, [june, july]);
    expect(stories.map((s) => s.headline)).toEqual(["Beijing publicly rebukes Pyongyang", "Continuing from earlier months"]);
    const continuing = stories.find((s) => s.kind === "continuing")!;
    expect(continuing.paragraph).toBe("August 2024 — One policy carried on as before:");
    expect(continuing.lines).toEqual(["Washington sends weapons to Ukraine (third month running)"]);
    expect(continuing.actors).toEqual(["USA", "UKR"]);
    // Without the months before at hand, it is told as news.
    expect(writeNews(scenario, august).map((s) => s.headline)).toContain("Washington sends weapons to Ukraine");
    // A month's gap starts the count again.
    expect(writeNews(scenario, august, [june]).map((s) => s.headline)).toContain("Washington sends weapons to Ukraine");
  });

  it("keeps as stories what is not the same step carried on: another partner, a lapsed or private order, a deal turned down", () => {
    const july = arms(2, "July 2024", [rebuke, { kind: "deal", id: "trade_deal", actor: "RUS", target: "PRK", headline: "Moscow and Pyongyang agree a trade deal", visibility: "public", outcome: "rejected" }]);
    const august: TurnReport = {
      turn: 3,
      date: "August 2024",
      entries: [
        { kind: "move", id: "arm_ukraine", actor: "USA", target: "UKR", headline: "Washington sends weapons to Ukraine", visibility: "public", outcome: "lapsed", text: "No funds left." },
        { ...rebuke, target: "RUS", headline: "Beijing publicly rebukes Moscow" },
        { ...rebuke, visibility: { seats: ["CHN"] } },
        { kind: "deal", id: "trade_deal", actor: "RUS", target: "PRK", headline: "Moscow and Pyongyang agree a trade deal", visibility: "public", outcome: "accepted" },
      ],
      explanations: [],
    };
    const stories = writeNews(scenario, august, [july]);
    expect(stories.some((s) => s.kind === "continuing")).toBe(false);
    expect(stories).toHaveLength(4);
  });

  it("accounts for every entry of a whole bot game's news, once, and folds what recurs", () => {
    const { rules, state } = freshGame();
    const reports: TurnReport[] = [];
    let st = state;
    let folded = 0;
    while (st.phase !== "over") {
      for (const seat of Object.keys(scenario.actors).filter((a) => scenario.actors[a]!.playable)) st = playBot(rules, st, seat);
      const { state: next, report: full } = resolveTurn(rules, st);
      const report = reportFor(next, full, "observer")!;
      const stories = writeNews(scenario, report, reports);
      const lines = stories.find((s) => s.kind === "continuing")?.lines ?? [];
      folded += lines.length;
      const told = stories.filter((s) => s.kind !== "roundup" && s.kind !== "continuing").reduce((n, s) => n + (s.told ?? 1), 0);
      expect(told + lines.length).toBe(report.entries.length);
      for (const line of lines) expect(line).toMatch(/ \((second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+th) month running\)$/);
      reports.push(report);
      st = next;
    }
    expect(folded).toBeGreaterThan(0);
  });
});

describe("whose changes a story tells", () => {
  it("tells a covert act's own changes in its story and its exposure's in the exposure's, though both carry the move's id", () => {
    const act = { kind: "move" as const, id: "military_technology", actor: "RUS", target: "PRK", headline: "Moscow transfers military technology to North Korea", visibility: "public" as const };
    const report: TurnReport = {
      turn: 5,
      date: "October 2024",
      entries: [act, { ...act, kind: "discovery", headline: "Exposed: Moscow transfers military technology to North Korea" }],
      explanations: [
        { subject: "relation:KOR:RUS", before: -47.9, after: -65.9, causes: [{ kind: "discovery", id: "military_technology", actor: "RUS", target: "PRK", label: "Exposed", delta: -18, visibility: "public" }] },
        { subject: "relation:PRK:RUS", before: 60, after: 64, causes: [{ kind: "move", id: "military_technology", actor: "RUS", target: "PRK", label: "Technology transfer", delta: 4, visibility: "public" }] },
      ],
    };
    const [exposure, move] = writeNews(scenario, report);
    expect(exposure!.paragraph).toContain("Relations between South Korea and Russia cooled");
    expect(exposure!.paragraph).not.toContain("Relations between North Korea and Russia");
    expect(move!.paragraph).toContain("Relations between North Korea and Russia warmed");
    expect(move!.paragraph).not.toContain("South Korea and Russia");
  });

  it("tells a refused offer without the changes of the same government's accepted offer of that kind to someone else", () => {
    const { rules, state } = freshGame();
    let st = state;
    const ids: string[] = [];
    for (const to of ["CHN", "USA"]) {
      const r = propose(rules, st, "KOR", { move: "joint_statement", target: to, params: { theme: "peace_on_the_peninsula" } });
      if (!r.ok) throw new Error(r.error.message);
      st = r.value.state;
      ids.push(r.value.proposal.id);
    }
    for (const [seat, id, answer] of [["CHN", ids[0], "reject"], ["USA", ids[1], "accept"]] as const) {
      const r = answerProposal(rules, st, seat, id!, answer);
      if (!r.ok) throw new Error(r.error.message);
      st = r.value;
    }
    const { state: next, report: full } = resolveTurn(rules, st);
    const report = reportFor(next, full, "KOR")!;
    const stories = writeNews(scenario, report);
    const refused = stories.find((s) => s.headline.startsWith("Beijing turns down"))!;
    const agreed = stories.find((s) => s.headline.startsWith("Seoul and Washington issue a joint statement"))!;
    expect(agreed.paragraph).toContain("Relations between South Korea and the United States warmed");
    expect(agreed.paragraph).toMatch(/Tension on the Korean peninsula fell/);
    expect(refused.paragraph).not.toContain("the United States");
    expect(refused.paragraph).not.toMatch(/Tension on the Korean peninsula/);
    // "What changed" names each offer apart: the report's causes carry their target.
    const tension = report.explanations.find((x) => x.subject === "world.tension")!;
    expect(tension.causes.filter((c) => c.id === "joint_statement").map((c) => c.target)).toEqual(["USA"]);
  });
});

describe("a move's description in its story", () => {
  it("quotes the description without the author's dated note on the real event", () => {
    const summit = { kind: "move" as const, id: "cjk_summit", actor: "CHN", headline: "China, Japan and South Korea hold a summit", visibility: "public" as const };
    expect(scenario.moves["cjk_summit"]?.description).toContain("(Seoul, 26–27 May 2024)");
    const story = writeStory(scenario, { date: "August 2024", explanations: [] }, summit, 0);
    expect(story.paragraph).toContain("the trilateral summit of the three Northeast Asian economies.");
    expect(story.paragraph).not.toContain("2024)");
  });
});

describe("acts of one kind exposed in the same month", () => {
  it("are one story that dates each, not one identical story per act", () => {
    const exposed = (headline: string, covertId: string) => ({ kind: "discovery" as const, id: "munitions_shipment", actor: "PRK", target: "RUS", headline, visibility: "public" as const, covertId });
    const report: TurnReport = {
      turn: 4,
      date: "September 2024",
      entries: [
        exposed("Exposed: Pyongyang ships munitions to Russia (July 2024)", "c2-PRK-1"),
        exposed("Exposed: Pyongyang ships munitions to Russia (August 2024)", "c3-PRK-1"),
        exposed("Exposed: Pyongyang ships munitions to Russia", "c4-PRK-1"),
        { ...exposed("Exposed: Moscow transfers military technology to North Korea", "c4-RUS-1"), id: "military_technology", actor: "RUS", target: "PRK" },
      ],
      explanations: [],
    };
    const stories = writeNews(scenario, report);
    expect(stories.map((s) => s.headline)).toEqual([
      "Exposed: Pyongyang ships munitions to Russia (July 2024, August 2024 and this month)",
      "Exposed: Moscow transfers military technology to North Korea",
    ]);
    expect(stories[0]!.told).toBe(3);
    expect(stories[0]!.paragraph).toContain("Three such acts came to light at once, from July 2024, August 2024 and this month.");
  });
});
