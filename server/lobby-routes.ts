// The lobby's HTTP API: list, create and describe games. Joining happens over the room itself.
// Creating is limited per address, failed look-ups (guessed codes) too; the list is paged; the
// scenario a description carries is serialised once per scenario, not per request.
import express, { type Application, type Response } from "express";
import type { GameService } from "./games.ts";
import type { Rules } from "../shared/engine/index.ts";
import type { EnginePort } from "./game/engine-port.ts";
import { limiter } from "./http/front-door.ts";
import type { HttpError } from "./http/security.ts";
import type { Limits } from "./limits.ts";
import type { StorageHealth } from "./store/storage-health.ts";
import { StorageError } from "./store/storage-health.ts";
import { COORDINATION_UNAVAILABLE, isCoordinationError } from "./cluster.ts";

/** Games per page of GET /api/games (?limit= up to MAX_PAGE). */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;

export interface LobbyDeps {
  games: GameService;
  catalog: Map<string, Rules>;
  engine: EnginePort;
  limits: Limits;
  health: StorageHealth;
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
  const { games, catalog } = d;
  // The observer's scenario as JSON text, made once per scenario (it is ~80 KB).
  const scenarioJson = new WeakMap<Rules, string>();
  const scenarioText = (rules: Rules): string => {
    let text = scenarioJson.get(rules);
    if (text === undefined) {
      text = JSON.stringify(d.engine.publicScenario(rules, "observer"));
      scenarioJson.set(rules, text);
    }
    return text;
  };

  app.get("/health", (_req, res) => {
    const storage = d.health.get();
    const restore = games.restoreReport;
    const ok = d.health.ok();
    res.status(ok ? 200 : 503).json({
      ok,
      scenarios: [...new Set([...catalog.values()].map((r) => r.scenario.id))],
      database: { writable: storage.writable, integrity: storage.integrity, ...(storage.lastError ? { lastError: { code: storage.lastError.code, at: new Date(storage.lastError.at).toISOString() } } : {}) },
      games: { unfinished: restore.total, restored: restore.restored, reopened: restore.reopened, failed: restore.failed, checking: !restore.done },
    });
  });
  app.get("/api/scenarios", (_req, res) => {
    res.json([...new Set(catalog.values())].map((r) => ({ id: r.scenario.id, title: r.scenario.title, summary: r.scenario.summary, turns: r.scenario.turns.count })));
  });
  // Paged: ?limit=N&before=<cursor>; the next page's cursor is in the X-Next-Page header (and a Link header).
  app.get("/api/games", (req, res) => {
    try {
      const limit = Math.max(1, Math.min(MAX_PAGE, Number(req.query["limit"]) || DEFAULT_PAGE));
      const before = typeof req.query["before"] === "string" ? req.query["before"] : undefined;
      const page = games.list(limit, before);
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
    express.json({ limit: "16kb" }),
    async (req, res) => {
      try {
        const created = await games.create(req.body);
        if (!created.ok) {
          res.status(400).json({ code: created.code, message: created.message });
          return;
        }
        res.status(201).json(created);
      } catch (e) {
        failed(res, e);
      }
    },
  );
  // Only failed look-ups count: guessing codes is what this limit stops, not a class joining.
  app.get("/api/games/:idOrCode", limiter({ windowMs: 15 * 60_000, limit: d.limits.lookupFailuresPer15Min, what: "failed look-ups", skipSuccessfulRequests: true }), async (req, res) => {
    try {
      const g = await games.describe(String(req.params["idOrCode"]).slice(0, 64));
      if (!g) {
        res.status(404).json({ code: "game/not_found", message: "No game with that id or code." });
        return;
      }
      const { rules, ...rest } = g;
      const head = JSON.stringify(rest);
      res.type("application/json").send(`${head.slice(0, -1)},"scenario":${scenarioText(rules)}}`);
    } catch (e) {
      failed(res, e);
    }
  });
}
