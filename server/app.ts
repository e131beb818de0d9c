// The Faultline server: one Colyseus room type ("game"), the lobby's HTTP API, /health and the
// built client, all on one port.
import { defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import expressStaticGzip from "express-static-gzip";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { systemClock, type Clock } from "./clock.ts";
import { realEngine, type EnginePort } from "./game/engine-port.ts";
import { GameService, ROOM_NAME } from "./games.ts";
import { makeFrontDoor, trustProxyFromEnv } from "./http/front-door.ts";
import { apiNotFound, configureCors, corsOriginsFromEnv, hardenApp, jsonErrors, securityHeaders } from "./http/security.ts";
import { limitsFromEnv, type Limits } from "./limits.ts";
import { mountLobby } from "./lobby-routes.ts";
import { mountDebrief } from "./debrief-routes.ts";
import { makeAddressBook } from "./rooms/access.ts";
import { makeBudgets, makeGameRoom, RESERVATION_SECONDS } from "./rooms/game-room.ts";
import { TurnTimings } from "./rooms/turn-timings.ts";
import { hostedRoom } from "./rooms/hosted-room.ts";
import { SCENARIO_DIR, ScenarioLibrary } from "./scenarios.ts";
import type { GameStore } from "./store/game-store.ts";
import type { Cluster } from "./cluster.ts";
import { COORDINATION_UNAVAILABLE } from "../shared/protocol.ts";

/** Largest WebSocket frame a client may send; bigger frames close that connection (1009). */
export const MAX_PAYLOAD = 64 * 1024;

export interface FaultlineOptions {
  store: GameStore;
  clock?: Clock;
  engine?: EnginePort;
  /** The scenarios (default: the scenarios/ folder, re-read when its files change). */
  scenarios?: ScenarioLibrary;
  /** Folder with the built client; served with an index.html fallback when it exists. */
  staticDir?: string;
  reconnectSeconds?: number;
  /** Per-address and per-seat limits (default: limitsFromEnv()). */
  limits?: Partial<Limits>;
  /** Origins allowed to call the API from another site (default: FAULTLINE_CORS_ORIGINS, none). */
  corsOrigins?: string[];
  /** express "trust proxy" (default: FAULTLINE_TRUST_PROXY, off). */
  trustProxy?: boolean | number | string;
  /** Several processes on Redis (cluster.ts); none: one process, rooms in memory. */
  cluster?: Cluster;
}

export interface Faultline {
  server: Server;
  games: GameService;
  scenarios: ScenarioLibrary;
}

/** Builds the server; call `server.listen(port)` and then `games.restoreAll()`. */
export function makeFaultlineServer(o: FaultlineOptions): Faultline {
  const scenarios = o.scenarios ?? new ScenarioLibrary(process.env["FAULTLINE_SCENARIOS"] || SCENARIO_DIR);
  scenarios.watch();
  const clock = o.clock ?? systemClock;
  const engine = o.engine ?? realEngine;
  const createSecret = o.cluster ? o.cluster.sharedSecret : randomBytes(16).toString("hex");
  const limits: Limits = { ...limitsFromEnv(), ...o.limits };
  const corsOrigins = o.corsOrigins ?? corsOriginsFromEnv();
  configureCors(corsOrigins);
  const timings = new TurnTimings();
  const games = new GameService({ store: o.store, clock, engine, scenarios, createSecret, cluster: o.cluster });
  const Room = makeGameRoom({
    store: o.store,
    clock,
    engine,
    rules: (game) => games.rulesOf(game),
    createSecret,
    reconnectSeconds: o.reconnectSeconds ?? 30,
    limits,
    addresses: makeAddressBook(limits, RESERVATION_SECONDS),
    budgets: makeBudgets(limits),
    closed: (gameId) => games.roomClosed(gameId),
    timings,
  });
  const staticDir = o.staticDir ?? resolve(import.meta.dirname, "..", "client", "dist");
  const cluster = o.cluster;
  const front = makeFrontDoor({
    limits,
    trustProxy: o.trustProxy ?? trustProxyFromEnv(),
    gate: cluster ? () => (cluster.ready() ? undefined : COORDINATION_UNAVAILABLE) : undefined,
  });
  const server = defineServer({
    rooms: { [ROOM_NAME]: defineRoom(hostedRoom(Room, o.store)) },
    transport: new WebSocketTransport({ maxPayload: MAX_PAYLOAD, server: front.server }),
    greet: false,
    // Colyseus logs every cross-process health check at debug level (one or two lines per join on
    // a cluster); those go out only with DEBUG=colyseus:*, the rest as usual.
    logger: colyseusLogger(),
    // A game's room opens on the process whose lobby looked the game up (the proxy spreads
    // look-ups over the processes). Colyseus's default asks the process with the fewest rooms,
    // over Redis with a 2 s timeout, and on a timeout creates the room here as well (#978): the
    // hosting lock refused the second copy, but a look-up racing another one on the chosen
    // process could meet a room that was not the game's (bench:load, 2 processes).
    ...(cluster
      ? { presence: cluster.presence, driver: cluster.driver, selectProcessIdToCreateRoom: async () => matchMaker.processId, ...(cluster.publicAddress ? { publicAddress: cluster.publicAddress } : {}) }
      : {}),
    express: (app) => {
      hardenApp(app);
      app.use(securityHeaders(corsOrigins));
      mountLobby(app, { games, scenarios, engine, limits, health: o.store.health, timings });
      mountDebrief(app, { store: o.store, engine, clock, rules: (game) => games.rulesOf(game) });
      app.use(apiNotFound);
      if (existsSync(staticDir)) {
        // The built client, precompressed at build time (.br, .gz): hashed files under /assets are
        // cached for a year as immutable; index.html and everything else is revalidated each time.
        const serve = expressStaticGzip(staticDir, {
          enableBrotli: true,
          orderPreference: ["br", "gz"],
          index: "index.html",
          serveStatic: {
            setHeaders: (res, file) => {
              res.setHeader("Cache-Control", /[\\/]assets[\\/]/.test(file) ? "public, max-age=31536000, immutable" : "no-cache");
            },
          },
        });
        app.use(serve);
        // SPA fallback: any other GET that is not an API or matchmaking call gets the app.
        app.use((req, res, next) => {
          if ((req.method !== "GET" && req.method !== "HEAD") || req.path.startsWith("/api/") || req.path.startsWith("/matchmake") || req.path.startsWith("/assets/")) return next();
          req.url = /^\/workbench\/?$/.test(req.path) ? "/workbench.html" : "/index.html";
          serve(req, res, next);
        });
      }
      app.use(jsonErrors);
    },
  });
  return { server, games, scenarios };
}

/** Console, without Colyseus's debug lines unless DEBUG names colyseus. */
function colyseusLogger(env: NodeJS.ProcessEnv = process.env): Pick<Console, "debug" | "error" | "info" | "trace" | "warn"> {
  const debug = /colyseus/.test(env["DEBUG"] ?? "");
  return {
    debug: (...args: unknown[]) => (debug ? console.debug(...args) : undefined),
    error: (...args: unknown[]) => console.error(...args),
    info: (...args: unknown[]) => console.info(...args),
    trace: (...args: unknown[]) => console.trace(...args),
    warn: (...args: unknown[]) => console.warn(...args),
  };
}
