// What the player's team role allows, for the orders panel: the role line, moves the role may not
// draft (dimmed with the reason) and whether this person may lock in. The rules are the server's
// own (shared/roles.ts), so a control is disabled exactly when the server would refuse it.
import type { GameSnapshot } from "../../../shared/protocol.ts";
import type { Scenario } from "../../../shared/scenario/schema.ts";
import { mayDraft, mayLock, maySpeak, roleOf, rolesOf, type RoleRefusal } from "../../../shared/roles.ts";

export interface MyRole {
  id: string | undefined;
  label: string;
  /** The whole scenario has only the default role: nothing to show. */
  trivial: boolean;
  mayDraft(move: string): boolean;
  lock: RoleRefusal | null;
  speak: RoleRefusal | null;
  /** "Drafts trade and sanctions orders; the Head of government approves them." */
  summary: string;
}

/** This person's role on their team, read from the seat list (by the credential's person id). */
export function myRole(sc: Pick<Scenario, "roles" | "moves">, snap: GameSnapshot, person: number | undefined): MyRole {
  const team = snap.seats.find((x) => x.id === snap.seat)?.players ?? [];
  const me = team.find((p) => person !== undefined && p.id === person);
  const id = me?.role;
  const roles = team.map((p) => p.role).filter((r): r is string => Boolean(r));
  const role = roleOf(sc, id);
  const approver = rolesOf(sc).find(([, r]) => r.approves)?.[1].label;
  const summary = [
    role.description ?? (role.moves === "all" ? "Drafts every kind of order." : `Drafts ${role.moves.join(", ")} orders.`),
    !role.approves && approver && !role.description ? `The ${approver} approves the final orders.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    id,
    label: role.label,
    trivial: !sc.roles,
    mayDraft: (move) => mayDraft(sc, id, move),
    lock: mayLock(sc, id, roles),
    speak: maySpeak(sc, id, roles),
    summary,
  };
}
