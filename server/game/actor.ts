// Who is acting: taken from the connection's credential, never from a message payload.
import type { ActorId } from "../../shared/engine/index.ts";
import type { Role } from "../store/game-store.ts";

export interface Actor {
  role: Role;
  /** The seat for players; null for observers and the facilitator. */
  seat: ActorId | null;
  name: string;
}

/** The engine viewer this actor sees the game as. */
export const viewerOf = (a: Actor): string => (a.role === "player" && a.seat ? a.seat : a.role === "facilitator" ? "facilitator" : "observer");
