// `npm run scenario -- validate <file>...`              check scenario files, every error at once
// `npm run scenario -- simulate <file> [options]`       bots play N games: the full report
// `npm run scenario -- experiment <file> --arm "..."`   the same seeds under arms, with differences
// `npm run scenario -- backtest <file> [options]`       bot games against the scenario's real figures
// `npm run scenario -- new <name>` / `sources <file>` / `diff <old> <new>`   scaffold, bibliography, changes
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compareArms, parseArm, type Arm } from "../shared/analysis/experiment.ts";
import { backtest, backtestFormulas } from "../shared/analysis/backtest.ts";
import { checkClaims } from "../shared/analysis/claims.ts";
import { buildReport } from "../shared/analysis/report.ts";
import { botExplainsGain, botWeighs, compileRules, createGame, playGame } from "../shared/engine/index.ts";
import type { BotLevel } from "../shared/engine/index.ts";
import { errorSummary, formatErrors } from "../shared/scenario/format-errors.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { readScenarioFile, readScenarioText } from "./read-scenario.ts";
import { writeScaffold } from "./scenario-new.ts";
import { bibliography, renderBibliography } from "../shared/scenario/sources.ts";
import { diffScenarios, renderDiff } from "../shared/scenario/diff.ts";
import { relative } from "node:path";
import { renderHtml } from "./sim-html.ts";
import { recordGames, seedsOf } from "./sim-pool.ts";
import { progressBar, renderBacktest, renderClaims, renderExperiment, renderReport } from "./sim-report.ts";

const USAGE = `usage:
  npm run scenario -- validate <file> [<file>...]
  npm run scenario -- simulate <file> [--games N] [--seed S] [--level fast|strong] [--json | --html <out.html>] [--threads N]
  npm run scenario -- experiment <file> --arm "name: statement; ..." [--arm ...] [--games N] [--seed S] [--level fast|strong] [--json] [--all]
      statements: force SEAT MOVE [TARGET [TARGET2]] [param=value]; exclude MOVE; vote SEAT DRAFT yes|no|abstain; accept SEAT MOVE
      with one --arm, it is compared with an arm where bots decide everything
  npm run scenario -- backtest <file> [--games N] [--seed S] [--level fast|strong] [--json]
  npm run scenario -- weigh <file> <SEAT> [--turn N] [--seed S] [--level fast|strong]   what a bot gains from each legal order
  npm run scenario -- new <name>            a small valid scenario with comments, in scenarios/<name>.yaml (or <path>.yaml)
  npm run scenario -- sources <file>        a bibliography of every sourced figure, history entry and claim
  npm run scenario -- diff <old> <new>      what changed: actors, moves, events, objectives, numbers
  npm run scenario -- claims <file> [--games N] [--seed S] [--level fast|strong] [--only id,id] [--json]   the fidelity check of the scenario's claims`;

function loadOrReport(file: string): Scenario | undefined {
  const r = readScenarioFile(file);
  if (r.ok) return r.value;
  console.log(formatErrors(r.error));
  console.log(errorSummary(r.error));
  return undefined;
}

function validate(files: string[]): number {
  if (files.length === 0) return usage("validate needs at least one file");
  let failed = 0;
  for (const file of files) {
    const s = loadOrReport(file);
    if (!s) {
      failed++;
      continue;
    }
    const count = (o: object, noun: string) => `${Object.keys(o).length} ${noun}${Object.keys(o).length === 1 ? "" : "s"}`;
    console.log(`ok: ${s.title} (${count(s.actors, "actor")}, ${count(s.moves, "move")}, ${count(s.events, "event")})`);
  }
  return failed === 0 ? 0 : 1;
}

const COMMON = {
  games: { type: "string", default: "100" },
  seed: { type: "string", default: "1" },
  level: { type: "string", default: "fast" },
  json: { type: "boolean", default: false },
  threads: { type: "string" },
} as const;

interface Run {
  file: string;
  text: string;
  scenario: Scenario;
  games: number;
  seed: string;
  level: BotLevel;
  threads: number | undefined;
}

