// The scenarios this server offers, and the rules of every game's own copy of its scenario.
// The folder is re-read when its files change (polled, no restart); a file that does not validate
// is listed with its errors and logged, never silently dropped. A game is played on the text it
// started with (stored with the game), so editing or breaking a file never changes a game.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileRules, type Rules } from "../shared/engine/index.ts";
import { parseScenarioText, type ScenarioError } from "../shared/scenario/load.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import type { ScenarioListing } from "../shared/protocol.ts";

export const DEFAULT_SCENARIO = "pyongyang-2024";
export const SCENARIO_DIR = resolve(import.meta.dirname, "..", "scenarios");
/** How often the folder is checked for changes. */
export const SCENARIO_POLL_MS = 2000;
/** Compiled scenarios kept in memory besides the folder's (games on older or uploaded texts). */
const COMPILED_CACHE = 16;

/** Scenario id or file name (without extension) -> compiled rules. */
export type ScenarioCatalog = Map<string, Rules>;

/** A scenario's text, its hash (how games refer to it) and its compiled rules. */
export interface CompiledScenario {
  text: string;
  hash: string;
  rules: Rules;
}

export const hashText = (text: string): string => createHash("sha256").update(text).digest("hex");
const errorLine = (e: ScenarioError): string => `${e.file}:${e.line}:${e.column} ${e.path}: ${e.message}`;

/** Parses one scenario file's text; returns the problems as plain lines on failure. */
export function parseScenarioFile(text: string, fileName: string): { ok: true; value: Scenario } | { ok: false; errors: string[] } {
  const r = parseScenarioText(text, fileName);
  if (r.ok) return r;
  return { ok: false, errors: r.error.map(errorLine) };
}

interface FolderEntry {
  file: string;
  text: string;
  mtimeMs: number;
  size: number;
  compiled?: CompiledScenario;
  errors?: ScenarioError[];
}

const SCENARIO_FILE = /\.(ya?ml|json)$/;

