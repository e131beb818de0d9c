// Entry: the start screen and panels load first; Phaser and the map load lazily once a game opens,
// which keeps the initial JavaScript small.
import "./styles.css";
import { Store } from "./store.ts";
import { startApp } from "./app.ts";
import { loadGameServer } from "./server-factory.ts";
import { adoptConsoleLink, loadCredential } from "./credentials.ts";
import { mountProjector, projectorTarget } from "./ui/projector-screen.ts";

const root = document.getElementById("app");
if (root) {
  // Fetch the board (Phaser + map) alongside the connection: at once when returning to a seat,
  // otherwise once the start screen is idle, so joining a game opens the board without a wait.
  const prefetchBoard = (): void => void import("./board/launch-board.ts").catch(() => undefined);
  // A console link from the facilitator's other device: this browser opens the console too.
  adoptConsoleLink();
  if (loadCredential()) prefetchBoard();
  else window.setTimeout(prefetchBoard, 1500);
  const store = new Store();
  const projector = projectorTarget(location.search);
  loadGameServer()
    .then((server) => {
      // The projector link: read-only, nothing stored, never the seat of this browser.
      if (projector && server) return mountProjector(root, store, server, projector).then(() => undefined);
      return startApp(root, store, server);
    })
    .catch((err: unknown) => {
      root.textContent = `Faultline could not start: ${err instanceof Error ? err.message : String(err)}`;
    });
}
