// The lobby's HTTP API: list, create and describe games. Joining happens over the room itself.
import express, { type Application } from "express";
import type { GameService } from "./games.ts";
import type { Rules } from "../shared/engine/index.ts";

/** Mounts /health and /api/* on the express app. */
export function mountLobby(app: Application, games: GameService, catalog: Map<string, Rules>): void {
  app.get("/health", (_req, res) => {
    res.json({ ok: true, scenarios: [...new Set([...catalog.values()].map((r) => r.scenario.id))] });
  });
  app.get("/api/scenarios", (_req, res) => {
    res.json([...new Set(catalog.values())].map((r) => ({ id: r.scenario.id, title: r.scenario.title, summary: r.scenario.summary, turns: r.scenario.turns.count })));
  });
  app.get("/api/games", (_req, res) => {
    res.json(games.list());
  });
  app.post("/api/games", express.json({ limit: "16kb" }), async (req, res) => {
    try {
      const created = await games.create(req.body);
      if (!created.ok) {
        res.status(400).json({ code: created.code, message: created.message });
        return;
      }
      res.status(201).json(created);
    } catch (e) {
      res.status(500).json({ code: "server/error", message: (e as Error).message });
    }
  });
  app.get("/api/games/:idOrCode", async (req, res) => {
    try {
      const d = await games.describe(req.params.idOrCode);
      if (!d) {
        res.status(404).json({ code: "game/not_found", message: "No game with that id or code." });
        return;
      }
      res.json(d);
    } catch (e) {
      res.status(500).json({ code: "server/error", message: (e as Error).message });
    }
  });
}
