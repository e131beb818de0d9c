// The lobby's HTTP API: list, create and describe games. Joining happens over the room itself.
// Creating is limited per address, failed look-ups (guessed codes) too; the list is paged; the
// scenario a description carries is serialised once per scenario, not per request, and joining
// looks a game up without it (?scenario=0).
import { createHash } from "node:crypto";
import express, { type Application, type Response } from "express";
import type { GameService } from "./games.ts";
import type { Rules } from "../shared/engine/index.ts";
import { COORDINATION_UNAVAILABLE, MAX_SCENARIO_BYTES } from "../shared/protocol.ts";
import type { ScenarioLibrary } from "./scenarios.ts";
import type { EnginePort } from "./game/engine-port.ts";
import { notFoundLimiter, limiter } from "./http/front-door.ts";
import type { HttpError } from "./http/security.ts";
import type { Limits } from "./limits.ts";
import type { TurnTimings } from "./rooms/turn-timings.ts";
import type { StorageHealth } from "./store/storage-health.ts";
import { StorageError } from "./store/storage-health.ts";
import { isCoordinationError } from "./cluster.ts";

/** Games per page of GET /api/games (?limit= up to MAX_PAGE). */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;

export interface LobbyDeps {
  games: GameService;
  scenarios: ScenarioLibrary;
  engine: EnginePort;
  limits: Limits;
  health: StorageHealth;
  /** How long resolved turns take to go out on this process. */
  timings?: TurnTimings;
}

/** A failure as JSON: storage problems are 503 with server/storage_error, anything else 500 without details. */
function failed(res: Response, e: unknown): void {
  if (e instanceof StorageError) {
    res.status(503).json({ code: "server/storage_error", message: "The game's data cannot be read or written right now; tell the host." } satisfies HttpError);
    return;
  }
  if (isCoordinationError(e)) {
    res.status(503).json(COORDINATION_UNAVAILABLE satisfies HttpError);
    return;
  }
  console.error(`lobby: ${(e as Error).message}`);
  res.status(500).json({ code: "server/error", message: "Something went wrong on the server." } satisfies HttpError);
}

