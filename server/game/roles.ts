// Team roles on the server: who is on each team with which role (from the store, cached per game),
// the role a newcomer gets, and the check of one player action against the person's role. The
// rules themselves are shared (shared/roles.ts) so the client explains exactly what the server enforces.
import type { ActorId, Order } from "../../shared/engine/index.ts";
import type { ClientMessage } from "../../shared/protocol.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { checkOrdersByRole, mayDraft, mayLock, maySpeak, roleForNewcomer, rolesOf, type RoleRefusal } from "../../shared/roles.ts";
import type { GameStore, PersonRecord } from "../store/game-store.ts";
import type { Actor } from "./actor.ts";

/** The people of one game by seat, read when the room opens and again after any seating change. */
export class Teams {
  private cache: PersonRecord[] | undefined;


  constructor(
    private store: GameStore,
    private gameId: string,
    private scenario: Pick<Scenario, "roles" | "moves">,
  ) {}

  /** Everyone holding a seat, as last read (load/reload: before any use, and after each seating change). */
  people(): PersonRecord[] {
    return this.cache ?? [];
  }

  async reload(): Promise<void> {
    this.cache = await this.store.people(this.gameId);
  }

  /** The role ids held on a seat's team (a person without a stored role has the seat's first). */
  rolesOn(seat: ActorId): string[] {
    return this.people()
      .filter((p) => p.seat === seat)
      .map((p) => this.roleOf(p));
  }

  roleOf(p: Pick<PersonRecord, "seat" | "teamRole">): string {
    return p.teamRole ?? roleForNewcomer(this.scenario, p.seat, []);
  }

  /** The role a new person on `seat` gets. */
  newcomerRole(seat: ActorId): string {
    return roleForNewcomer(this.scenario, seat, this.rolesOn(seat));
  }

  /** Whether the scenario knows this role id. */
  isRole(id: string): boolean {
    return rolesOf(this.scenario).some(([rid]) => rid === id);
  }

  /** Checks a player's action against their role; null when allowed. */
  check(actor: Actor, msg: ClientMessage, currentOrders: readonly Order[]): RoleRefusal | null {
    if (actor.role !== "player" || !actor.seat) return null;
    const role = actor.teamRole ?? this.newcomerRole(actor.seat);
    const team = this.rolesOn(actor.seat);
    switch (msg.type) {
      case "orders":
        return checkOrdersByRole(this.scenario, role, currentOrders, msg.orders as Order[]);
      case "lock":
        return msg.locked ? mayLock(this.scenario, role, team) : null;
      case "choose":
        return mayLock(this.scenario, role, team);
      case "propose":
        if (!mayDraft(this.scenario, role, msg.order.move))
          return checkOrdersByRole(this.scenario, role, [], [msg.order as Order]);
        return maySpeak(this.scenario, role, team);
      case "answer":
        return maySpeak(this.scenario, role, team);
      case "chat":
        // A team's own chat is for everyone on it; anything to other seats is diplomacy.
        return msg.channel !== "public" && msg.channel.length === 1 ? null : maySpeak(this.scenario, role, team);
      case "facilitate":
        return null;
    }
  }
}
