// Joining a country's team on the start screen: the people already on it, the team code a
// teammate or the facilitator gave you, or asking the team to let you in (you wait as an
// observer until one of them, or the facilitator, answers).
import type { GameServer, GameSession } from "../net/session-types.ts";
import { h } from "../dom.ts";
import { joinNames } from "../game-info.ts";
import { CODE_PREFIX } from "../../../shared/protocol.ts";

export interface TeamJoinDeps {
  server: GameServer;
  gameId: string;
  seat: string;
  seatName: string;
  playerName: () => string;
  /** Asks for the person's name first if there is none yet, then does `go` ("Join team" names the action). */
  withName?: (action: string, go: () => void) => void;
  onSession: (s: GameSession) => void;
  busy: (text: string) => void;
  failed: (err: unknown) => void;
}

/** What a person reads of a refusal: its sentence, without the code in front ("auth/seat_taken: that is not…"). */
export function refusalText(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).replace(CODE_PREFIX, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Ana, Bo and Chen" for the seat card. */
export function teamLine(names: readonly string[]): string {
  return names.length === 0 ? "No one yet" : joinNames(names);
}

/**
 * Joins as an observer, asks the team, and switches to the seat once approved. `cancel` withdraws
 * the request (the observer connection leaves, which takes it off the team's screens).
 */
export async function askToJoin(d: TeamJoinDeps, cancel?: AbortSignal): Promise<void> {
  d.busy(`Asking ${d.seatName}'s team to let you in…`);
  const watcher = await d.server.join(d.gameId, { observer: true, name: d.playerName() });
  if (!watcher.askSeat || !watcher.onSeatAnswer) {
    d.onSession(watcher);
    return;
  }
  const answered = new Promise<{ approved: boolean; credential?: import("../../../shared/protocol.ts").SeatCredential } | null>((resolve) => {
    const off = watcher.onSeatAnswer!((a) => {
      if (a.seat !== d.seat) return;
      off();
      resolve(a);
    });
    cancel?.addEventListener("abort", () => resolve(null), { once: true });
  });
  if (cancel?.aborted) return void (await watcher.leave());
  const reached = await watcher.askSeat(d.seat);
  if (reached === "free") {
    // Its last person left since the card was drawn: nothing to ask, the seat is there to take.
    await watcher.leave();
    d.busy(`Nobody is on ${d.seatName}'s team any more: taking the seat…`);
    d.onSession(await d.server.join(d.gameId, { seat: d.seat, name: d.playerName() }));
    return;
  }
  d.busy(askedText(d.seatName, reached));
  const answer = await answered;
  await watcher.leave();
  if (!answer) return d.busy("");
  if (!answer.approved || !answer.credential) {
    d.failed(new Error(`${d.seatName}'s team said no. Ask them for their team code, or watch as an observer.`));
    return;
  }
  d.onSession(await d.server.resume(answer.credential));
}

/** What the card says once a request is sent, by whom it reached (the room's ask-seat reply). */
export function askedText(seatName: string, reached: "team" | "facilitator" | "nobody" | void): string {
  if (reached === "facilitator") return `Asked. Nobody from ${seatName}'s team is connected: the facilitator was asked instead. Waiting…`;
  if (reached === "nobody")
    return `Asked, but nobody can answer now: nobody from ${seatName}'s team and not the facilitator is connected. The request waits here until one of them comes back; or ask them for the team code.`;
  return `Asked. Waiting for ${seatName}'s team (or the facilitator) to let you in…`;
}

/** The part of a held seat's card: who is on the team, join with a code, or ask. */
export function teamJoinControls(d: TeamJoinDeps, names: readonly string[]): HTMLElement {
  const code = h("input", { id: `team-code-${d.seat}`, maxlength: 40, autocomplete: "off", placeholder: "Team code", "aria-label": `${d.seatName} team code` });
  // What happens to this card's request is said on the card, where the button was pressed (the
  // page's status line may be a screen away on a phone).
  const status = h("p", { class: "team-status hint", role: "status", "aria-live": "polite", "data-team-status": d.seat });
  const say = (text: string): void => {
    status.textContent = text;
    d.busy(text);
  };
  const named = (action: string, go: () => void): void => (d.withName ? d.withName(action, go) : go());
  const withCode = (): void => {
    if (!code.value.trim()) return d.failed(new Error(`Type ${d.seatName}'s team code, or ask the team to let you in.`));
    named("Join team", joinWithCode);
  };
  const joinWithCode = (): void => {
    d.busy(`Joining ${d.seatName}'s team…`);
    d.server
      .join(d.gameId, { seat: d.seat, name: d.playerName(), teamCode: code.value.trim() })
      .then(d.onSession)
      .catch((err: unknown) => {
        say(refusalText(err));
        d.failed(err);
      });
  };
  const joinButton = h("button", { type: "button", "data-join-team": d.seat, onclick: withCode }, "Join team");
  const askButton = h("button", { type: "button", "data-ask-team": d.seat }, "Ask to join");
  let asking: AbortController | null = null;
  const settle = (): void => {
    asking = null;
    askButton.textContent = "Ask to join";
    joinButton.disabled = false;
  };
  // One request at a time: a second press while waiting withdraws it, never asks twice.
  askButton.onclick = () => {
    if (asking) {
      asking.abort();
      say("Request withdrawn.");
      return;
    }
    named("Ask to join", ask);
  };
  const ask = (): void => {
    asking = new AbortController();
    askButton.textContent = "Cancel request";
    joinButton.disabled = true;
    askToJoin({ ...d, busy: say, failed: (err) => (say(refusalText(err)), d.failed(err)) }, asking.signal)
      .catch((err: unknown) => {
        say(refusalText(err));
        d.failed(err);
      })
      .finally(settle);
  };
  return h(
    "div",
    { class: "team-join" },
    h("p", { class: "team-names", "data-team": d.seat }, h("strong", {}, "Team: "), teamLine(names)),
    h("div", { class: "button-row" }, code, joinButton, askButton),
    status,
  );
}
