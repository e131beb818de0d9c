// BootScene: projects the bundled countries once, centred and fitted on the scenario's theatre, then starts MapScene.
import Phaser from "phaser";
import type { Topology } from "topojson-specification";
import type { Store } from "../store.ts";
import { countryFeatures, projectCountries } from "../map/projection.ts";
import { theatreOf } from "../map/theatre.ts";

/** Sheet size in world units; the camera zooms it to fit the window. */
export const SHEET = { width: 1600, height: 1000 } as const;

export class BootScene extends Phaser.Scene {
  constructor() {
    super({ key: "BootScene" });
  }

  create(): void {
    performance.mark("faultline:boot");
    const store = this.registry.get("store") as Store;
    const topology = this.registry.get("topology") as Topology;
    const scenario = store.get().session?.scenario;
    const theatre = scenario ? theatreOf(scenario, countryFeatures(topology)) : { centre: [0, 20] as [number, number], bounds: [[-170, -58], [180, 80]] as [[number, number], [number, number]], insets: [] };
    const named = new Set(Object.values(scenario?.actors ?? {}).flatMap((a) => a.mapIds));
    const map = projectCountries(topology, SHEET.width, SHEET.height, theatre, named);
    performance.mark("faultline:projected");
    this.scene.start("MapScene", { map, theatre });
  }
}
