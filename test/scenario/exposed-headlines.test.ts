// An exposed covert move reads as a sentence for every covert move of every shipped scenario:
// "Beijing's covert sales of dual-use goods to Russia came to light", never "Beijing's covert
// effort to dual-use exports to Russia". The words come from the move's `exposed`, or quote its name.
import { describe, expect, it } from "vitest";
import { ARTICLES, phraseComplaints } from "../support/grammar.ts";
import { writeStory } from "../../client/src/news/write-news.ts";
import type { ReportEntry } from "../../shared/engine/types.ts";
import { exposedHeadline, exposedLabel, exposedPhrase, fillText, nameInSentence, possessive } from "../../shared/engine/text.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { parseFile, scenarioFiles } from "./helpers.ts";

const shipped = [...scenarioFiles("scenarios").filter((f) => !f.startsWith("scenarios/examples/")), ...scenarioFiles("scenarios/examples")];

function load(file: string): Scenario {
  const r = parseFile(file);
  if (!r.ok) throw new Error(`${file} does not load`);
  return r.value;
}

/** Every covert move of a scenario, once per choice of its parameters, as a discovery entry. */
function discoveries(sc: Scenario): ReportEntry[] {
  const ids = Object.keys(sc.actors);
  return Object.entries(sc.moves)
    .filter(([, m]) => m.visibility === "covert")
    .flatMap(([id, m]) => {
      const self = m.actors === "all" ? ids[0]! : m.actors[0]!;
      const others = ids.filter((x) => x !== self);
      const base: ReportEntry = { kind: "discovery", id, actor: self, headline: "", visibility: "public" };
      if (m.target !== "none") base.target = others[0]!;
      if (m.target === "pair") base.target2 = others[1]!;
      const params = Object.entries(m.params ?? {});
      if (params.length === 0) return [base];
      // One entry per choice of each parameter (the others at their first choice).
      return params.flatMap(([name, p]) =>
        p.choices.map((choice) => ({ ...base, params: Object.fromEntries(params.map(([n, q]) => [n, n === name ? choice : q.choices[0]!])) })),
      );
    });
}

/** Words a phrase may not end on: it would stop mid-phrase. */
const DANGLING = new Set([...ARTICLES, "of", "to", "for", "with", "and", "or", "on", "in", "at", "effort", "operation"]);
/** Verbs covert move names start with ("Ship munitions…", "Fund unrest"): never right after "X's". */
const VERBS = new Set(["ship", "buy", "sell", "fund", "loosen", "keep", "transfer", "send", "arm", "supply", "smuggle", "leak", "hack", "bribe", "spy", "sabotage"]);

/** What is wrong with an exposure phrase, as a list of complaints (empty when it reads well). */
function complaints(sc: Scenario, e: ReportEntry, phrase: string): string[] {
  const out: string[] = [];
  const words = phrase.split(/\s+/);
  if (/[{}]/.test(phrase)) out.push("an unfilled slot");
  if (/\bundefined\b/.test(phrase)) out.push('"undefined"');
  if (/effort to/.test(phrase)) out.push('"effort to" before a move name');
  const first = (words[0] ?? "").toLowerCase();
  if (VERBS.has(first) || first === "to") out.push(`starts with a verb: "${words[0]}"`);
  if (!/^[a-z]/.test(phrase)) out.push("does not start lower-case after the actor's name");
  out.push(...phraseComplaints(phrase, { verbs: VERBS, dangling: DANGLING }));
  // The move's own capitalised words (Russia, North Korea, Houthis) keep their capitals.
  const def = sc.moves[e.id]!;
  if (def.exposed) {
    const filled = fillText(sc, def.exposed, e.actor ?? "", e.target ?? "", e.target2 ?? "", e.params ?? {}, e.id);
    for (const w of filled.split(/\s+/)) if (/^[A-Z]/.test(w) && !phrase.includes(w)) out.push(`"${w}" lost its capital`);
  }
  return out;
}

