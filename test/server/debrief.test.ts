// The debrief of a seminar game over HTTP: three people play the first scenario to its end with a
// Security Council vote, a deal, chat, an inject and a facilitator override with its reason. The
// after-action report and the CSVs hold each turn, each vote by member, the inject and the
// override with its reason; who may fetch what, before and after the end; the JSON log stays
// small; and a replay from one seat shows none of another seat's secrets.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { compileRules, moveOptions } from "../../shared/engine/index.ts";
import type { Order } from "../../shared/engine/types.ts";
import { FacilitatorActionWire } from "../../shared/protocol.ts";
import { exportPath, replayPath, type ReplayFrame } from "../../shared/debrief-wire.ts";
import { INDICATOR_COLUMNS, PARTICIPATION_COLUMNS } from "../../server/game/exports-csv.ts";
import { startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

/** The first legal, affordable move that needs no consent. */
function firstLegalOrder(session: ColyseusSession): Order[] {
  const seat = session.credential.seat!;
  const view = session.snapshot().view;
  const rules = compileRules(session.scenario);
  const left = (view.budget?.total ?? 0) - (view.budget?.spent ?? 0);
  for (const o of moveOptions(rules, view, seat)) {
    if (!o.available || o.accept !== "none" || o.cost > left) continue;
    const params = Object.fromEntries(Object.entries(o.params).map(([k, p]) => [k, p.choices[0]!]));
    const target = o.targets.find((t) => t.legal)?.id;
    if (o.targets.length > 0 && !target) continue;
    return [{ move: o.move, ...(target ? { target } : {}), ...(Object.keys(params).length ? { params } : {}) }];
  }
  return [];
}

const REPO = resolve(import.meta.dirname, "../..");
const OVERRIDE_REASON = "The class agreed the crisis was understated after the briefing";

async function get(path: string, token?: string): Promise<Response> {
  return fetch(`${s.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

/** A CSV download's text, and whether it starts with the UTF-8 byte order mark (fetch's text() drops it). */
async function csvOf(res: Response): Promise<{ bom: boolean; text: string }> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { bom, text: new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes) };
}

/** Parses simple CSV (quoted fields with doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  return rows;
}

describe("the debrief of a finished seminar game", () => {
  let facilitator: ColyseusSession;
  let china: ColyseusSession;
  let russia: ColyseusSession;
  let usa: ColyseusSession;
  let gameId = "";
  let turns = 0;

  it("plays a game with a vote, a deal, chat, an inject and an override; exports are the facilitator's until the end", async () => {
    facilitator = await s.lobby.createGame({ name: "Debrief class", turnMinutes: 0, missingSeats: "hold" });
    gameId = facilitator.credential.gameId;
    china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    usa = await s.lobby.join(gameId, { seat: "USA", name: "Uma" });
    turns = china.scenario.turns.count;

    // Turn 1: a council draft from the US, a private deal China -> Russia refused, chat, an inject.
    expect(await usa.request({ type: "propose", turn: 1, order: { move: "un_new_sanctions" } })).toEqual({ ok: true });
    expect(await china.request({ type: "propose", turn: 1, order: { move: "trade_deal", target: "RUS" } })).toEqual({ ok: true });
    const deal = await waitFor(() => russia.snapshot().view.proposals.find((p) => p.from === "CHN"), "the deal reaches Russia");
    expect(await russia.request({ type: "answer", turn: 1, proposal: deal.id, answer: "reject" })).toEqual({ ok: true });
    const draft = await waitFor(() => china.snapshot().view.proposals.find((p) => p.kind === "council"), "the draft reaches China");
    expect(await china.request({ type: "answer", turn: 1, proposal: draft.id, answer: "abstain" })).toEqual({ ok: true });
    expect(await russia.request({ type: "answer", turn: 1, proposal: draft.id, answer: "no" })).toEqual({ ok: true });
    expect(await china.request({ type: "chat", channel: "public", text: "Beijing calls for calm." })).toEqual({ ok: true });
    expect(await china.request({ type: "chat", channel: ["CHN", "RUS"], text: "Between us." })).toEqual({ ok: true });
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "inject", event: "trash_balloons" } })).toEqual({ ok: true });
    // An adjudication override with its reason: the control cell's command where this build has it,
    // else the log line the control cell writes (kind "override", docs/debrief.md).
    const override = { action: "override", subject: "world.tension", to: 75, reason: OVERRIDE_REASON };
    if (FacilitatorActionWire.safeParse(override).success) {
      expect(await facilitator.request({ type: "facilitate", turn: 1, command: override as never })).toEqual({ ok: true });
    } else {
      const custom = { kind: "override", id: "control-1-1", headline: "Control rules: world.tension set to 75", changes: [{ subject: "world.tension", to: 75 }], reason: OVERRIDE_REASON };
      await s.store.appendAction(gameId, { turn: 1, at: Date.now(), kind: "override", seat: null, who: "Facilitator", payload: { custom, subject: "world.tension", to: 75, reason: OVERRIDE_REASON } });
    }

    // During the game the exports are the facilitator's only.
    expect((await get(exportPath(gameId, "report"))).status).toBe(403);
    expect((await get(exportPath(gameId, "report"), china.credential.token)).status).toBe(403);
    expect((await get(exportPath(gameId, "figures"), china.credential.token)).status).toBe(403);
    const early = await get(exportPath(gameId, "report"), facilitator.credential.token);
    expect(early.status).toBe(200);
    expect(await early.text()).toContain("game in progress");
    // A player may replay only as their own seat during the game.
    expect((await get(replayPath(gameId, 0, "RUS"), china.credential.token)).status).toBe(403);
    expect((await get(replayPath(gameId, 0, "CHN"), china.credential.token)).status).toBe(200);

    for (let turn = 1; turn <= turns; turn++) {
      for (const p of [china, russia, usa]) await waitTurn(p, turn, 20_000);
      // Orders from two seats each turn: what the report reveals and the replay filters.
      for (const p of [china, russia]) {
        const orders = firstLegalOrder(p);
        if (orders.length) expect(await p.request({ type: "orders", turn, orders })).toEqual({ ok: true });
      }
      for (const p of [china, russia, usa]) expect(await p.request({ type: "lock", turn, locked: true })).toEqual({ ok: true });
    }
    await waitFor(() => china.snapshot().status === "over", "game over", 30_000);
  }, 120_000);

  it("the after-action report holds every turn, the vote by member, the inject and the override with its reason", async () => {
    const res = await get(exportPath(gameId, "report"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-disposition")).toContain("report.html");
    const html = await res.text();
    // Kept for people to look at (test-results/ is not committed).
    mkdirSync(join(REPO, "test-results"), { recursive: true });
    writeFileSync(join(REPO, "test-results", "after-action-report.html"), html);
    expect(html).not.toMatch(/<script/i);
    for (let t = 1; t <= turns; t++) expect(html, `turn ${t}`).toContain(`id="turn-${t}"`);
    // The vote by member: every council member's name in the turn-1 vote table.
    const turn1 = html.slice(html.indexOf('id="turn-1"'), html.indexOf('id="turn-2"'));
    expect(turn1).toContain("Security Council:");
    const council = facilitator.scenario.council!;
    for (const m of [...council.permanent, ...council.elected]) expect(turn1, m).toContain(`data-member="${m}"`);
    const abstained = turn1.slice(turn1.indexOf('data-vote="abstain"'));
    expect(abstained.slice(0, abstained.indexOf("</tr>"))).toContain(">China<");
    expect(turn1).toMatch(/data-vote="(no|veto)"><th scope="row">(no|veto) \(\d+\)<\/th><td>[^<]*<span class="member" data-member="RUS">/);
    // The refused deal and the inject.
    expect(turn1).toMatch(/proposed to Russia/);
    expect(turn1).toContain("Trash balloons");
    expect(turn1).toContain("Injected the event");
    // The override, with who and its reason.
    expect(turn1).toContain("Adjudication override: Tension on the Korean peninsula: set to 75");
    expect(turn1).toContain(OVERRIDE_REASON);
    // Standings as shares, secret objectives revealed, charts and the historical notes.
    expect(html).toContain("Final standings");
    expect(html).toContain("secret");
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).toContain("What actually happened");
    // Every real figure of the scenario falls within a whole game: each beside the game in its month.
    expect(html).toContain(`All ${facilitator.scenario.observations.length} real figures fall within it, each set beside this game in the same month.`);
    expect(html).not.toContain("not reached");
    expect(html).toContain("@media print");
  });

  it("once the game is over, anyone with it reads the game's values of the real figures (the end screen's)", async () => {
    const res = await get(exportPath(gameId, "figures"));
    expect(res.status).toBe(200);
    const figures = (await res.json()) as { lastTurn: number; over: boolean; values: (number | null)[] };
    expect(figures.lastTurn).toBe(turns);
    expect(figures.over).toBe(true);
    expect(figures.values).toHaveLength(facilitator.scenario.observations.length);
    expect(figures.values.every((v) => typeof v === "number")).toBe(true);
  });

  it("the indicators CSV has one row per turn and quantity, every turn from the start", async () => {
    const res = await get(exportPath(gameId, "indicators"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const { bom, text: csv } = await csvOf(res);
    writeFileSync(join(REPO, "test-results", "indicators.csv"), csv);
    // A byte order mark first, so Excel reads the en dashes of "China–Russia" as UTF-8.
    expect(bom).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...INDICATOR_COLUMNS]);
    const c = Object.fromEntries(INDICATOR_COLUMNS.map((name, i) => [name, i])) as Record<(typeof INDICATOR_COLUMNS)[number], number>;
    const body = rows.slice(1);
    const tension = body.filter((r) => r[c.scope] === "world" && r[c.indicator] === "tension");
    expect(tension.map((r) => Number(r[c.turn]))).toEqual(Array.from({ length: turns + 1 }, (_, i) => i));
    expect(tension.every((r) => Number.isFinite(Number(r[c.value])))).toBe(true);
    // One machine-readable month in the date column, the words beside it: June 2024 is 2024-06 from the start on.
    expect(body.filter((r) => !/^\d{4}-\d{2}$/.test(r[c.date]!))).toEqual([]);
    expect(tension.slice(0, 3).map((r) => [r[c.date], r[c.period]])).toEqual([
      ["2024-06", "Start"],
      ["2024-06", "June 2024"],
      ["2024-07", "July 2024"],
    ]);
    expect(csv).toContain("China–Russia");
    // An indicator an actor does not hold has no rows for it (it would read as a meaningless 0).
    const scenario = facilitator.scenario;
    const limited = Object.entries(scenario.indicators).filter(([, d]) => d.actors !== undefined);
    expect(limited.length).toBeGreaterThan(0);
    for (const [id, d] of limited) {
      const holders = new Set(body.filter((r) => r[c.scope] === "actor" && r[c.indicator] === id).map((r) => r[c.actor]));
      expect([...holders].filter((a) => !d.actors!.includes(a!))).toEqual([]);
    }
    const shares = body.filter((r) => r[c.scope] === "score" && r[c.indicator] === "share" && Number(r[c.turn]) === turns);
    expect(shares).toHaveLength(6);
    for (const r of shares) expect(Number(r[c.value])).toBeGreaterThanOrEqual(0);
  });

  it("participation per person counts messages, orders, proposals and answers; facilitator only", async () => {
    expect((await get(exportPath(gameId, "participation"))).status).toBe(403);
    expect((await get(exportPath(gameId, "participation"), china.credential.token)).status).toBe(403);
    const { bom, text } = await csvOf(await get(exportPath(gameId, "participation"), facilitator.credential.token));
    expect(bom).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...PARTICIPATION_COLUMNS]);
    const col = (name: string) => PARTICIPATION_COLUMNS.indexOf(name as (typeof PARTICIPATION_COLUMNS)[number]);
    const ana = rows.find((r) => r[0] === "Ana")!;
    expect(ana[col("seat")]).toBe("CHN");
    expect(Number(ana[col("messages")])).toBe(2);
    expect(Number(ana[col("public_messages")])).toBe(1);
    expect(Number(ana[col("proposals")])).toBe(1);
    expect(Number(ana[col("answers")])).toBe(1);
    expect(Number(ana[col("lock_ins")])).toBe(turns);
    const boris = rows.find((r) => r[0] === "Boris")!;
    expect(Number(boris[col("answers")])).toBe(2);
    expect(rows.find((r) => r[0] === "Uma")![col("proposals")]).toBe("1");
    // The control cell's work counts too: the event it injected and its override.
    const control = rows.find((r) => r[col("seat")] === "facilitator")!;
    expect([control[col("injects")], control[col("overrides")], control[col("rulings")]]).toEqual(["1", "1", "0"]);
    // Times a spreadsheet reads as dates, in UTC as the header says.
    for (const r of rows.slice(1)) for (const t of [r[col("first_action_utc")], r[col("last_action_utc")]]) if (t) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(ana[col("first_action_utc")]).toMatch(/^\d{4}-/);
  });

  it("the JSON log is the facilitator's and reasonably small", async () => {
    expect((await get(exportPath(gameId, "log"), china.credential.token)).status).toBe(403);
    const text = await (await get(exportPath(gameId, "log"), facilitator.credential.token)).text();
    writeFileSync(join(REPO, "test-results", "debrief-log.json"), text);
    const log = JSON.parse(text) as { exportedTurn: number; reports: unknown[]; actions: { kind: string; payload: { reason?: string } }[] };
    expect(log.exportedTurn).toBe(turns + 1);
    expect(log.reports).toHaveLength(turns);
    expect(log.actions.some((a) => a.payload?.reason === OVERRIDE_REASON)).toBe(true);
    expect(text.length).toBeLessThan(400_000);
  });

  it("a replay from one seat shows its own secrets and none of another seat's", async () => {
    const scenario = facilitator.scenario;
    const othersSecret = Object.entries(scenario.objectives)
      .filter(([seat]) => seat !== "CHN")
      .flatMap(([, list]) => list.filter((o) => o.secret).map((o) => o.label))
      .filter((l) => !JSON.stringify(china.scenario).includes(l));
    expect(othersSecret.length).toBeGreaterThan(3);
    for (let t = 0; t < turns; t++) {
      const res = await get(replayPath(gameId, t, "CHN"));
      expect(res.status).toBe(200);
      const text = await res.text();
      const frame = JSON.parse(text) as ReplayFrame;
      expect(frame.turn).toBe(t);
      expect(Object.keys(frame.orders).filter((k) => k !== "CHN")).toEqual([]);
      expect(Object.keys(frame.view.orders).filter((k) => k !== "CHN")).toEqual([]);
      expect(frame.view.seed).toBe("");
      for (const label of othersSecret) expect(text, `turn ${t}: ${label}`).not.toContain(label);
      // Russia's side of the private chat and deal never shows in China's frames beyond what China saw.
      expect(frame.view.scores["RUS"]!.objectives.every((o) => !o.secret)).toBe(true);
    }
    // The omniscient replay shows everyone's orders of the turn, and the deal it refused.
    const all = (await (await get(replayPath(gameId, 1, "facilitator"))).json()) as ReplayFrame;
    expect(Object.keys(all.orders).length).toBeGreaterThan(1);
    expect(all.report!.entries.some((e) => e.kind === "deal")).toBe(true);
    // Public view of turn 1 does not show the private deal.
    const pub = (await (await get(replayPath(gameId, 1, "observer"))).json()) as ReplayFrame;
    expect(pub.report!.entries.some((e) => e.kind === "deal")).toBe(false);
    expect((await get(replayPath(gameId, turns + 1, "observer"))).status).toBe(404);
    for (const p of [facilitator, china, russia, usa]) await p.leave();
  });
});