export class ScenarioLibrary {
  private entries = new Map<string, FolderEntry>();
  private byName: ScenarioCatalog = new Map();
  private byHash = new Map<string, Rules>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly dir: string | null = SCENARIO_DIR,
    private log: (msg: string) => void = console.warn,
    fixed?: ScenarioCatalog,
  ) {
    if (fixed) this.byName = fixed;
    else this.refresh();
  }

  /** Re-reads the files whose size or time changed; true when anything changed. */
  refresh(): boolean {
    if (this.dir === null) return false;
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => SCENARIO_FILE.test(f) && f !== "schema.json").sort();
    } catch {
      this.log(`scenarios: cannot read ${this.dir}`);
      return false;
    }
    let changed = false;
    for (const file of [...this.entries.keys()]) {
      if (!files.includes(file)) {
        this.entries.delete(file);
        this.log(`scenarios: ${file} was removed`);
        changed = true;
      }
    }
    for (const file of files) {
      let stat;
      try {
        stat = statSync(join(this.dir, file));
      } catch {
        continue;
      }
      const old = this.entries.get(file);
      if (old && old.mtimeMs === stat.mtimeMs && old.size === stat.size) continue;
      const entry = this.read(file, stat.mtimeMs, stat.size, old);
      this.entries.set(file, entry);
      changed = true;
    }
    if (changed) this.index();
    return changed;
  }

  private read(file: string, mtimeMs: number, size: number, old: FolderEntry | undefined): FolderEntry {
    const text = readFileSync(join(this.dir!, file), "utf8");
    const compiled = this.compile(text, file);
    if (!compiled.ok) {
      this.log(`scenarios: ${file} does not validate (${compiled.errors.length} error${compiled.errors.length === 1 ? "" : "s"}); games already started on it play on with their own copy:\n  ${compiled.errors.slice(0, 10).map(errorLine).join("\n  ")}`);
      return { file, text, mtimeMs, size, errors: compiled.errors };
    }
    if (old) this.log(`scenarios: ${file} ${old.errors ? "validates again" : "changed"}; new games use the new text`);
    return { file, text, mtimeMs, size, compiled: compiled.value };
  }

  private index(): void {
    const byName: ScenarioCatalog = new Map();
    for (const e of this.entries.values()) {
      if (!e.compiled) continue;
      // Known by its id and by its file name ("pyongyang_2024" and "pyongyang-2024").
      byName.set(e.compiled.rules.scenario.id, e.compiled.rules);
      byName.set(e.file.replace(SCENARIO_FILE, ""), e.compiled.rules);
    }
    this.byName = byName;
  }

  /** Polls the folder every `ms` until `stop()`; the timer does not keep the process alive. */
  watch(ms = SCENARIO_POLL_MS): void {
    if (this.dir === null || this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.refresh();
      } catch (e) {
        this.log(`scenarios: re-reading the folder failed: ${(e as Error).message}`);
      }
    }, ms);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Validates and compiles a text (cached by its hash). */
  compile(text: string, fileName: string): { ok: true; value: CompiledScenario } | { ok: false; errors: ScenarioError[] } {
    const hash = hashText(text);
    const known = this.byHash.get(hash);
    if (known) return { ok: true, value: { text, hash, rules: known } };
    const parsed = parseScenarioText(text, fileName);
    if (!parsed.ok) return { ok: false, errors: parsed.error };
    const rules = compileRules(parsed.value);
    this.remember(hash, rules);
    return { ok: true, value: { text, hash, rules } };
  }

  private remember(hash: string, rules: Rules): void {
    this.byHash.delete(hash);
    this.byHash.set(hash, rules);
    // Drop the least recently used texts that the folder does not hold any more.
    const inFolder = new Set([...this.entries.values()].map((e) => e.compiled?.hash));
    for (const h of this.byHash.keys()) {
      if (this.byHash.size <= COMPILED_CACHE + inFolder.size) break;
      if (!inFolder.has(h)) this.byHash.delete(h);
    }
  }

  /** A folder scenario by id or file name. */
  get(name: string): Rules | undefined {
    return this.byName.get(name);
  }

  /** A folder scenario's text and hash, for storing with a new game. */
  source(name: string): CompiledScenario | undefined {
    const rules = this.byName.get(name);
    if (!rules) return undefined;
    for (const e of this.entries.values()) if (e.compiled?.rules === rules) return e.compiled;
    return undefined;
  }

  /**
   * The rules a game plays by: its stored text when it has one (compiled once, then cached), else
   * (games stored before texts were kept) the folder's scenario of that name.
   */
  async rulesFor(game: { scenario: string; scenarioHash: string | null }, storedText: (hash: string) => Promise<string | undefined>): Promise<Rules | undefined> {
    if (game.scenarioHash === null) return this.byName.get(game.scenario);
    const known = this.byHash.get(game.scenarioHash);
    if (known) {
      this.remember(game.scenarioHash, known);
      return known;
    }
    const text = await storedText(game.scenarioHash);
    if (text === undefined) return undefined;
    const compiled = this.compile(text, `${game.scenario} (stored copy)`);
    return compiled.ok ? compiled.value.rules : undefined;
  }

  /** A folder file's text by its file name (broken files too: the workbench opens them to fix them). */
  fileText(file: string): string | undefined {
    return this.entries.get(file)?.text;
  }

  /** Every compiled folder scenario, once each. */
  all(): Rules[] {
    return [...new Set(this.byName.values())];
  }

  /** What the lobby shows: every file, playable or with its errors. */
  list(): ScenarioListing[] {
    if (this.entries.size === 0) return this.all().map((r) => listing(r, `${r.scenario.id}`));
    return [...this.entries.values()].map((e) =>
      e.compiled
        ? listing(e.compiled.rules, e.file)
        : { file: e.file, errors: e.errors!.slice(0, 50).map((x) => ({ line: x.line, column: x.column, path: x.path, message: x.message })) },
    );
  }
}

function listing(rules: Rules, file: string): ScenarioListing {
  const s = rules.scenario;
  return {
    file,
    id: s.id,
    name: file.replace(SCENARIO_FILE, ""),
    title: s.title,
    summary: s.summary,
    turns: s.turns.count,
    seats: Object.entries(s.actors)
      .filter(([, a]) => a.playable)
      .map(([id, a]) => ({ id, name: a.name })),
  };
}

/** Reads every .yaml/.yml/.json scenario in `dir` once (benches and tests). */
export function loadScenarios(dir = SCENARIO_DIR, log: (msg: string) => void = console.warn): ScenarioCatalog {
  const lib = new ScenarioLibrary(dir, log);
  const out: ScenarioCatalog = new Map();
  for (const r of lib.all()) {
    out.set(r.scenario.id, r);
  }
  for (const l of lib.list()) if (l.id && l.name) out.set(l.name, lib.get(l.id)!);
  return out;
}
