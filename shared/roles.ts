// Team roles (seminars): which role a person gets when joining a team, which moves a role may
// draft, who may lock in (approve) the team's orders and who speaks for it. Pure functions over
// the scenario's `roles` section, used by the server to enforce and by the client to explain.
// A team without anyone in an approving (or speaking) role may lock in (or speak) as anyone, so
// an absent leader never stalls a team.
import type { Order } from "./engine/index.ts";
import type { Role, Scenario } from "./scenario/schema.ts";

/** The role every person has when the scenario has no roles: may do everything. */
export const DEFAULT_ROLE_ID = "member";
export const DEFAULT_ROLE: Role = { label: "Team member", moves: "all", approves: true, speaks: true, seats: "all" };

type Sc = Pick<Scenario, "roles" | "moves">;

/** The scenario's roles in order, or the one default role. */
export function rolesOf(sc: Pick<Scenario, "roles">): [string, Role][] {
  const list = Object.entries(sc.roles ?? {});
  return list.length > 0 ? list : [[DEFAULT_ROLE_ID, DEFAULT_ROLE]];
}

/** The roles open to a seat. */
export function rolesFor(sc: Pick<Scenario, "roles">, seat: string): [string, Role][] {
  return rolesOf(sc).filter(([, r]) => r.seats === "all" || r.seats.includes(seat));
}

export function roleOf(sc: Pick<Scenario, "roles">, id: string | undefined): Role {
  const all = rolesOf(sc);
  return all.find(([rid]) => rid === id)?.[1] ?? all[0]![1];
}

/** The role a new person on a team gets: the first role of the seat nobody holds yet, else the last. */
export function roleForNewcomer(sc: Pick<Scenario, "roles">, seat: string, held: readonly string[]): string {
  const open = rolesFor(sc, seat);
  const free = open.find(([id]) => !held.includes(id));
  return (free ?? open.at(-1) ?? rolesOf(sc)[0]!)[0];
}

/** Whether a role may draft a move (by category or id). */
export function mayDraft(sc: Sc, roleId: string | undefined, move: string): boolean {
  const role = roleOf(sc, roleId);
  if (role.moves === "all") return true;
  const category = sc.moves[move]?.category;
  return role.moves.includes(move) || (category !== undefined && role.moves.includes(category));
}

export type RoleRefusal = { code: "role/cannot_draft" | "role/needs_approval" | "role/not_speaker"; message: string };

/**
 * Checks a new list of orders against the previous one: every order this role may not draft must
 * be unchanged (a trade minister may not add or remove a security order, but may leave it there).
 */
export function checkOrdersByRole(sc: Sc, roleId: string | undefined, before: readonly Order[], after: readonly Order[]): RoleRefusal | null {
  const key = (o: Order) => JSON.stringify([o.move, o.target ?? null, o.target2 ?? null, o.params ?? null]);
  const others = (list: readonly Order[]) => list.filter((o) => !mayDraft(sc, roleId, o.move)).map(key).sort();
  const a = others(before);
  const b = others(after);
  if (a.length === b.length && a.every((k, i) => k === b[i])) return null;
  const move = [...after, ...before].find((o) => !mayDraft(sc, roleId, o.move))?.move ?? "";
  const label = roleOf(sc, roleId).label;
  return { code: "role/cannot_draft", message: `As ${label} you cannot draft “${sc.moves[move]?.name ?? move}”: ask a teammate whose role covers it.` };
}

/** Whether a person of `roleId` may lock in, given the roles of everyone on the team (connected or not). */
export function mayLock(sc: Pick<Scenario, "roles">, roleId: string | undefined, team: readonly string[]): RoleRefusal | null {
  if (roleOf(sc, roleId).approves) return null;
  const approvers = rolesOf(sc).filter(([id, r]) => r.approves && team.includes(id));
  if (approvers.length === 0) return null;
  return { code: "role/needs_approval", message: `The ${approvers.map(([, r]) => r.label).join(" or ")} approves the final orders: ask them to lock in.` };
}

/** Whether a person of `roleId` may speak for the team to other seats (proposals, answers, votes, diplomacy chat). */
export function maySpeak(sc: Pick<Scenario, "roles">, roleId: string | undefined, team: readonly string[]): RoleRefusal | null {
  if (roleOf(sc, roleId).speaks) return null;
  const speakers = rolesOf(sc).filter(([id, r]) => r.speaks && team.includes(id));
  if (speakers.length === 0) return null;
  return { code: "role/not_speaker", message: `The ${speakers.map(([, r]) => r.label).join(" or ")} speaks for your team: write to them in the team chat.` };
}
