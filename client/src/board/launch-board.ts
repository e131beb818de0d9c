// Loads Phaser and the map data (both lazily, so the start screen stays small) and starts the board.
import Phaser from "phaser";
import type { Topology } from "topojson-specification";
import countries from "world-atlas/countries-110m.json";
import type { Store } from "../store.ts";
import { BootScene } from "../scenes/boot-scene.ts";
import { MapScene } from "../scenes/map-scene.ts";
import { SEA_COLOUR } from "../map/palette.ts";

/** Starts the Phaser board inside `host`; returns the function that destroys it and one that sends it a key. */
export function launchBoard(host: HTMLElement, store: Store): { dispose: () => void; key: (key: string) => void } {
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent: host,
    backgroundColor: SEA_COLOUR,
    scale: { mode: Phaser.Scale.RESIZE, width: host.clientWidth || 800, height: host.clientHeight || 500 },
    // No multisampling: the static map is a pre-drawn texture, and MSAA is costly on software GL.
    // maxTextures 1 keeps the batch shader free of per-pixel texture-unit branches (slow in software GL).
    render: { antialias: true, antialiasGL: false, stencil: false, maxTextures: 1 },
    banner: false,
    scene: [BootScene, MapScene],
    callbacks: {
      preBoot: (g) => {
        g.registry.set("store", store);
        g.registry.set("topology", countries as unknown as Topology);
      },
    },
  });
  // Exposed for the browser tests and the benchmark (map hit points, loop FPS); the UI never reads it.
  (window as unknown as { __faultlineGame?: Phaser.Game }).__faultlineGame = game;
  const onKey = (ev: KeyboardEvent): void => {
    const scene = game.scene.getScene("MapScene") as MapScene | null;
    if (scene?.handleKey(ev.key)) ev.preventDefault();
  };
  host.addEventListener("keydown", onKey);
  // Sizes the board to its host. The host's size is read first: refresh() sizes the canvas from the
  // size last read and only then reads it anew, so without this the canvas could keep the old size
  // while Phaser held the new one, and never catch up (the board-only view on a projector kept an
  // empty band where the side panel had been).
  const fitHost = (): void => {
    game.loop.wake();
    game.scale.getParentBounds();
    game.scale.refresh();
  };
  // On a phone the board sits off screen until its tab is chosen: measure it again when shown.
  const offTab = store.subscribe((s, prev) => {
    if ((s.tab === "map") !== (prev.tab === "map") || s.phone !== prev.phone) requestAnimationFrame(fitHost);
  });
  // The host changes size without a window resize (the phone's Map tab, the side panel): follow it.
  const resized = new ResizeObserver(fitHost);
  resized.observe(host);
  const key = (k: string): void => {
    const scene = game.scene.getScene("MapScene") as MapScene | null;
    scene?.wake();
    scene?.handleKey(k);
  };
  const dispose = (): void => {
    resized.disconnect();
    offTab();
    host.removeEventListener("keydown", onKey);
    // The store outlives the board: let go of it now, not at the next frame.
    (game.scene.getScene("MapScene") as MapScene | null)?.detach();
    // Phaser destroys a game at its next step, which a sleeping loop never takes.
    game.loop.wake();
    game.destroy(true);
  };
  return { dispose, key };
}
