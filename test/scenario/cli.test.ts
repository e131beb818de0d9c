// `npm run scenario -- validate` as a shell sees it: exit codes and what is printed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExperimentResult } from "../../shared/analysis/experiment.ts";
import { balanceSummary, type SimulationReport } from "../../shared/analysis/report.ts";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.ts";
import { readScenarioFile } from "../../scripts/read-scenario.ts";

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/scenario-cli.ts", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, INIT_CWD: ROOT } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("scenario CLI: validate", () => {
  it("exits 0 and summarises a valid scenario", () => {
    const r = cli("validate", "scenarios/examples/two-rivals.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("ok: Two Rivals (3 actors, 4 moves, 2 events)");
  });

  it("exits 1 and prints every error as file:line:column  path  message", () => {
    const r = cli("validate", "test/fixtures/broken/several-mistakes.yaml");
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[3]).toMatch(/^test\/fixtures\/broken\/several-mistakes\.yaml:22:22 +relations\[0\]\.between\[1\] +unknown actor "BXB"\. Did you mean "BBB"\?/);
    expect(lines[6]).toBe("6 errors");
  });

  it("reads a relative path from the folder the author ran npm in, not the package's folder", () => {
    // npm runs the script in the package's folder and says where it was typed in INIT_CWD.
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/scenario-cli.ts", "validate", "two-rivals.yaml"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: join(ROOT, "scenarios/examples") },
    });
    expect(r.stdout.trim()).toBe("ok: Two Rivals (3 actors, 4 moves, 2 events)");
  });

  it("exits 1 for a file that does not exist, and 2 for a command it does not know", () => {
    const missing = cli("validate", "scenarios/nope.yaml");
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`scenarios/nope.yaml:1:1  -  cannot read ${join(ROOT, "scenarios/nope.yaml")}: no such file`);
    const unknown = cli("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});

describe("scenario CLI: simulate", () => {
  it("prints only the report with --json, byte-identical for the same seed, one thread or two", () => {
    const a = cli("simulate", "scenarios/examples/two-rivals.yaml", "--games", "20", "--seed", "7", "--json", "--threads", "1");
    const b = cli("simulate", "scenarios/examples/two-rivals.yaml", "--games", "20", "--seed", "7", "--json", "--threads", "2");
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe("");
    const report = JSON.parse(a.stdout) as SimulationReport;
    expect(report.games).toBe(20);
    expect(report.seats.map((s) => s.seat)).toEqual(["NOR", "SUD"]);
    expect(report.moves.length).toBeGreaterThan(0);
    expect(report.quantities.some((q) => q.key === "relation:NOR:SUD")).toBe(true);
  });

  it("prints scores, moves, events, objectives and every quantity, with the run time", () => {
    const r = cli("simulate", "scenarios/examples/two-rivals.yaml", "--games", "5", "--seed", "1");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Final score per seat\n +mean +p10 +p90 +max +of max\n  NOR  Northland +[\d.]+ +[\d.]+ +[\d.]+ +of 5\.00/);
    for (const section of ["Objectives at the end", "Moves chosen by bots", "Events", "Relations at the end of the game", "Trade at the end of the game", "Leverage at the end of the game"])
      expect(r.stdout).toContain(section);
    expect(r.stdout).toMatch(/5 games in [\d.]+ s/);
  });

  it("opens with the balance summary, then lists each move's most frequent targets per seat", () => {
    const args = ["simulate", "scenarios/examples/two-rivals.yaml", "--games", "10", "--seed", "2", "--threads", "1"];
    const text = cli(...args).stdout;
    const report = JSON.parse(cli(...args, "--json").stdout) as SimulationReport;
    expect(text).toContain(`\n\nBalance\n${balanceSummary(report).map((l) => `  ${l}\n`).join("")}\nFinal score per seat`);
    for (const m of report.moves) {
      for (const b of m.bySeat.filter((x) => x.targets.length > 0)) {
        const first = b.targets[0]!;
        expect(text).toMatch(new RegExp(`\\n {6}${b.seat} on ${first.name} ${first.perGame.toFixed(2)}`));
      }
    }
    expect(report.moves.some((m) => m.bySeat.some((b) => b.targets.length > 0))).toBe(true);
  });

  it("writes a standalone HTML report with charts", () => {
    const out = join(mkdtempSync(join(tmpdir(), "faultline-html-")), "report.html");
    const r = cli("simulate", "scenarios/examples/two-rivals.yaml", "--games", "5", "--seed", "1", "--html", out);
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<canvas id=\"scores\">");
    expect(html).toContain("new Chart(");
    expect(html).not.toMatch(/<script[^>]+src=/); // Chart.js is inlined: the file opens offline
  });

  it("explains a mistyped option instead of crashing (exit 2)", () => {
    const r = cli("simulate", "scenarios/examples/two-rivals.yaml", "--gmaes", "3");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--gmaes'");
    expect(r.stderr).toContain("usage:");
  });

  it("refuses to simulate an invalid scenario, printing its errors", () => {
    const r = cli("simulate", "test/fixtures/broken/unknown-actor.yaml", "--games", "5");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('unknown actor "BBX"');
  });
});

