// Entry: the start screen and panels load first; Phaser and the map load lazily once a game opens,
// which keeps the initial JavaScript small.
import "./styles.css";
import { Store } from "./store.ts";
import { startApp } from "./app.ts";
import { loadGameServer } from "./server-factory.ts";

const root = document.getElementById("app");
if (root) {
  const store = new Store();
  loadGameServer()
    .then((server) => startApp(root, store, server))
    .catch((err: unknown) => {
      root.textContent = `Faultline could not start: ${err instanceof Error ? err.message : String(err)}`;
    });
}
