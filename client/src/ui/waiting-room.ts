// The waiting room before Start: what players see instead of orders (their briefing, who is
// here, when it starts), and the facilitator's roster with Start and a scheduled start time. A
// creator who took a seat can start the game from the seat with the facilitator credential
// this browser kept.
import type { GameSnapshot } from "../../../shared/protocol.ts";
import type { PublicScenario } from "../../../shared/engine/index.ts";
import type { GameSession } from "../net/session-types.ts";
import { h } from "../dom.ts";
import { facilitatorCredential } from "../credentials.ts";
import { loadGameServer } from "../server-factory.ts";
import { briefingParts } from "./start-screen.ts";
import { joinNames } from "../game-info.ts";

/**
 * What starts the game and who can, in words everyone in the room can act on: "Starts when all 6
 * seats have people (3 of 6 now) or when Ana starts it." `you`: this browser can start it (the
 * facilitator, or the creator on a seat), so the line says "you" rather than their own name.
 */
export function startLine(snap: Pick<GameSnapshot, "clock" | "seats" | "startMode" | "facilitator">, you = false): string {
  const who = you ? "you start it" : snap.facilitator ? `${snap.facilitator} starts it` : "the facilitator starts it";
  if (snap.clock.deadline !== null) return `Starts at ${new Date(snap.clock.deadline).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}, or earlier if ${who}.`;
  if (snap.startMode === "full") {
    const { filled, total } = rosterCount(snap);
    return `Starts when all ${total} seats have people (${filled} of ${total} now) or when ${who}.`;
  }
  if (you) return "Starts when you start it.";
  return snap.facilitator ? `Starts when ${snap.facilitator} (who made the game) starts it.` : "Starts when the facilitator starts it.";
}

/** The creator's start button: what it does to the seats nobody took (a seat kept for a bot gets its bot whatever the policy). */
export function startNowLabel(snap: Pick<GameSnapshot, "seats" | "missingSeats">): string {
  const kept = snap.seats.filter((s) => s.kept);
  const empty = snap.seats.filter((s) => !s.kept && s.players.length === 0).length;
  if (empty + kept.length === 0) return "Start the game now";
  if (snap.missingSeats !== "hold") {
    const n = empty + kept.length;
    return `Start now with bots on the ${n} empty seat${n === 1 ? "" : "s"}`;
  }
  const bots = kept.length > 0 ? `a bot plays ${joinNames(kept.map((s) => s.name))}` : "";
  if (empty === 0) return `Start now: ${bots}`;
  const seats = `${empty} empty seat${empty === 1 ? "" : "s"}`;
  return `Start now (${bots ? `${bots}; ` : ""}the ${seats} ${empty === 1 ? "does" : "do"} nothing)`;
}

/** Seats with at least one person, of the seats people may take (those kept for a bot are not counted). */
export function rosterCount(snap: Pick<GameSnapshot, "seats">): { filled: number; total: number; people: number } {
  const open = snap.seats.filter((s) => !s.kept);
  const filled = open.filter((s) => s.players.length > 0).length;
  const people = open.reduce((n, s) => n + s.players.length, 0);
  return { filled, total: open.length, people };
}

/** " North Korea is kept for a bot." after the roster's count, or nothing. */
export function keptLine(snap: Pick<GameSnapshot, "seats">): string {
  const kept = snap.seats.filter((s) => s.kept).map((s) => s.name);
  return kept.length === 0 ? "" : ` ${joinNames(kept)} ${kept.length === 1 ? "is" : "are"} played by a bot.`;
}

/** A creator playing a seat starts the game with the facilitator credential kept in this browser. */
async function startAsCreator(gameId: string): Promise<void> {
  const cred = facilitatorCredential(gameId);
  const server = cred && (await loadGameServer());
  if (!cred || !server) throw new Error("Only the facilitator can start the game.");
  const fac = await server.resume(cred);
  try {
    fac.facilitate({ action: "start" });
    const until = Date.now() + 5000;
    while (fac.snapshot().status === "lobby" && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await fac.leave();
  }
}

/** The player's orders panel while the game waits: briefing, roster, and Start for the creator. */
export function playerWaiting(snap: GameSnapshot, sc: PublicScenario, onError: (text: string) => void, roleLine: HTMLElement | null = null): (HTMLElement | null)[] {
  const seat = snap.seat ?? "";
  const actor = sc.actors[seat];
  const { filled, total, people } = rosterCount(snap);
  const mine = snap.seats.find((s) => s.id === seat);
  const creator = facilitatorCredential(snap.gameId) !== null;
  return [
    h("h2", { class: "panel-title", id: "waiting-title", tabindex: -1 }, "Waiting room"),
    h("p", { class: "waiting-line", id: "waiting-line" }, `${startLine(snap, creator)} ${filled} of ${total} seats have people (${people} in all).${keptLine(snap)}`),
    mine && mine.players.length > 1 ? h("p", {}, "Your team: ", mine.players.map((p) => p.name).join(", ")) : null,
    roleLine,
    creator
      ? h(
          "button",
          {
            type: "button",
            class: "primary",
            id: "start-button",
            onclick: (ev: Event) => {
              (ev.target as HTMLButtonElement).disabled = true;
              startAsCreator(snap.gameId).catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
            },
          },
          startNowLabel(snap),
        )
      : null,
    actor?.briefing ? h("section", { class: "briefing-full", "aria-label": "Your briefing" }, h("h3", {}, `Briefing: ${actor.name}`), briefingParts(actor.briefing).map((p) => h("p", {}, p.label ? h("strong", {}, `${p.label}. `) : null, p.text))) : null,
  ];
}

/** The facilitator's waiting-room section: the roster filling, Start, and a start time. */
export function facilitatorWaiting(snap: GameSnapshot, session: GameSession): HTMLElement {
  const { filled, total, people } = rosterCount(snap);
  const time = h("input", { type: "time", id: "start-time", "aria-label": "Start time (today)" });
  const schedule = (): void => {
    const [hh, mm] = time.value.split(":").map(Number);
    if (hh === undefined || mm === undefined || Number.isNaN(hh) || Number.isNaN(mm)) return;
    const at = new Date();
    at.setHours(hh, mm, 0, 0);
    if (at.getTime() <= Date.now()) at.setDate(at.getDate() + 1);
    session.facilitate({ action: "schedule-start", at: at.getTime() });
  };
  return h(
    "section",
    { class: "waiting-room", "aria-labelledby": "waiting-title" },
    h("h3", { id: "waiting-title" }, "Waiting room"),
    h("p", { id: "roster-count" }, `${filled} of ${total} seats have people (${people} in all).${keptLine(snap)} ${startLine(snap, true)}`),
    h(
      "div",
      { class: "button-row" },
      h("button", { type: "button", class: "primary", id: "start-button", onclick: () => session.facilitate({ action: "start" }) }, startNowLabel(snap)),
      h("label", { class: "field inline", for: "start-time" }, "or at "),
      time,
      h("button", { type: "button", id: "schedule-button", onclick: schedule }, "Schedule"),
      snap.clock.deadline !== null ? h("button", { type: "button", id: "unschedule-button", onclick: () => session.facilitate({ action: "schedule-start", at: null }) }, "Cancel the start time") : null,
    ),
    h("p", { class: "hint" }, "No clock runs and no bot plays before Start. Players can read their briefings and talk to their team."),
  );
}