describe("scenario CLI: experiment", () => {
  it("plays the same seeds under each arm and prints every difference with its standard error, byte-identical in JSON", () => {
    const args = ["experiment", "scenarios/examples/two-rivals.yaml", "--arm", "fund: force NOR fund_unrest SUD", "--arm", "calm: exclude fund_unrest", "--games", "30", "--seed", "3", "--json"];
    const a = cli(...args);
    const b = cli(...args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const x = JSON.parse(a.stdout) as ExperimentResult;
    expect(x.arms.map((arm) => arm.name)).toEqual(["fund", "calm"]);
    const row = x.rows.find((r) => r.key === "chosen:NOR:fund_unrest")!;
    expect(row.means[0]).toBeGreaterThan(row.means[1]!);
    expect(row.significant[0]).toBe(true);
    expect(row.diffs[0]!.se).toBeGreaterThanOrEqual(0);
  });

  it("names the arm and the id in its error for a mistyped statement", () => {
    const r = cli("experiment", "scenarios/examples/two-rivals.yaml", "--arm", "x: force NOR fund_unrst SUD");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('arm "x": unknown move "fund_unrst"');
  });
});

describe("scenario CLI: weigh", () => {
  it("lists what a bot gains from each legal move of a seat, best first", () => {
    const r = cli("weigh", "scenarios/examples/two-rivals.yaml", "NOR", "--turn", "2");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Northland at the start of turn 2 \(seed 1, fast bots\)/);
    // Move lines are indented by at most 5 spaces, the parts under them by more.
    const gains = [...r.stdout.matchAll(/^ {2,5}([+-]\d+\.\d+) {2}\w+/gm)].map((m) => Number(m[1]));
    expect(gains.length).toBeGreaterThan(1);
    expect([...gains].sort((a, b) => b - a)).toEqual(gains);
  });

  it("splits each gain into its parts per objective, well-being and doctrine, which add up to it", () => {
    const r = cli("weigh", "scenarios/examples/two-rivals.yaml", "NOR", "--turn", "2");
    const scenario = readScenarioFile(join(ROOT, "scenarios/examples/two-rivals.yaml"));
    if (!scenario.ok) throw new Error("the example must validate");
    const labels = scenario.value.objectives.NOR!.map((o) => o.label);
    const blocks = r.stdout.split(/\n(?= {2,5}[+-]\d)/).slice(1);
    expect(blocks.length).toBeGreaterThan(1);
    let named = 0;
    for (const block of blocks) {
      const [head = "", ...rest] = block.split("\n");
      const gain = Number(/^ +([+-]\d+\.\d+)/.exec(head)![1]);
      const parts = rest.map((l) => /^ {11,}([+-]\d+\.\d+) {2}(.+)$/.exec(l)).filter((m) => m !== null);
      const sum = parts.reduce((t, m) => t + Number(m[1]), 0);
      expect(Math.abs(sum - gain), head).toBeLessThanOrEqual(0.0005 * (parts.length + 1));
      for (const [, , what = ""] of parts) {
        const objective = /^"(.+)": [+-][\d.]+ at once, [+-][\d.]+ later$/.exec(what);
        if (objective) {
          expect(labels).toContain(objective[1]);
          named++;
        } else expect(what).toMatch(/^own .+ \(well-being\)|^doctrine prefer /);
      }
    }
    expect(named).toBeGreaterThan(0);
    // A deal says how its partner would answer; a move whose targets all weigh the same says a bot draws one.
    expect(r.stdout).toMatch(/trade_deal → SUD\n {13}as offered: Southland would (accept|decline)/);
    expect(r.stdout).toMatch(/sanction → \w+ \(sector=\w+\) {2}\(all 4 target and parameter choices weigh the same: a bot draws one at random\)/);
  });
});

