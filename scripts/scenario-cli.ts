// `npm run scenario -- validate <file>...`           check scenario files, every error at once
// `npm run scenario -- simulate <file> --games N --seed S [--json]`
//                                                      bots play N games; score and indicator spreads
import { parseArgs } from "node:util";
import { readScenarioFile } from "./read-scenario.ts";
import { errorSummary, formatErrors } from "../shared/scenario/format-errors.ts";
import { compileRules } from "../shared/engine/index.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { progressBar, renderSimulation } from "./sim-report.ts";
import { simulate } from "./simulate.ts";

const USAGE = `usage:
  npm run scenario -- validate <file> [<file>...]
  npm run scenario -- simulate <file> --games N --seed S [--json]`;

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

function simulateCommand(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { games: { type: "string", default: "100" }, seed: { type: "string", default: "1" }, json: { type: "boolean", default: false } },
    });
  } catch (e) {
    return usage((e as Error).message); // an unknown or malformed option
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  const games = Number(values.games);
  if (!file || positionals.length > 1) return usage("simulate needs exactly one file");
  if (!Number.isInteger(games) || games < 1) return usage(`--games must be a whole number of at least 1, not "${values.games}"`);
  const scenario = loadOrReport(file);
  if (!scenario) return 1;

  const started = performance.now();
  const bar = new ProgressBar(games, started);
  const results = simulate(compileRules(scenario), {
    games,
    seed: values.seed,
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.clear();
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return 0;
  }
  console.log(`${scenario.title}: ${games} games, seed ${values.seed}`);
  console.log(renderSimulation(results, scenario));
  console.log(`\n${games} games in ${seconds.toFixed(2)} s (${(games / Math.max(seconds, 1e-9)).toFixed(0)} games/s)`);
  return 0;
}

/** Draws on stderr, and only once a run has taken more than a second on an interactive terminal. */
class ProgressBar {
  private shown = false;
  private lastDraw = 0;
  constructor(
    private readonly total: number,
    private readonly started: number,
  ) {}
  update(done: number, total: number): void {
    const now = performance.now();
    if (!process.stderr.isTTY || now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    process.stderr.write(`\r${progressBar(done, total || this.total)}`);
  }
  clear(): void {
    if (this.shown) process.stderr.write("\r\x1b[K");
  }
}

function usage(problem?: string): number {
  if (problem) console.error(problem);
  console.error(USAGE);
  return 2;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === "validate") return validate(rest);
  if (command === "simulate") return simulateCommand(rest);
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  return usage(command ? `unknown command "${command}"` : undefined);
}

process.exitCode = main(process.argv.slice(2));
