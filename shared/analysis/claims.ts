// The fidelity check of a scenario's causal claims: each claim's two arms are played on the same
// seeds with bots on every seat, and each expected number must move the stated way beyond noise.
import type { Rules } from "../engine/index.ts";
import type { BotLevel } from "../engine/types.ts";
import { parseArm } from "../scenario/arms.ts";
import { compareArms } from "./experiment.ts";
import type { GameRecord, RecordOptions } from "./record.ts";
import { significant, type PairedDifference } from "./stats.ts";

export interface ClaimCheck {
  id: string;
  claim: string;
  arms: [string, string];
  results: { key: string; label: string; change: "up" | "down"; means: [number, number]; diff: PairedDifference; holds: boolean }[];
  holds: boolean;
}

/** Records one game of the claim's arm; the caller decides how (this thread, or worker threads). */
export type PlayArm = (seeds: readonly string[], opts: RecordOptions) => GameRecord[] | Promise<GameRecord[]>;

type Claim = Rules["scenario"]["claims"][number];

/** Checks one claim over `seeds`: both arms on the same seeds, each expected number's change. */
export async function checkClaim(rules: Rules, cl: Claim, seeds: readonly string[], level: BotLevel, play: PlayArm): Promise<ClaimCheck> {
  const arms = cl.arms.map((text) => {
    const a = parseArm(rules.scenario, text);
    if (!a.ok) throw new Error(`claim ${cl.id}: ${a.error}`);
    return a.value;
  });
  const records = [];
  for (const arm of arms) records.push(await play(seeds, { level, policy: arm.policy }));
  const x = compareArms(rules, arms, records, { seed: seeds[0] ?? "", level });
  const results = cl.expect.map((e) => {
    const row = x.rows.find((r) => r.key === e.key);
    const diff = row?.diffs[0] ?? { diff: 0, se: 0, t: 0 };
    const holds = significant(diff) && (e.change === "up" ? diff.diff > 0 : diff.diff < 0);
    return { key: e.key, label: row?.label ?? e.key, change: e.change, means: [row?.means[0] ?? 0, row?.means[1] ?? 0] as [number, number], diff, holds };
  });
  return { id: cl.id, claim: cl.claim, arms: [arms[0]!.name, arms[1]!.name], results, holds: results.every((r) => r.holds) };
}

/** Checks every claim of the scenario. */
export async function checkClaims(rules: Rules, seeds: readonly string[], level: BotLevel, play: PlayArm): Promise<ClaimCheck[]> {
  const out: ClaimCheck[] = [];
  for (const cl of rules.scenario.claims) out.push(await checkClaim(rules, cl, seeds, level, play));
  return out;
}
