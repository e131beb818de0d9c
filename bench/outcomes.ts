// Outcome fingerprints: speed work must never change what the engine computes. This plays a fixed
// set of games and hashes everything they produce, then records the hashes (`record`) or compares
// them with the recorded ones (`check`, the default; exits 1 and names the first game that differs).
//
//   node --import tsx bench/outcomes.ts [check|record] [--quick]
//
// Fingerprinted, for the first scenario and the engine's test fixture:
//   fast:      final states of 300 fast-level games (first scenario and fixture);
//   strong:    final states of 30 strong-level games (first scenario) and 30 of the fixture;
//   reports:   50 games with explanations on: every turn's state before resolution, report and
//              state after; the same games with explanations off must give the same states and
//              the same entries;
//   arms:      the records of 2 experiment arms x 40 games each (forced and excluded moves, set votes);
//   reasons:   every seat's plan with its one-line reasons on every turn of 15 fast and 3 strong games;
//   pool:      arm a's records played on the simulation pool's worker threads equal this thread's.
// States are hashed twice: with the engine's own stateHash (a public output that must not change)
// and with the plain serialiser below, which does not depend on engine code under optimisation.
//
// The recorded hashes belong to the scenario files as they are in this checkout: after a deliberate
// change to a scenario or to what bots decide, record again (and say so in the commit).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { recordGame } from "../shared/analysis/record.ts";
import { parseArm } from "../shared/analysis/experiment.ts";
import { stateHash, type Rules } from "../shared/engine/api.ts";
import { botPlanCompiled, type BotOptions } from "../shared/engine/bot.ts";
import { playBotGame } from "../shared/engine/play.ts";
import { resolveCompiled } from "../shared/engine/resolve.ts";
import { compiled } from "../shared/engine/rules.ts";
import { startGameCompiled } from "../shared/engine/events.ts";
import { botTurn } from "../shared/engine/play.ts";
import type { BotLevel, GameState } from "../shared/engine/types.ts";
import { recordGames } from "../scripts/sim-pool.ts";
import { FIRST_SCENARIO, firstScenarioRules } from "../test/engine/fixtures/first-scenario.ts";
import { rulesWith } from "../test/engine/fixtures/build.ts";

const FILE = new URL("./outcomes.json", import.meta.url);
const mode = process.argv.includes("record") ? "record" : "check";
/** --quick: a tenth of the games (a fast check while working; `check` before every commit). */
const scale = process.argv.includes("--quick") ? 0.1 : 1;
const n = (games: number): number => Math.max(1, Math.round(games * scale));

