// The network layer's entry point for the UI (loaded by client/src/server-factory.ts).
import { ColyseusGameServer } from "./colyseus-server.ts";
import type { GameServer } from "./session-types.ts";

/** The GameServer for a Faultline server at `url`. */
export function createGameServer(url: string): GameServer {
  return new ColyseusGameServer(url);
}

export { ColyseusGameServer, LobbyError } from "./colyseus-server.ts";
export { ColyseusSession, type SessionOptions } from "./colyseus-session.ts";