/** Mounts /health and /api/* on the express app. */
export function mountLobby(app: Application, d: LobbyDeps): void {
  const { games, scenarios } = d;
  // A body may carry an uploaded scenario file (the shipped ones are ~120 KB).
  const bodyLimit = `${Math.ceil((MAX_SCENARIO_BYTES + 16_384) / 1024)}kb`;
  // The observer's scenario as JSON bytes with their hash, made once per scenario (~80 KB): a join
  // storm describes a game hundreds of times, and turning the text into bytes and hashing it for
  // an ETag on every request was most of what a description cost.
  const scenarioJson = new WeakMap<Rules, { bytes: Buffer; hash: string }>();
  const scenarioBytes = (rules: Rules) => {
    let s = scenarioJson.get(rules);
    if (s === undefined) {
      const bytes = Buffer.from(JSON.stringify(d.engine.publicScenario(rules, "observer")));
      s = { bytes, hash: createHash("sha1").update(bytes).digest("base64url").slice(0, 16) };
      scenarioJson.set(rules, s);
    }
    return s;
  };

  app.get("/health", (_req, res) => {
    const storage = d.health.get();
    const restore = games.restoreReport;
    const ok = d.health.ok();
    res.status(ok ? 200 : 503).json({
      ok,
      scenarios: scenarios.all().map((r) => r.scenario.id),
      database: { writable: storage.writable, integrity: storage.integrity, ...(storage.lastError ? { lastError: { code: storage.lastError.code, at: new Date(storage.lastError.at).toISOString() } } : {}) },
      games: { unfinished: restore.total, restored: restore.restored, reopened: restore.reopened, failed: restore.failed, checking: !restore.done },
      ...(d.timings ? { turns: d.timings.summary() } : {}),
    });
  });
  // Every file of the folder: playable ones with title, summary, seats and turns; broken ones with their errors.
  app.get("/api/scenarios", (_req, res) => {
    scenarios.refresh();
    res.setHeader("Cache-Control", "no-cache");
    res.json(scenarios.list());
  });
  // A folder file's text, for the workbench to open (only names the list gives; never a path).
  app.get("/api/scenarios/:file/source", (req, res) => {
    const text = scenarios.fileText(String(req.params["file"]));
    if (text === undefined) {
      res.status(404).json({ code: "scenario/not_found", message: "No scenario file of that name in the server's folder." });
      return;
    }
    res.type("text/yaml; charset=utf-8").setHeader("Cache-Control", "no-cache");
    res.send(text);
  });
  // Checks an uploaded file without creating anything: { ok } or { ok: false, errors } with lines and columns.
  app.post(
    "/api/scenarios/check",
    limiter({ windowMs: 60_000, limit: d.limits.createPerMinute * 4, what: "scenario checks" }),
    express.json({ limit: bodyLimit }),
    (req, res) => {
      const body = req.body as { text?: unknown; file?: unknown } | undefined;
      if (typeof body?.text !== "string" || body.text.length > MAX_SCENARIO_BYTES) {
        res.status(400).json({ code: "scenario/bad_upload", message: `Send { "text": <the scenario file's text> } of at most ${MAX_SCENARIO_BYTES} characters.` });
        return;
      }
      const file = typeof body.file === "string" ? body.file.slice(0, 120) : "uploaded scenario";
      const r = scenarios.compile(body.text, file);
      if (!r.ok) {
        res.json({ ok: false, errors: r.errors.slice(0, 100).map((e) => ({ line: e.line, column: e.column, path: e.path, code: e.code, message: e.message })) });
        return;
      }
      const s = r.value.rules.scenario;
      res.json({ ok: true, id: s.id, title: s.title, summary: s.summary, turns: s.turns.count, seats: Object.entries(s.actors).filter(([, a]) => a.playable).map(([id, a]) => ({ id, name: a.name })) });
    },
  );
  // Paged: ?limit=N&before=<cursor>; the next page's cursor is in the X-Next-Page header (and a Link header).
  app.get("/api/games", async (req, res) => {
    try {
      const limit = Math.max(1, Math.min(MAX_PAGE, Number(req.query["limit"]) || DEFAULT_PAGE));
      const before = typeof req.query["before"] === "string" ? req.query["before"] : undefined;
      const page = await games.list(limit, before);
      if (page.next !== undefined) {
        res.setHeader("X-Next-Page", String(page.next));
        res.setHeader("Link", `</api/games?limit=${limit}&before=${encodeURIComponent(page.next)}>; rel="next"`);
      }
      res.json(page.games);
    } catch (e) {
      failed(res, e);
    }
  });
  app.post(
    "/api/games",
    limiter({ windowMs: 60_000, limit: d.limits.createPerMinute, what: "new games" }),
    limiter({ windowMs: 3_600_000, limit: d.limits.createPerHour, what: "new games" }),
    express.json({ limit: bodyLimit }),
    async (req, res) => {
      try {
        const created = await games.create(req.body);
        if (!created.ok) {
          res.status(400).json({ code: created.code, message: created.message, ...(created.errors ? { errors: created.errors } : {}) });
          return;
        }
        res.status(201).json(created);
      } catch (e) {
        failed(res, e);
      }
    },
  );
  // Only failed look-ups count: guessing codes is what this limit stops, not a class joining.
  app.get("/api/games/:idOrCode", notFoundLimiter({ windowMs: 15 * 60_000, limit: d.limits.lookupFailuresPer15Min, what: "failed look-ups" }), async (req, res) => {
    try {
      const g = await games.describe(String(req.params["idOrCode"]).slice(0, 64));
      if (!g) {
        res.status(404).json({ code: "game/not_found", message: "No game with that id or code." });
        return;
      }
      const { rules, ...rest } = g;
      // ?scenario=0: only where the game is and its seats (what joining needs; the room sends the scenario).
      if (req.query["scenario"] === "0") {
        res.json(rest);
        return;
      }
      const head = JSON.stringify(rest);
      const scenario = scenarioBytes(rules);
      res.type("application/json");
      res.setHeader("ETag", `W/"${createHash("sha1").update(head).digest("base64url").slice(0, 16)}-${scenario.hash}"`);
      res.send(Buffer.concat([Buffer.from(`${head.slice(0, -1)},"scenario":`), scenario.bytes, Buffer.from("}")]));
    } catch (e) {
      failed(res, e);
    }
  });
}