describe("scenario CLI: new, sources, diff", () => {
  const dir = mkdtempSync(join(tmpdir(), "faultline-cli-"));

  it("new scaffolds a commented scenario that validates and simulates, and never overwrites", () => {
    const file = join(dir, "baltic-2025.yaml");
    const made = cli("new", file);
    expect(made.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("id: baltic_2025");
    expect(text).toContain("title: Baltic 2025");
    // Each section is explained by a comment above it.
    for (const section of ["Header", "Sectors", "Indicators", "World values", "Actors", "Moves", "Events", "Objectives", "History"]) expect(text).toMatch(new RegExp(`# --- ${section}`));
    expect(cli("validate", file)).toMatchObject({ code: 0, stdout: "ok: Baltic 2025 (3 actors, 3 moves, 1 event)\n" });
    const sim = cli("simulate", file, "--games", "10", "--json", "--threads", "1");
    expect(sim.code).toBe(0);
    const report = JSON.parse(sim.stdout) as SimulationReport;
    expect(report.games).toBe(10);
    const again = cli("new", file);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists already");
  });

  it("new starts in January of the year the name gives, with each word of the title capitalised", () => {
    const dated = join(dir, "taiwan-strait-2024.yaml");
    expect(cli("new", dated).code).toBe(0);
    const text = readFileSync(dated, "utf8");
    expect(text).toContain("title: Taiwan Strait 2024\n");
    expect(text).toContain("start: 2024-01\n");
    expect(text).toContain("- { date: 2024-01, title: Replace me");
    // Small words stay lower case; a word the author capitalised is kept as typed.
    const undated = join(dir, "war-of-the-NATO_rivals.yaml");
    expect(cli("new", undated).code).toBe(0);
    expect(readFileSync(undated, "utf8")).toContain("title: War of the NATO Rivals\n");
    expect(cli("validate", dated)).toMatchObject({ code: 0, stdout: "ok: Taiwan Strait 2024 (3 actors, 3 moves, 1 event)\n" });
  });

  it("sources prints a bibliography grouped by source, and the figures with a note but no source", () => {
    const r = cli("sources", "scenarios/red-sea-2024.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sources of The Red Sea Crisis, 2024: \d+ sources, \d+ citations/);
    expect(r.stdout).toMatch(/\[\d+\] Central Bank of Egypt, net international reserves, end Dec 2023\n {6}actors\.EGY\.indicators\.reserves: 35\.2 \(2023-12\)/);
    expect(r.stdout).toContain("Figures with a note but no source");
    expect(r.stdout).toMatch(/Starting values given as plain numbers, without source or note: \d+/);
    // Each heading holds what it says: a bare relation is a plain number, listed where it is.
    const bare = cli("sources", "scenarios/examples/two-rivals.yaml").stdout;
    const [noted = "", plain = ""] = bare.split("Starting values given as plain numbers");
    expect(noted).not.toMatch(/relations\[0\]/);
    expect(plain).toMatch(/\n {6}relations\[0\]: relation Northland–Southland: -?\d+/);
  });

  it("sources says what each sanction, treaty, leverage, trade figure and observation is, not only where it is", () => {
    const old = readFileSync(join(ROOT, "scenarios/examples/two-rivals.yaml"), "utf8");
    const sourced = old
      .replace("sanctions: []", `sanctions:\n  - { by: NOR, on: SUD, sector: ${/sectors: \[(\w+)/.exec(old)![1]}, enforcement: 0.5, source: "Sanctions register", date: "2023-12" }`)
      .replace("since: \"1961\" }", 'since: "1961", source: "Treaty series" }')
      .replace("    shares: { NOR: 3, SUD: 1 }\n", '    shares: { NOR: 3, SUD: 1 }\n    source: "Aid statistics"\n');
    const file = join(dir, "two-rivals-sourced.yaml");
    writeFileSync(file, sourced);
    const r = cli("sources", file);
    expect(r.code).toBe(0);
    const sector = /sectors: \[(\w+)/.exec(old)![1]!;
    expect(r.stdout).toMatch(new RegExp(`\\[\\d+\\] Sanctions register\\n {6}sanctions\\[0\\]: Northland sanctions Southland's ${sector} sector \\(enforcement 0\\.5\\) \\(2023-12\\)`));
    expect(r.stdout).toMatch(/\[\d+\] Treaty series\n {6}treaties\[0\]: Northern Pact \(defence: Northland, Midland\) \(1961\)/);
    expect(r.stdout).toMatch(/\[\d+\] Aid statistics\n {6}influence\[0\]: leverage over Midland: Northland 3, Southland 1/);
    expect(r.stdout).toMatch(/\[\d+\] Illustrative figure\n(?: {6}.*\n)* {6}trade\[0\]\.value: trade Northland–Southland \(US\$ bn a year\): 12\.5 \(2023\)/);
    expect(r.stdout).not.toMatch(/(sanctions|treaties|influence)\[0\]: (sanctions|treaties|influence)\[0\]/);
  });

  it("diff summarises added and removed actors and moves, and every changed number", () => {
    const old = readFileSync(join(ROOT, "scenarios/examples/two-rivals.yaml"), "utf8");
    const changed = old
      .replace("  budget: 3 ", "  budget: 4 ")
      .replace("{ between: [NOR, SUD], value: -30 }", "{ between: [NOR, SUD], value: -45 }")
      .replace("  fund_unrest:\n", "  fund_unrest_renamed:\n")
      .replace("  MID:\n    name: Midland\n", "  MID:\n    name: Middle Land\n");
    const file = join(dir, "two-rivals-v2.yaml");
    writeFileSync(file, changed);
    const r = cli("diff", "scenarios/examples/two-rivals.yaml", file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("moves: added fund_unrest_renamed");
    expect(r.stdout).toContain("moves: removed fund_unrest");
    expect(r.stdout).toContain("  turns.budget: 3 -> 4");
    expect(r.stdout).toContain("  relations[0].value: -30 -> -45");
    expect(r.stdout).toContain("  actors.MID.name: Midland -> Middle Land");
    expect(r.stdout).toContain("2 numbers and 1 other value changed:");
    expect(cli("diff", "scenarios/examples/two-rivals.yaml").code).toBe(2);
  });
});
