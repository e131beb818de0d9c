// Entry point for `npm start`: PORT (default 2567) and FAULTLINE_DB (default data/faultline.sqlite),
// or DATABASE_URL=postgres://... for PostgreSQL; REDIS_URL for several processes (docs/deploy.md).
// Start-up checks the database first (integrity, and that it can be written: a read-only or
// unreadable file stops the server with a clear message), then listens, then checks every
// unfinished game and says honestly how many came back and which did not, and why.
import "./node20-polyfill.ts";
import { matchMaker } from "@colyseus/core";
import { makeFaultlineServer } from "./app.ts";
import { clusterFromEnv } from "./cluster.ts";
import { DEFAULT_SCENARIO } from "./scenarios.ts";
import { warmUp } from "./warm-up.ts";
import type { GameStore } from "./store/game-store.ts";
import { DEFAULT_SQLITE_FILE, isPostgresUrl, openStore } from "./store/open-store.ts";

const port = Number(process.env.PORT ?? 2567);
const dbFile = isPostgresUrl(process.env.DATABASE_URL) ? "PostgreSQL" : (process.env.FAULTLINE_DB ?? DEFAULT_SQLITE_FILE);

function stop(message: string): never {
  console.error(`Faultline cannot start: ${message}`);
  process.exit(1);
}

const cluster = clusterFromEnv();
if (cluster && !isPostgresUrl(process.env.DATABASE_URL))
  stop("REDIS_URL (several processes) needs a shared database: set DATABASE_URL=postgres://... as well (SQLite is one process's file).");
if (cluster) {
  // A Redis command failing during an outage must not end the process (Colyseus fires some
  // without awaiting them); games in progress go on.
  let last = 0;
  process.on("unhandledRejection", (e) => {
    if (Date.now() - last > 5000) console.error(`Faultline: ${(e as Error)?.message ?? e} (Redis or another process unreachable?)`);
    last = Date.now();
  });
}

let store: GameStore;
try {
  store = await openStore();
} catch (e) {
  const code = (e as { code?: string }).code ?? "error";
  stop(`the database ${dbFile} cannot be opened for writing (${code}: ${(e as Error).message}). Check that the file and its folder are writable (or that PostgreSQL at DATABASE_URL is up and accepts this user), that the disk has space, and that it is a Faultline database.`);
}
const check = await store.check();
store.health.setChecked(check.integrity, check.writable, check.writeError);
if (!check.writable) stop(`the database ${dbFile} is not writable (${check.writeError}). Check the file's permissions and the free disk space.`);
if (check.integrity !== "ok")
  console.error(`Faultline: the database ${dbFile} failed its integrity check (PRAGMA quick_check): ${check.integrity}. Games on damaged pages are reported below; restore the file from a backup.`);

const { server, games, scenarios } = makeFaultlineServer({ store, cluster });
// Optimised code for the first games after a start (server/warm-up.ts); a failure only costs that.
try {
  const rules = scenarios.get(DEFAULT_SCENARIO);
  if (rules) console.log(`Faultline: warmed up in ${warmUp(rules).ms.toFixed(0)} ms (bot games through the views and the room-state mirror).`);
} catch (e) {
  console.error(`Faultline: warm-up failed (${(e as Error).message}); the first turns may be slower.`);
}
await server.listen(port);
cluster?.start(() => games.sweepDue());
if (cluster) console.log(`Faultline: process ${matchMaker.processId} on Redis, public address ${cluster.publicAddress ?? "(the address each client called)"}.`);
console.log(`Faultline listening on http://localhost:${port} (database ${store.where}, integrity ${check.integrity === "ok" ? "ok" : "DAMAGED"}); checking unfinished games…`);
const report = await games.restoreAll();
console.log(
  `Faultline: ${report.total} unfinished game(s): ${report.restored} restored (${report.reopened} reopened at once), ${report.failed.length} failed.`,
);
for (const f of report.failed) console.error(`Faultline: game ${f.gameId} could not be restored: ${f.reason}`);

server.onShutdown(() => {
  games.stop();
  cluster?.stop();
  scenarios.stop();
  return store.close();
});

// Colyseus's graceful shutdown waits on Redis (and on every room) with no time limit: with Redis
// frozen, or after some load runs, it never ends and a deploy waits for its kill timeout. Every
// acknowledged action is already committed (an action is acknowledged after its commit), so after a bounded wait
// the process exits anyway; another process (or the next start) picks its games up.
const SHUTDOWN_LIMIT_MS = Number(process.env["FAULTLINE_SHUTDOWN_SECONDS"] ?? 10) * 1000;
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => {
    setTimeout(() => {
      console.error(`Faultline: shutdown did not finish within ${SHUTDOWN_LIMIT_MS / 1000} s (${signal}); exiting with everything acknowledged already committed.`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
  });
