// A turn's news tells each thing once, in whole games of the shipped scenarios with bots in every
// seat (ten seeds each): no two entries of a report carry the same headline, and no deal is made
// twice between the same two seats in one turn, one offered each way ("Riyadh and Tehran issue a
// joint statement" and "Tehran and Riyadh issue a joint statement"). What it took: an event's or
// option's first news line heads its own story instead of a second one; a covert action exposed
// turns later says when it was done; a bot answers a deal put to it rather than offering it back.
import { describe, expect, it } from "vitest";
import { compileRules, playGame } from "../../shared/engine/api.ts";
import type { TurnReport } from "../../shared/engine/types.ts";
import { parseFile } from "./helpers.ts";

const SEEDS = Array.from({ length: 10 }, (_, i) => `news-once-${i}`);

/** What a report says twice: repeated headlines, and deals of one move between one pair of seats. */
function toldTwice(report: TurnReport): string[] {
  const out: string[] = [];
  const headlines = new Set<string>();
  const deals = new Set<string>();
  for (const e of report.entries) {
    if (headlines.has(e.headline)) out.push(`turn ${report.turn}: "${e.headline}" twice`);
    headlines.add(e.headline);
    if (e.kind === "deal" && e.outcome === "accepted" && e.actor && e.target) {
      const pair = `${e.id} ${[e.actor, e.target].sort().join("+")}`;
      if (deals.has(pair)) out.push(`turn ${report.turn}: deal ${pair} twice`);
      deals.add(pair);
    }
  }
  return out;
}

describe("a turn's news tells each thing once", () => {
  for (const file of ["scenarios/pyongyang-2024.yaml", "scenarios/red-sea-2024.yaml"]) {
    it(`in ${SEEDS.length} bot games of ${file}`, () => {
      const parsed = parseFile(file);
      if (!parsed.ok) throw new Error(`${file} does not validate`);
      const rules = compileRules(parsed.value);
      const found: string[] = [];
      let entries = 0;
      for (const seed of SEEDS) {
        playGame(rules, seed, {
          onTurn: (_before, report) => {
            entries += report.entries.length;
            found.push(...toldTwice(report).map((x) => `${seed} ${x}`));
          },
        });
      }
      expect(entries).toBeGreaterThan(SEEDS.length * 12 * 5);
      expect(found).toEqual([]);
    }, 120_000);
  }
});

describe("pyongyang-2024: Putin's visit is June's Moscow–Pyongyang summit and treaty", () => {
  it(`in ${SEEDS.length} bot games, June tells the treaty once (the visit's choice) and has no second summit between them`, () => {
    const parsed = parseFile("scenarios/pyongyang-2024.yaml");
    if (!parsed.ok) throw new Error("pyongyang-2024 does not validate");
    const rules = compileRules(parsed.value);
    const pair = (e: TurnReport["entries"][number]) => [e.actor, e.target].sort().join("+") === "PRK+RUS";
    const found: string[] = [];
    let signed = 0;
    for (const seed of SEEDS) {
      playGame(rules, seed, {
        onTurn: (_before, report) => {
          if (report.turn !== 1) return;
          for (const e of report.entries) {
            // Before, Moscow also offered the treaty as a deal in some games: signed twice, its
            // effects (bloc perception +8, tension +5) counted twice.
            if (e.kind === "deal" && e.outcome === "accepted" && pair(e) && (e.id === "partnership_treaty" || e.id === "bilateral_summit")) found.push(`${seed}: ${e.headline}`);
            if (e.headline === "Putin and Kim sign a treaty pledging mutual assistance") signed++;
          }
        },
      });
    }
    expect(found).toEqual([]);
    expect(signed).toBe(SEEDS.length);
  }, 120_000);
});
