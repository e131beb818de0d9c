// The seam between the UI and the network layer. client/src/net/index.ts (owned by the server
// side) provides the GameServer over Colyseus; the UI only ever sees the GameServer interface.
// import.meta.glob keeps this module building while that file is absent (it then yields none).
import type { GameServer } from "./net/session-types.ts";

type NetModule = Record<string, unknown>;

const modules = import.meta.glob<NetModule>("./net/index.ts");

/** The server URL: the page's own origin, or VITE_SERVER_URL in `npm run dev:client`. */
export function serverUrl(): string {
  const env = import.meta.env["VITE_SERVER_URL"] as string | undefined;
  return env && env.length > 0 ? env : location.origin;
}

/** Loads the network layer and makes the page's GameServer, or null when there is none. */
export async function loadGameServer(url: string = serverUrl()): Promise<GameServer | null> {
  const load = modules["./net/index.ts"];
  if (!load) return null;
  const mod = await load();
  const factory = [mod["createGameServer"], mod["connectGameServer"], mod["default"]].find((f) => typeof f === "function") as
    | ((url: string) => GameServer | Promise<GameServer>)
    | undefined;
  return factory ? await factory(url) : null;
}
