// The debrief's HTTP API: the after-action report (HTML), indicators per turn (CSV),
// participation per person (CSV), the JSON log, the game's values of the real figures (JSON, for
// the end screen), and replay frames. Authorisation is a seat
// credential as a bearer token: during the game only the facilitator's opens the exports, and a
// person may replay only as their own seat (the facilitator as anyone); once the game is over,
// anyone with the game id may read the report, the indicators, the real figures and any replay (as an observer
// joining by id could already see everything), while participation and the full log stay the
// facilitator's (names of people, every action).
import type { Application, Request, Response } from "express";
import type { Rules } from "../shared/engine/index.ts";
import { EXPORTS, FACILITATOR_ONLY_EXPORTS, type ExportKind } from "../shared/debrief-wire.ts";
import type { Clock } from "./clock.ts";
import type { GameRecord } from "./store/game-store.ts";
import { limiter } from "./http/front-door.ts";
import { afterActionHtml, gameFigures } from "./game/after-action.ts";
import { buildDebrief } from "./game/debrief.ts";
import { loadDossier, type Dossier } from "./game/dossier.ts";
import type { EnginePort } from "./game/engine-port.ts";
import { indicatorsCsv, participationCsv } from "./game/exports-csv.ts";
import { replayFrame, type ReplayAccess } from "./game/replay-frames.ts";
import type { CredentialRecord, GameStore } from "./store/game-store.ts";
import { StorageError } from "./store/storage-health.ts";

export interface DebriefDeps {
  store: GameStore;
  engine: EnginePort;
  clock: Clock;
  /** The rules a stored game plays by (its own copy of its scenario). */
  rules(game: GameRecord): Promise<Rules | undefined>;
}

/** The report page may use its own inline styles and nothing else: no script, no network. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Per address and minute: downloads are rare (a report per person at the end), replay steps
 * frequent (a class stepping through at once, behind one school NAT). Building a game's dossier
 * replays every turn (~0.5 s for 12 turns), so these bound what one address can make the server do.
 */
export const DOWNLOADS_PER_MINUTE = 60;
export const REPLAY_STEPS_PER_MINUTE = 600;

const KIND_OF_FILE = new Map<string, ExportKind>(Object.entries(EXPORTS).map(([k, f]) => [f, k as ExportKind] as const));

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}

/** Mounts /api/games/:id/debrief/:file and /api/games/:id/replay/:turn. */
export function mountDebrief(app: Application, d: DebriefDeps): void {
  // A dossier replays every turn of a game: kept while nothing new was logged (a few games).
  const cache = new Map<string, { key: string; dossier: Dossier }>();
  const dossierOf = async (gameId: string): Promise<Dossier | undefined> => {
    const record = await d.store.getGame(gameId);
    if (!record) return undefined;
    const key = `${record.turn}:${record.status}:${await d.store.lastActionId(gameId)}`;
    const hit = cache.get(gameId);
    if (hit && hit.key === key) return hit.dossier;
    const rules = await d.rules(record);
    if (!rules) return undefined;
    const dossier = await loadDossier(d.store, d.engine, rules, gameId);
    if (!dossier) return undefined;
    cache.delete(gameId);
    cache.set(gameId, { key, dossier });
    while (cache.size > 8) cache.delete(cache.keys().next().value!);
    return dossier;
  };

  /** The credential sent with the request, if it belongs to this game. */
  const credentialOf = async (req: Request, gameId: string): Promise<CredentialRecord | undefined> => {
    const auth = req.get("authorization") ?? "";
    const m = /^Bearer\s+(\S{1,200})$/i.exec(auth);
    if (!m) return undefined;
    const c = await d.store.findCredential(m[1]!);
    return c && c.gameId === gameId ? c : undefined;
  };

  const failed = (res: Response, e: unknown): void => {
    if (e instanceof StorageError) return refuse(res, 503, "server/storage_error", "The game's data cannot be read right now; tell the host.");
    console.error(`debrief: ${(e as Error).message}`);
    refuse(res, 500, "server/error", "Something went wrong on the server.");
  };

  app.get("/api/games/:id/debrief/:file", limiter({ windowMs: 60_000, limit: DOWNLOADS_PER_MINUTE, what: "debrief downloads" }), async (req, res) => {
    try {
      const gameId = String(req.params["id"]).slice(0, 64);
      const kind = KIND_OF_FILE.get(String(req.params["file"]));
      if (!kind) return refuse(res, 404, "debrief/unknown_export", `Exports are ${Object.values(EXPORTS).join(", ")}.`);
      const dossier = await dossierOf(gameId);
      if (!dossier) return refuse(res, 404, "game/not_found", "No game with that id.");
      const cred = await credentialOf(req, gameId);
      const facilitator = cred?.role === "facilitator";
      if (!facilitator && (!dossier.over || FACILITATOR_ONLY_EXPORTS.includes(kind)))
        return refuse(res, 403, "debrief/not_allowed", dossier.over ? "Only the facilitator can export this." : "The debrief opens to everyone when the game is over; until then only the facilitator can export it.");
      const name = `faultline-${gameId}-${EXPORTS[kind]}`;
      res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
      res.setHeader("Cache-Control", "no-store");
      switch (kind) {
        case "report":
          res.setHeader("Content-Security-Policy", REPORT_CSP);
          res.type("text/html; charset=utf-8").send(afterActionHtml(d.engine, dossier, d.clock.now()));
          return;
        case "indicators":
          res.type("text/csv; charset=utf-8").send(indicatorsCsv(dossier));
          return;
        case "participation":
          res.type("text/csv; charset=utf-8").send(participationCsv(dossier));
          return;
        case "figures":
          res.json(gameFigures(dossier));
          return;
        case "log":
          res.type("application/json").send(JSON.stringify(await buildDebrief(d.store, dossier.record, dossier.current, { reports: dossier.turns.map((t) => t.report), history: [dossier.initialPoint, ...dossier.turns.map((t) => t.point)] })));
          return;
      }
    } catch (e) {
      failed(res, e);
    }
  });

  app.get("/api/games/:id/replay/:turn", limiter({ windowMs: 60_000, limit: REPLAY_STEPS_PER_MINUTE, what: "replay steps" }), async (req, res) => {
    try {
      const gameId = String(req.params["id"]).slice(0, 64);
      const dossier = await dossierOf(gameId);
      if (!dossier) return refuse(res, 404, "game/not_found", "No game with that id.");
      const cred = await credentialOf(req, gameId);
      if (!cred && !dossier.over) return refuse(res, 403, "debrief/not_allowed", "Replaying a game in progress needs your seat's credential.");
      const who: ReplayAccess = cred ? { role: cred.role, seat: cred.seat } : { role: "anyone", seat: null };
      const as = typeof req.query["as"] === "string" ? req.query["as"] : who.role === "player" && who.seat ? who.seat : who.role === "facilitator" || dossier.over ? "facilitator" : "observer";
      const frame = replayFrame(d.engine, dossier, who, Number(req.params["turn"]), as);
      if (!frame.ok)
        return refuse(res, frame.code === "replay/unknown_turn" ? 404 : 403, frame.code, frame.code === "replay/unknown_turn" ? `Turns 0 to ${dossier.turns.length} can be replayed.` : "You may replay this game only as your own seat until it is over.");
      res.setHeader("Cache-Control", "no-store");
      res.json(frame.value);
    } catch (e) {
      failed(res, e);
    }
  });
}
