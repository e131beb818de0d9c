// The games this server hosts: creating them, listing them for the lobby, describing one before
// joining, and making sure each unfinished game has its room (also after a restart).
import { matchMaker } from "@colyseus/core";
import type { Rules } from "../shared/engine/index.ts";
import type { PublicScenario } from "../shared/engine/api.ts";
import type { ActorId } from "../shared/engine/types.ts";
import type { LobbyGame, SeatCredential } from "../shared/protocol.ts";
import type { Clock } from "./clock.ts";
import { createGameRecord } from "./game/create-game.ts";
import type { EnginePort } from "./game/engine-port.ts";
import { normaliseJoinCode } from "./ids.ts";
import type { GameRecord, GameStore } from "./store/game-store.ts";

export const ROOM_NAME = "game";

export interface GameServiceDeps {
  store: GameStore;
  clock: Clock;
  engine: EnginePort;
  catalog: Map<string, Rules>;
  createSecret: string;
}

export type Created = { ok: true; gameId: string; joinCode: string; credential: SeatCredential } | { ok: false; code: string; message: string };

export interface GameDescription {
  gameId: string;
  name: string;
  status: GameRecord["status"];
  scenario: PublicScenario;
  freeSeats: ActorId[];
  takenSeats: ActorId[];
}

export class GameService {
  private opening = new Map<string, Promise<void>>();

  constructor(private deps: GameServiceDeps) {}

  /** Creates and stores a game, opens its room, and returns the facilitator's credential. */
  async create(input: unknown): Promise<Created> {
    const r = createGameRecord(input, { ...this.deps, rules: (id) => this.deps.catalog.get(id) });
    if (!r.ok) return r;
    await this.ensureRoom(r.record.id);
    const credential: SeatCredential = {
      gameId: r.record.id,
      token: r.facilitatorToken,
      role: "facilitator",
      seat: null,
      name: r.record.options.creatorName,
    };
    return { ok: true, gameId: r.record.id, joinCode: r.record.joinCode, credential };
  }

  /** A game by id or by join code. */
  find(idOrCode: string): GameRecord | undefined {
    return this.deps.store.getGame(idOrCode) ?? this.deps.store.findByJoinCode(normaliseJoinCode(idOrCode));
  }

  /** Listed, unfinished games that still have a free seat. */
  list(): LobbyGame[] {
    const out: LobbyGame[] = [];
    for (const g of this.deps.store.listGames()) {
      if (!g.options.listed || g.status === "over") continue;
      const rules = this.deps.catalog.get(g.scenario);
      if (!rules) continue;
      const { free, players } = this.seats(g, rules);
      if (free.length === 0) continue;
      out.push({
        gameId: g.id,
        name: g.name,
        scenario: g.scenario,
        title: rules.scenario.title,
        turn: g.turn,
        turns: rules.scenario.turns.count,
        freeSeats: free,
        players,
        status: g.status,
        lastActivity: this.deps.store.lastActivity(g.id),
      });
    }
    return out;
  }

  /**
   * What a person sees before choosing a seat; opens the room so a join can follow. This is how
   * finished games come back after a restart: their room is opened (read-only) on demand when
   * someone resumes with a credential or joins by id or code, not at start-up.
   */
  async describe(idOrCode: string): Promise<GameDescription | undefined> {
    const g = this.find(idOrCode);
    const rules = g && this.deps.catalog.get(g.scenario);
    if (!g || !rules) return undefined;
    await this.ensureRoom(g.id);
    const { free, taken } = this.seats(g, rules);
    return {
      gameId: g.id,
      name: g.name,
      status: g.status,
      scenario: this.deps.engine.publicScenario(rules, "observer"),
      // A finished game is read-only: it can be watched, not joined on a seat.
      freeSeats: g.status === "over" ? [] : free,
      takenSeats: taken,
    };
  }

  /** Opens a room for every unfinished game (server start). */
  async restoreAll(): Promise<number> {
    const games = this.deps.store.unfinishedGames().filter((g) => this.deps.catalog.has(g.scenario));
    for (const g of games) {
      try {
        await this.ensureRoom(g.id);
      } catch (e) {
        console.error(`restore of game ${g.id} failed: ${(e as Error).message}`);
      }
    }
    return games.length;
  }

  /** Creates the game's room unless this process already hosts it. */
  async ensureRoom(gameId: string): Promise<void> {
    if (matchMaker.getLocalRoomById(gameId)) return;
    let pending = this.opening.get(gameId);
    if (!pending) {
      pending = matchMaker
        .createRoom(ROOM_NAME, { gameId, secret: this.deps.createSecret })
        .then(() => undefined)
        .finally(() => this.opening.delete(gameId));
      this.opening.set(gameId, pending);
    }
    await pending;
  }

  private seats(g: GameRecord, rules: Rules): { free: ActorId[]; taken: ActorId[]; players: number } {
    const claimed = this.deps.store.seatPlayers(g.id);
    const all = this.deps.engine.seatsOf(rules);
    let players = 0;
    for (const names of claimed.values()) players += names.length;
    return { free: all.filter((s) => !claimed.has(s)), taken: all.filter((s) => claimed.has(s)), players };
  }
}
