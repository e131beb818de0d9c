// Entry point for `npm start`: PORT (default 2567) and FAULTLINE_DB (default data/faultline.sqlite).
// Start-up checks the database first (integrity, and that it can be written: a read-only or
// unreadable file stops the server with a clear message), then listens, then checks every
// unfinished game and says honestly how many came back and which did not, and why.
import "./node20-polyfill.ts";
import { resolve } from "node:path";
import { makeFaultlineServer } from "./app.ts";
import { checkDatabase, openDatabase } from "./store/db.ts";
import { GameStore } from "./store/game-store.ts";

const port = Number(process.env.PORT ?? 2567);
const dbFile = process.env.FAULTLINE_DB ?? resolve(import.meta.dirname, "..", "data", "faultline.sqlite");

function stop(message: string): never {
  console.error(`Faultline cannot start: ${message}`);
  process.exit(1);
}

let store: GameStore;
try {
  store = new GameStore(openDatabase(dbFile));
} catch (e) {
  const code = (e as { code?: string }).code ?? "error";
  stop(`the database ${dbFile} cannot be opened for writing (${code}: ${(e as Error).message}). Check that the file and its folder are writable, that the disk has space, and that it is a Faultline database.`);
}
const check = checkDatabase(store.db);
store.health.setChecked(check.integrity, check.writable, check.writeError);
if (!check.writable) stop(`the database ${dbFile} is not writable (${check.writeError}). Check the file's permissions and the free disk space.`);
if (check.integrity !== "ok")
  console.error(`Faultline: the database ${dbFile} failed its integrity check (PRAGMA quick_check): ${check.integrity}. Games on damaged pages are reported below; restore the file from a backup.`);

const { server, games, scenarios } = makeFaultlineServer({ store });
await server.listen(port);
console.log(`Faultline listening on http://localhost:${port} (database ${dbFile}, integrity ${check.integrity === "ok" ? "ok" : "DAMAGED"}); checking unfinished games…`);
const report = await games.restoreAll();
console.log(
  `Faultline: ${report.total} unfinished game(s): ${report.restored} restored (${report.reopened} reopened at once), ${report.failed.length} failed.`,
);
for (const f of report.failed) console.error(`Faultline: game ${f.gameId} could not be restored: ${f.reason}`);

server.onShutdown(() => {
  games.stop();
  scenarios.stop();
  store.close();
});
