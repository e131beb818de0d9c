// `npm run scenario -- validate` as a shell sees it: exit codes and what is printed.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.ts";

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/scenario-cli.ts", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("scenario CLI: validate", () => {
  it("exits 0 and summarises a valid scenario", () => {
    const r = cli("validate", "scenarios/examples/two-rivals.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("ok: Two Rivals (3 actors, 4 moves, 1 event)");
  });

  it("exits 1 and prints every error as file:line:column  path  message", () => {
    const r = cli("validate", "test/fixtures/broken/several-mistakes.yaml");
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[3]).toMatch(/^test\/fixtures\/broken\/several-mistakes\.yaml:22:22 +relations\[0\]\.between\[1\] +unknown actor "BXB"\. Did you mean "BBB"\?/);
    expect(lines[6]).toBe("6 errors");
  });

  it("exits 1 for a file that does not exist, and 2 for a command it does not know", () => {
    const missing = cli("validate", "scenarios/nope.yaml");
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("scenarios/nope.yaml:1:1  -  cannot read the file: no such file");
    const unknown = cli("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});

describe("scenario CLI: simulate", () => {
  it("prints only the results with --json, byte-identical for the same seed", () => {
    const a = cli("simulate", "scenarios/examples/two-rivals.yaml", "--games", "20", "--seed", "7", "--json");
    const b = cli("simulate", "scenarios/examples/two-rivals.yaml", "--games", "20", "--seed", "7", "--json");
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe("");
    const result = JSON.parse(a.stdout) as { games: number; scores: Record<string, { mean: number; p10: number; p90: number }> };
    expect(result.games).toBe(20);
    expect(Object.keys(result.scores)).toEqual(["NOR", "SUD"]);
  });

  it("prints a table of each seat's score and the indicators, with the run time", () => {
    const r = cli("simulate", "scenarios/examples/two-rivals.yaml", "--games", "5", "--seed", "1");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Final score per seat\n +mean +p10 +p90 +max\n  NOR  Northland +[\d.]+ +[\d.]+ +[\d.]+ +of 5\.00/);
    expect(r.stdout).toContain("World at game end");
    expect(r.stdout).toMatch(/5 games in [\d.]+ s/);
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