describe("an exposed covert move's story", () => {
  const cases = shipped.flatMap((file) => {
    const sc = load(file);
    return discoveries(sc).map((e) => ({ sc, e, label: `${file}: ${e.id}${e.params ? ` ${JSON.stringify(e.params)}` : ""}` }));
  });

  it("walks the covert moves of every shipped scenario", () => {
    expect(shipped).toEqual(expect.arrayContaining(["scenarios/pyongyang-2024.yaml", "scenarios/red-sea-2024.yaml", "scenarios/examples/two-rivals.yaml"]));
    const covert = shipped.flatMap((f) => Object.values(load(f).moves).filter((m) => m.visibility === "covert"));
    expect(covert.length).toBeGreaterThanOrEqual(8);
    // Every shipped covert move says in its own words what came to light.
    expect(covert.filter((m) => !m.exposed).map((m) => m.name)).toEqual([]);
  });

  it.each(cases)("reads as a sentence: $label", ({ sc, e }) => {
    const phrase = exposedPhrase(sc, e.id, e.actor ?? "", e);
    expect(complaints(sc, e, phrase), phrase).toEqual([]);
    const story = writeStory(sc, { date: "March 2024", explanations: [] }, { ...e, headline: exposedHeadline(sc, e.id, e.actor ?? "", e)! }, 0);
    expect(story.paragraph.startsWith(`March 2024 — ${possessive(nameInSentence(sc, e.actor))} ${phrase} came to light, `), story.paragraph).toBe(true);
    expect(story.headline).toMatch(/^Exposed: [A-Z]/);
    expect(story.headline).not.toMatch(/[{}]|undefined/);
  });

  it("names what came to light in the scenario's own words", () => {
    const sc = load("scenarios/pyongyang-2024.yaml");
    const e: ReportEntry = { kind: "discovery", id: "dual_use_exports", actor: "CHN", headline: "", visibility: "public" };
    const story = writeStory(sc, { date: "March 2024", explanations: [] }, { ...e, headline: exposedHeadline(sc, e.id, "CHN", e)! }, 0);
    expect(story.headline).toBe("Exposed: Beijing sells dual-use goods to Russia");
    expect(story.paragraph).toMatch(/^March 2024 — China's covert sales of dual-use goods to Russia came to light, /);
    expect(exposedPhrase(sc, "loosen_enforcement", "RUS", { params: { sector: "arms" } })).toBe("covert loosening of arms sanctions on North Korea");
    // What its exposure changed is labelled in the same words in "why did this change".
    expect(exposedLabel(sc, "dual_use_exports", "CHN", {})).toBe("Covert sales of dual-use goods to Russia exposed");
    const rivals = load("scenarios/examples/two-rivals.yaml");
    expect(exposedPhrase(rivals, "fund_unrest", "NOR", { target: "SUD" })).toBe("covert funding of unrest in Southland");
  });
});

describe("what came to light, without an `exposed` in the scenario", () => {
  const sc = load("scenarios/examples/two-rivals.yaml");
  const named = (name: string, headline?: string): Scenario => ({
    ...sc,
    moves: { ...sc.moves, fund_unrest: { ...sc.moves["fund_unrest"]!, name, exposed: undefined, headline } },
  });
  it.each([
    ["Fund unrest", "covert operation “Fund unrest” aimed at Southland"],
    ["Dual-use exports to Southland", "covert operation “Dual-use exports to Southland” aimed at Southland"],
  ])("%s -> %s", (name, phrase) => {
    expect(exposedPhrase(named(name), "fund_unrest", "NOR", { target: "SUD" })).toBe(phrase);
  });

  it("heads the story with the move's headline, or the actor's covert operation", () => {
    expect(exposedHeadline(named("Fund unrest"), "fund_unrest", "NOR", { target: "SUD" })).toBe("Exposed: Northland's covert operation “Fund unrest” aimed at Southland");
    expect(exposedHeadline(named("Fund unrest", "{self} funds unrest in {target}"), "fund_unrest", "NOR", { target: "SUD" })).toBe("Exposed: Northland funds unrest in Southland");
  });
});