/** Parses the options every analysis command shares; a number or a message for the user. */
function runOptions(values: { games?: string; seed?: string; level?: string; threads?: string }, positionals: string[], command: string): Run | number {
  const file = positionals[0];
  if (!file || positionals.length > 1) return usage(`${command} needs exactly one file`);
  const games = Number(values.games);
  if (!Number.isInteger(games) || games < 1) return usage(`--games must be a whole number of at least 1, not "${values.games}"`);
  if (values.level !== "fast" && values.level !== "strong") return usage(`--level is fast or strong, not "${values.level}"`);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) return usage(`--threads must be a whole number of at least 1`);
  const scenario = loadOrReport(file);
  if (!scenario) return 1;
  const text = readScenarioText(file);
  return { file, text, scenario, games, seed: values.seed ?? "1", level: values.level, threads };
}


async function simulateCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...COMMON, html: { type: "string" } } });
  } catch (e) {
    return usage((e as Error).message); // an unknown or malformed option
  }
  const run = runOptions(parsed.values, parsed.positionals, "simulate");
  if (typeof run === "number") return run;
  const started = performance.now();
  const bar = new ProgressBar(started);
  const records = await recordGames(run.text, run.file, seedsOf(run.seed, run.games), { level: run.level }, { threads: run.threads, onProgress: (d, t) => bar.update(d, t) });
  bar.clear();
  const report = buildReport(compileRules(run.scenario), records, { seed: run.seed, level: run.level });
  const seconds = (performance.now() - started) / 1000;
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  if (parsed.values.html) {
    writeFileSync(parsed.values.html, renderHtml(report));
    console.log(`wrote ${parsed.values.html}: ${run.games} games in ${seconds.toFixed(2)} s`);
    return 0;
  }
  console.log(renderReport(report));
  console.log(`\n${run.games} games in ${seconds.toFixed(2)} s (${(run.games / Math.max(seconds, 1e-9)).toFixed(0)} games/s)`);
  return 0;
}

async function experimentCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...COMMON, arm: { type: "string", multiple: true }, all: { type: "boolean", default: false } } });
  } catch (e) {
    return usage((e as Error).message);
  }
  const run = runOptions(parsed.values, parsed.positionals, "experiment");
  if (typeof run === "number") return run;
  const rules = compileRules(run.scenario);
  const texts = parsed.values.arm ?? [];
  if (texts.length === 0) return usage("experiment needs at least one --arm");
  const arms: Arm[] = texts.length === 1 ? [{ name: "bots", text: "", policy: {} }] : [];
  for (const t of texts) {
    const a = parseArm(run.scenario, t);
    if (!a.ok) return usage(a.error);
    arms.push(a.value);
  }
  const started = performance.now();
  const bar = new ProgressBar(started);
  const seeds = seedsOf(run.seed, run.games);
  const records = [];
  for (const [i, arm] of arms.entries()) {
    records.push(
      await recordGames(run.text, run.file, seeds, { level: run.level, policy: arm.policy }, { threads: run.threads, onProgress: (d) => bar.update(i * run.games + d, arms.length * run.games) }),
    );
  }
  bar.clear();
  const result = compareArms(rules, arms, records, { seed: run.seed, level: run.level });
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  console.log(renderExperiment(result, parsed.values.all));
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${arms.length} arms × ${run.games} games in ${seconds.toFixed(2)} s`);
  return 0;
}

async function backtestCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: COMMON });
  } catch (e) {
    return usage((e as Error).message);
  }
  const run = runOptions(parsed.values, parsed.positionals, "backtest");
  if (typeof run === "number") return run;
  const rules = compileRules(run.scenario);
  if (run.scenario.observations.length === 0) {
    console.log(`${run.file} has no observations: add dated real figures under observations to backtest it.`);
    return 1;
  }
  const bar = new ProgressBar(performance.now());
  const records = await recordGames(run.text, run.file, seedsOf(run.seed, run.games), { level: run.level, track: backtestFormulas(rules) }, { threads: run.threads, onProgress: (d, t) => bar.update(d, t) });
  bar.clear();
  const b = backtest(rules, records);
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(b, null, 2)}\n`);
  else console.log(renderBacktest(b));
  return 0;
}

