// Entry point for `npm start`: PORT (default 2567) and FAULTLINE_DB (default data/faultline.sqlite).
import "./node20-polyfill.ts";
import { resolve } from "node:path";
import { makeFaultlineServer } from "./app.ts";
import { openDatabase } from "./store/db.ts";
import { GameStore } from "./store/game-store.ts";

const port = Number(process.env.PORT ?? 2567);
const dbFile = process.env.FAULTLINE_DB ?? resolve(import.meta.dirname, "..", "data", "faultline.sqlite");

const store = new GameStore(openDatabase(dbFile));
const { server, games } = makeFaultlineServer({ store });
await server.listen(port);
const restored = await games.restoreAll();
console.log(`Faultline listening on http://localhost:${port} (database ${dbFile}, ${restored} game(s) resumed)`);

server.onShutdown(() => {
  store.close();
});
