// A game keeps the scenario it started with: the folder is re-read when files change (no restart),
// a broken file is listed with its errors, and games started on a file that is later edited or
// broken play on with their stored copy, also after a restart. Facilitators can upload a file.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { ScenarioLibrary } from "../../server/scenarios.ts";
import type { ScenarioListing } from "../../shared/protocol.ts";
import { startServer, tempDir, waitTurn, type TestServer } from "./helpers.ts";

const EXAMPLE = resolve(import.meta.dirname, "..", "..", "scenarios", "examples", "two-rivals.yaml");
const dir = tempDir("faultline-scenarios-");
const folder = join(dir, "scenarios");
const db = join(dir, "games.sqlite");
mkdirSync(folder);
const file = join(folder, "rivals.yaml");
copyFileSync(EXAMPLE, file);
const logs: string[] = [];
/** The 1-based line of the example that contains `text`. */
const lineOf = (text: string): number => readFileSync(EXAMPLE, "utf8").split("\n").findIndex((l) => l.includes(text)) + 1;
let server: TestServer | undefined;

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const listing = async (s: TestServer): Promise<ScenarioListing[]> => (await fetch(`${s.url}/api/scenarios`)).json() as Promise<ScenarioListing[]>;

describe("scenario files and the games started on them", () => {
  it("a game survives its scenario file being edited and then broken, and a restart", async () => {
    server = await startServer(await freePort(), { dbFile: db, scenarios: new ScenarioLibrary(folder, (m) => logs.push(m)) });
    const [first] = await listing(server);
    expect(first).toMatchObject({ file: "rivals.yaml", name: "rivals", title: "Two Rivals", turns: 6, seats: [{ id: "NOR", name: "Northland" }, { id: "SUD", name: "Southland" }] });

    const facilitator = await server.lobby.createGame({ scenario: "rivals", name: "Kept" });
    const gameId = facilitator.credential.gameId;
    const north = await server.lobby.join(gameId, { seat: "NOR", name: "Ana" });
    expect(await north.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(north, 2);

    // Edited: new games see the new title at once (no restart); the running game keeps its own.
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace("title: Two Rivals", "title: Two Rivals, revised").replace("count: 6", "count: 8"));
    server.scenarios.refresh();
    expect((await listing(server))[0]).toMatchObject({ title: "Two Rivals, revised", turns: 8 });
    expect((await server.lobby.describe(gameId)).scenario).toMatchObject({ title: "Two Rivals", turns: { count: 6 } });

    // The workbench opens a folder file by the name the list gives, and nothing else.
    expect(await (await fetch(`${server.url}/api/scenarios/rivals.yaml/source`)).text()).toContain("title: Two Rivals, revised");
    expect((await fetch(`${server.url}/api/scenarios/..%2Fgames.sqlite/source`)).status).toBe(404);

    // Broken: listed with its errors (line and column) and logged; the game plays on.
    writeFileSync(file, original.replace("  count: 6", "  count: six"));
    server.scenarios.refresh();
    const [broken] = await listing(server);
    expect(broken!.file).toBe("rivals.yaml");
    expect(broken!.id).toBeUndefined();
    expect(broken!.errors![0]).toMatchObject({ line: lineOf("  count: 6"), path: "turns.count" });
    expect(logs.some((l) => l.includes("rivals.yaml does not validate") && l.includes(`:${lineOf("  count: 6")}:`))).toBe(true);
    const refused = await fetch(`${server.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "rivals" }) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "create/invalid_scenario" });

    expect(await north.request({ type: "lock", turn: 2, locked: true })).toEqual({ ok: true });
    await waitTurn(north, 3);
    expect(north.scenario.title).toBe("Two Rivals");

    // Restarted on the same database with the file still broken: the game comes back from its copy.
    await north.leave();
    await facilitator.leave();
    await server.close();
    server = await startServer(await freePort(), { dbFile: db, scenarios: new ScenarioLibrary(folder, () => undefined) });
    expect(server.games.restoreReport.failed).toEqual([]);
    const again = await server.lobby.describe(gameId);
    expect(again.scenario.title).toBe("Two Rivals");
    const back = await server.lobby.join(gameId, { seat: "SUD", name: "Ben" });
    expect(back.snapshot().view.turn).toBe(3);
    await back.leave();
  });

  it("a facilitator uploads a file: validated on the spot with located errors, stored with the game", async () => {
    const s = server!;
    const text = readFileSync(EXAMPLE, "utf8").replace("id: two_rivals", "id: uploaded_rivals").replace("title: Two Rivals", "title: Uploaded Rivals");
    const check = await (await fetch(`${s.url}/api/scenarios/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, file: "mine.yaml" }) })).json();
    expect(check).toMatchObject({ ok: true, id: "uploaded_rivals", title: "Uploaded Rivals", turns: 6 });

    const bad = text.replace("budget: 3", "budget: lots");
    const checked = await (await fetch(`${s.url}/api/scenarios/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: bad, file: "mine.yaml" }) })).json();
    expect(checked.ok).toBe(false);
    expect(checked.errors[0]).toMatchObject({ line: lineOf("budget: 3"), path: "turns.budget", code: "scenario/wrong_type" });
    const refused = await fetch(`${s.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioText: bad, scenarioFile: "mine.yaml" }) });
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.code).toBe("create/invalid_scenario");
    expect(body.message).toContain(`line ${lineOf("budget: 3")}`);
    expect(body.errors[0]).toMatchObject({ line: lineOf("budget: 3") });

    const session = await s.lobby.createGame({ scenarioText: text, scenarioFile: "mine.yaml", name: "Uploaded" });
    expect(session.scenario.title).toBe("Uploaded Rivals");
    const listed = (await s.lobby.listGames()).find((g) => g.gameId === session.credential.gameId);
    expect(listed).toMatchObject({ scenario: "uploaded_rivals", title: "Uploaded Rivals" });
    // Not added to the folder: the upload belongs to its game.
    expect((await listing(s)).map((l) => l.title)).not.toContain("Uploaded Rivals");
    await session.leave();
  });
});