async function claimsCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...COMMON, only: { type: "string" } } });
  } catch (e) {
    return usage((e as Error).message);
  }
  const run = runOptions(parsed.values, parsed.positionals, "claims");
  if (typeof run === "number") return run;
  const only = parsed.values.only?.split(",").map((x) => x.trim());
  const unknown = only?.filter((id) => !run.scenario.claims.some((c) => c.id === id)) ?? [];
  if (unknown.length > 0) return usage(`no claim ${unknown.map((u) => `"${u}"`).join(", ")} in ${run.file}`);
  if (only) run.scenario = { ...run.scenario, claims: run.scenario.claims.filter((c) => only.includes(c.id)) };
  const rules = compileRules(run.scenario);
  if (run.scenario.claims.length === 0) {
    console.log(`${run.file} states no claims: add them under claims to check them.`);
    return 1;
  }
  const started = performance.now();
  const checks = await checkClaims(rules, seedsOf(run.seed, run.games), run.level, (seeds, opts) => recordGames(run.text, run.file, seeds, opts, { threads: run.threads }));
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
  else {
    console.log(renderClaims(checks, run.games, run.level));
    console.log(`\n${checks.length} claims × 2 arms × ${run.games} games in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return checks.every((c) => c.holds) ? 0 : 1;
}

/** What a bot weighs: every legal order of a seat (best target per move) with its expected gain. */
function weighCommand(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...COMMON, turn: { type: "string", default: "1" } } });
  } catch (e) {
    return usage((e as Error).message);
  }
  const [file, seat] = parsed.positionals;
  if (!file || !seat) return usage("weigh needs a file and a seat");
  const scenario = loadOrReport(file);
  if (!scenario) return 1;
  if (scenario.actors[seat]?.playable !== true) return usage(`"${seat}" is not a seat of ${file}`);
  const turn = Number(parsed.values.turn);
  if (!Number.isInteger(turn) || turn < 1 || turn > scenario.turns.count) return usage(`--turn must be 1 to ${scenario.turns.count}`);
  const level = parsed.values.level === "strong" ? "strong" : "fast";
  const rules = compileRules(scenario);
  // The state at the start of that turn, after bots played the turns before it.
  let state = createGame(rules, parsed.values.seed);
  if (turn > 1) {
    let n = 0;
    playGame(rules, parsed.values.seed, {
      level,
      onTurn: (_b, _r, after) => {
        if (++n === turn - 1) state = after;
      },
    });
  }
  const weighed = botWeighs(rules, state, seat, { level });
  const best = new Map<string, (typeof weighed)[number]>();
  for (const w of weighed) if (!best.has(w.order.move)) best.set(w.order.move, w);
  console.log(`${scenario.actors[seat]!.name} at the start of turn ${turn} (seed ${parsed.values.seed}, ${level} bots): what each move is worth, best target first`);
  console.log(
    level === "fast"
      ? "  each gain is the sum of its parts: per objective and well-being indicator, its change at once and its later value (the three-turn effect of the dynamics on what it measures, learned once from the starting state and scored where the game stands), and the doctrine's prefer"
      : "  each gain is the sum of its parts: per objective and well-being indicator, its change after projecting the next turns, and the doctrine's prefer",
  );
  const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(3)}`;
  for (const [move, w] of best) {
    const on = [w.order.target, w.order.target2].filter(Boolean).join(", ");
    const params = Object.entries(w.order.params ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(" ");
    const gain = Number.isFinite(w.gain) ? signed(w.gain) : "red line";
    // A bot tries one legal target and parameter choice of a move a turn, drawn at random: when all weigh the same, which one it uses is chance.
    const choices = weighed.filter((x) => x.order.move === move);
    const what = w.order.params ? (w.order.target ? "target and parameter choices" : "parameter choices") : "targets";
    const tie = choices.length > 1 && choices.every((x) => Math.abs(x.gain - w.gain) < 1e-9) ? `  (all ${choices.length} ${what} weigh the same: a bot draws one at random)` : "";
    console.log(`  ${gain.padStart(9)}  ${move}${on ? ` → ${on}` : ""}${params ? ` (${params})` : ""}${tie}`);
    const why = Number.isFinite(w.gain) ? botExplainsGain(rules, state, seat, w.order, { level }) : null;
    if (!why) continue;
    if (why.outcome) console.log(`${"".padStart(13)}as offered: ${why.outcome}`);
    for (const p of why.parts) {
      if (Math.abs(p.now) < 5e-4 && Math.abs(p.later) < 5e-4) continue;
      const label = p.kind === "objective" ? `"${p.id}"` : `own ${scenario.indicators[p.id]?.label ?? p.id} (well-being)`;
      const total = signed(p.now + p.later);
      console.log(`${"".padStart(11)}${total.padStart(9)}  ${label}${level === "fast" ? `: ${signed(p.now)} at once, ${signed(p.later)} later` : ""}`);
    }
    for (const p of why.prefer) console.log(`${"".padStart(11)}${signed(p.value).padStart(9)}  doctrine prefer ${p.id}`);
  }
  const legal = new Set(weighed.map((w) => w.order.move));
  const none = Object.keys(scenario.moves).filter((m) => !legal.has(m) && (scenario.moves[m]!.actors === "all" || scenario.moves[m]!.actors.includes(seat)));
  if (none.length) console.log(`  not legal now: ${none.join(", ")}`);
  return 0;
}

/** Draws on stderr, and only once a run has taken more than a second on an interactive terminal. */
class ProgressBar {
  private shown = false;
  private lastDraw = 0;
  constructor(private readonly started: number) {}
  update(done: number, total: number): void {
    const now = performance.now();
    if (!process.stderr.isTTY || now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    process.stderr.write(`\r${progressBar(done, total)}`);
  }
  clear(): void {
    if (this.shown) process.stderr.write("\r\x1b[K");
  }
}

function newCommand(args: string[]): number {
  if (args.length !== 1) return usage("new needs one name, e.g. npm run scenario -- new baltic-2025");
  const r = writeScaffold(args[0]!);
  if (!r.ok) return usage(r.error);
  const rel = relative(process.cwd(), r.file);
  console.log(`wrote ${rel}\nnext: npm run scenario -- validate ${rel}   (then simulate, or open it in the workbench)`);
  return 0;
}

function sourcesCommand(args: string[]): number {
  if (args.length !== 1) return usage("sources needs exactly one file");
  const s = loadOrReport(args[0]!);
  if (!s) return 1;
  console.log(renderBibliography(s.title, bibliography(s)));
  return 0;
}

function diffCommand(args: string[]): number {
  if (args.length !== 2) return usage("diff needs two files: the old and the new version");
  const a = loadOrReport(args[0]!);
  const b = loadOrReport(args[1]!);
  if (!a || !b) return 1;
  console.log(renderDiff(args[0]!, args[1]!, diffScenarios(a, b)));
  return 0;
}

function usage(problem?: string): number {
  if (problem) console.error(problem);
  console.error(USAGE);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "validate") return validate(rest);
  if (command === "new") return newCommand(rest);
  if (command === "sources") return sourcesCommand(rest);
  if (command === "diff") return diffCommand(rest);
  if (command === "simulate") return simulateCommand(rest);
  if (command === "experiment") return experimentCommand(rest);
  if (command === "backtest") return backtestCommand(rest);
  if (command === "claims") return claimsCommand(rest);
  if (command === "weigh") return weighCommand(rest);
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  return usage(command ? `unknown command "${command}"` : undefined);
}

// npm runs scripts from the package's folder; a path an author types is read from where they typed it.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
process.exitCode = await main(process.argv.slice(2));