/** Plain canonical JSON (sorted keys), written independently of shared/engine/hash.ts. */
function plain(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(plain).join(",")}]`;
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec).filter((k) => rec[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${plain(rec[k])}`).join(",")}}`;
}
const sha = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 20);
const fingerprint = (st: GameState): string => `${stateHash(st)}/${sha(plain(st))}`;

type Fingerprints = Record<string, string[]>;

function finals(rules: Rules, prefix: string, games: number, level: BotLevel): string[] {
  const c = compiled(rules);
  const out: string[] = [];
  for (let i = 0; i < games; i++) out.push(fingerprint(playBotGame(c, `${prefix}-${i}`, { level })));
  return out;
}

/** Every turn of a game with explanations on, and the same game with them off, as one fingerprint. */
function reports(rules: Rules, games: number): string[] {
  const c = compiled(rules);
  const out: string[] = [];
  for (let i = 0; i < games; i++) {
    const on: string[] = [];
    const off: string[] = [];
    let s = startGameCompiled(c, `report-${i}`);
    while (s.phase !== "over") {
      const ready = botTurn(c, s);
      const a = resolveCompiled(c, ready, { explain: true });
      const b = resolveCompiled(c, ready, { explain: false });
      on.push(fingerprint(ready), sha(plain(a.report)), fingerprint(a.state));
      off.push(sha(plain({ ...b.report, explanations: [] })), fingerprint(b.state));
      if (plain(b.state) !== plain(a.state)) throw new Error(`report-${i} turn ${s.turn}: explanations change the state`);
      if (plain(b.report.entries) !== plain(a.report.entries)) throw new Error(`report-${i} turn ${s.turn}: explanations change the entries`);
      s = a.state;
    }
    out.push(sha(on.join(" ")) + "/" + sha(off.join(" ")));
  }
  return out;
}

/** The records of an experiment arm's games. */
function arm(rules: Rules, text: string, games: number): string[] {
  const parsed = parseArm(rules.scenario, text);
  if (!parsed.ok) throw new Error(parsed.error);
  const out: string[] = [];
  for (let i = 0; i < games; i++) out.push(sha(plain(recordGame(rules, `arm-${i}`, { policy: parsed.value.policy }))));
  return out;
}

/** Every seat's plan (with reasons) on every turn of bot games. */
function reasons(rules: Rules, games: number, level: BotLevel): string[] {
  const c = compiled(rules);
  const opts: BotOptions = { level, reasons: true };
  const out: string[] = [];
  for (let i = 0; i < games; i++) {
    const plans: string[] = [];
    let s = startGameCompiled(c, `reasons-${level}-${i}`);
    while (s.phase !== "over") {
      const ready = botTurn(c, s, { level });
      // Plans of every seat at the start of the turn and, for answers, once proposals are made.
      for (const seat of c.seats) plans.push(plain(botPlanCompiled(c, s, seat, opts)), plain(botPlanCompiled(c, ready, seat, opts)));
      s = resolveCompiled(c, ready, { explain: false }).state;
    }
    out.push(sha(plans.join("\n")));
  }
  return out;
}

/** The same arm's records through the simulation pool's worker threads: must equal `arm`'s. */
async function pooledArm(rules: Rules, text: string, games: number): Promise<string[]> {
  const parsed = parseArm(rules.scenario, ARM_A);
  if (!parsed.ok) throw new Error(parsed.error);
  const seeds = Array.from({ length: games }, (_, i) => `arm-${i}`);
  const records = await recordGames(text, FIRST_SCENARIO, seeds, { policy: parsed.value.policy }, { threads: 2 });
  return records.map((r) => sha(plain(r)));
}

const ARM_A = "a: force PRK munitions_shipment; vote CHN un_new_sanctions abstain";

async function main(): Promise<number> {
  const first = firstScenarioRules();
  const fixture = rulesWith();
  const runs: [string, () => string[]][] = [
    ["first/fast", () => finals(first, "fast", n(300), "fast")],
    ["fixture/fast", () => finals(fixture, "fast", n(300), "fast")],
    ["first/strong", () => finals(first, "strong", n(30), "strong")],
    ["fixture/strong", () => finals(fixture, "strong", n(30), "strong")],
    ["first/reports", () => reports(first, n(50))],
    ["fixture/reports", () => reports(fixture, n(50))],
    ["first/arm-a", () => arm(first, ARM_A, n(40))],
    ["first/arm-b", () => arm(first, "b: exclude munitions_shipment; accept CHN arms_request", n(40))],
    ["first/reasons-fast", () => reasons(first, n(15), "fast")],
    ["first/reasons-strong", () => reasons(first, n(3), "strong")],
    ["fixture/reasons-strong", () => reasons(fixture, n(10), "strong")],
  ];
  const got: Fingerprints = {};
  for (const [name, run] of runs) {
    const t0 = performance.now();
    got[name] = run();
    console.log(`${name}: ${got[name]!.length} fingerprints in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // Worker threads record what this thread records (compared with this run, not with the file).
  const pooled = await pooledArm(first, readFileSync(FIRST_SCENARIO, "utf8"), n(40));
  if (pooled.join() !== got["first/arm-a"]!.join()) {
    console.log("DIFFERENT first/arm-a on the simulation pool's worker threads");
    return 1;
  }
  console.log("first/arm-a: the simulation pool's worker threads record the same");
  if (mode === "record") {
    if (scale !== 1) throw new Error("record the full set, without --quick");
    writeFileSync(FILE, `${JSON.stringify(got, null, 1)}\n`);
    console.log(`recorded ${FILE.pathname}`);
    return 0;
  }
  if (!existsSync(FILE)) throw new Error(`no recorded fingerprints: run with "record" first`);
  const want = JSON.parse(readFileSync(FILE, "utf8")) as Fingerprints;
  let bad = 0;
  for (const [name, list] of Object.entries(got)) {
    const ref = want[name] ?? [];
    // --quick checks the first games of each recorded list.
    const i = list.findIndex((x, k) => x !== ref[k]);
    if (i >= 0) {
      console.log(`DIFFERENT ${name}: game ${i} (${list[i]} vs recorded ${ref[i] ?? "none"})`);
      bad++;
    }
  }
  console.log(bad === 0 ? "all outcomes identical to the recorded ones" : `${bad} sets differ`);
  return bad === 0 ? 0 : 1;
}

process.exitCode = await main();
