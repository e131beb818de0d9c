// A turned-down proposal reads as a sentence for every consent move of every shipped scenario:
// "Beijing turns down Moscow's request for weapons", never "offer of a ask Beijing for weapons".
// The words come from the move's `offer`, or from its name when that is "Propose a <thing>".
import { describe, expect, it } from "vitest";
import { ARTICLES, phraseComplaints } from "../support/grammar.ts";
import { actorName, offerPhrase, possessive, rejectedHeadline } from "../../shared/engine/text.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { parseFile, scenarioFiles } from "./helpers.ts";

const shipped = [...scenarioFiles("scenarios").filter((f) => !f.startsWith("scenarios/examples/")), ...scenarioFiles("scenarios/examples")];

function load(file: string): Scenario {
  const r = parseFile(file);
  if (!r.ok) throw new Error(`${file} does not load`);
  return r.value;
}

/** Every consent move of a scenario with a proposer and a target it may use. */
function consentMoves(sc: Scenario): { id: string; self: string; target: string }[] {
  const ids = Object.keys(sc.actors);
  return Object.entries(sc.moves)
    .filter(([, m]) => m.accept === "target")
    .map(([id, m]) => {
      const self = m.actors === "all" ? ids[0]! : m.actors[0]!;
      return { id, self, target: ids.find((x) => x !== self)! };
    });
}

/** Words a headline may not end on: it would stop mid-phrase. */
const DANGLING = new Set([...ARTICLES, "of", "to", "for", "with", "and", "or", "on", "offer", "proposal", "invitation", "request", "draft"]);
/** Verbs that start move names ("Ask Beijing for weapons", "Sign a treaty"): never after an article. */
const VERBS = new Set(["ask", "sign", "propose", "offer", "request", "invite", "call", "demand", "hold", "make", "seek", "send", "give"]);

/** What is wrong with a refused-deal headline, as a list of complaints (empty when it reads well). */
function complaints(sc: Scenario, move: { id: string; self: string; target: string }, headline: string): string[] {
  const out: string[] = [];
  const opening = `${actorName(sc, move.target)} turns down ${possessive(actorName(sc, move.self))} `;
  if (!headline.startsWith(opening)) out.push(`does not start "${opening}"`);
  out.push(...phraseComplaints(headline, { verbs: VERBS, dangling: DANGLING }));
  // A name the scenario capitalises (Beijing–Moscow–Pyongyang, Gulf) keeps its capital.
  const def = sc.moves[move.id]!;
  const source = def.offer ?? def.name;
  for (const w of source.split(/\s+/).slice(def.offer ? 0 : 1)) {
    if (/^[A-Z]/.test(w) && !headline.includes(w)) out.push(`"${w}" lost its capital`);
  }
  return out;
}

describe("a refused proposal's headline", () => {
  const cases = shipped.flatMap((file) => {
    const sc = load(file);
    return consentMoves(sc).map((m) => ({ file, sc, move: m, label: `${file}: ${m.id}` }));
  });

  it("walks the consent moves of every shipped scenario", () => {
    expect(shipped).toEqual(expect.arrayContaining(["scenarios/pyongyang-2024.yaml", "scenarios/red-sea-2024.yaml", "scenarios/examples/two-rivals.yaml", "scenarios/examples/essequibo-2023.yaml"]));
    for (const file of shipped) expect(consentMoves(load(file)).length, file).toBeGreaterThan(0);
  });

  it.each(cases)("reads as a sentence: $label", ({ sc, move }) => {
    const headline = rejectedHeadline(sc, { id: move.id, actor: move.self, target: move.target });
    expect(complaints(sc, move, headline), headline).toEqual([]);
  });

  it("names requests and invitations by the scenario's own words", () => {
    const sc = load("scenarios/pyongyang-2024.yaml");
    expect(rejectedHeadline(sc, { id: "arms_request", actor: "RUS", target: "CHN" })).toBe("Beijing turns down Moscow's request for weapons");
    expect(rejectedHeadline(sc, { id: "trilateral_summit", actor: "RUS", target: "CHN" })).toBe("Beijing turns down Moscow's invitation to a Beijing–Moscow–Pyongyang summit");
  });
});

describe("what a proposal offers, without an `offer` in the scenario", () => {
  const sc = load("scenarios/examples/two-rivals.yaml");
  const named = (name: string): Scenario => ({ ...sc, moves: { ...sc.moves, trade_deal: { ...sc.moves["trade_deal"]!, name, offer: undefined } } });
  it.each([
    ["Propose a trade deal", "offer of a trade deal"],
    ["Offer an armistice", "offer of an armistice"],
    ["propose the Northland Accord", "offer of the Northland Accord"],
    ["Ask for a loan", "proposal “Ask for a loan”"],
    ["Roadmap talks", "proposal “Roadmap talks”"],
    ["Propose", "proposal “Propose”"],
  ])("%s -> %s", (name, phrase) => {
    expect(offerPhrase(named(name), "trade_deal")).toBe(phrase);
  });

  it("takes the scenario's `offer` when it has one", () => {
    const sc2: Scenario = { ...sc, moves: { ...sc.moves, trade_deal: { ...sc.moves["trade_deal"]!, offer: "request for a loan" } } };
    expect(rejectedHeadline(sc2, { id: "trade_deal", actor: "NOR", target: "SUD" })).toBe("Southland turns down Northland's request for a loan");
  });
});
