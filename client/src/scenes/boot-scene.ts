// BootScene: projects the bundled countries once for the scenario's seats, then starts MapScene.
import Phaser from "phaser";
import type { Topology } from "topojson-specification";
import type { Store } from "../store.ts";
import { projectCountries } from "../map/projection.ts";

/** Sheet size in world units; the camera zooms it to fit the window. */
export const SHEET = { width: 1600, height: 1000 } as const;

export class BootScene extends Phaser.Scene {
  constructor() {
    super({ key: "BootScene" });
  }

  create(): void {
    const store = this.registry.get("store") as Store;
    const topology = this.registry.get("topology") as Topology;
    const scenario = store.get().session?.scenario;
    const focus = scenario ? Object.values(scenario.actors).filter((a) => a.playable).flatMap((a) => a.mapIds) : [];
    const map = projectCountries(topology, SHEET.width, SHEET.height, focus);
    this.scene.start("MapScene", { map });
  }
}
