// The control cell's sections of the facilitator console: people by team (role, connection,
// move or remove), pending deals, summit invitations and Security Council drafts with every answer
// and the control cell's ruling on each outcome, the injects scheduled for later turns, the clock's
// further controls (shorten, a wall-clock deadline, rollback with a reason, fork a what-if copy),
// a scenario event and the control cell's own inject (each now or at a later turn), and an
// adjudication override. Inputs live in a small state object kept across re-renders.
import type { GameSnapshot, SeatInfo } from "../../../shared/protocol.ts";
import { finalTurn, offerPhrase, possessive, turnDate, type Proposal, type PublicScenario, type RuledOutcome } from "../../../shared/engine/index.ts";
import type { GameSession } from "../net/session-types.ts";
import { h } from "../dom.ts";
import { actorName } from "../game-info.ts";
import { previewOrder } from "../orders/order-builder.ts";
import { rolesOf } from "../../../shared/roles.ts";
import { hasIndicator } from "../../../shared/scenario/scope.ts";
import { consoleLink } from "../credentials.ts";
import { KEPT_WORDS, ROLLBACK_WORDS } from "../../../shared/control-words.ts";

/** Inputs of the console that must survive a re-render. */
export interface ControlInputs {
  shorten: number;
  deadline: string;
  rollbackReason: string;
  forkTurn: number;
  forkMessage: string;
  headline: string;
  text: string;
  subject: string;
  by: number;
  atTurn: number;
  /** "Inject an event": the scenario event, the seat it falls on ("" as written), and when (0: now). */
  injectEvent: string;
  injectSeat: string;
  injectTurn: number;
  overrideSubject: string;
  overrideTo: number;
  overrideReason: string;
  /** Schedule of rounds: the current round's deadline (datetime-local) and the days between rounds. */
  roundsFirst: string;
  roundsEveryDays: number;
  roundsMessage: string;
  /** Rulings being written, per proposal id: the outcome chosen and the reason. */
  rulingOutcome: Record<string, string>;
  rulingReason: Record<string, string>;
}

export const initialInputs = (): ControlInputs => ({
  shorten: 5,
  deadline: "",
  rollbackReason: "",
  forkTurn: 1,
  forkMessage: "",
  headline: "",
  text: "",
  // News only until the facilitator picks an indicator: a headline alone used to raise tension by 5.
  subject: "",
  by: 0,
  atTurn: 0,
  injectEvent: "",
  injectSeat: "",
  injectTurn: 0,
  overrideSubject: "",
  overrideTo: 0,
  overrideReason: "",
  roundsFirst: "",
  roundsEveryDays: 7,
  roundsMessage: "",
  rulingOutcome: {},
  rulingReason: {},
});

/**
 * A course's schedule of rounds: the current turn ends at `firstAt`, and each later turn up to the
 * last one `everyMs` after the previous (a seminar spread over weeks: one round a week).
 */
export function roundSchedule(firstAt: number, everyMs: number, fromTurn: number, lastTurn: number): { turn: number; at: number }[] {
  const rounds: { turn: number; at: number }[] = [];
  for (let t = fromTurn; t <= lastTurn; t++) rounds.push({ turn: t, at: firstAt + (t - fromTurn) * everyMs });
  return rounds;
}

/**
 * Every indicator a change may name: world values, then each played actor's indicators, only
 * those it holds ("China: Weapons programme" is not one). Reference figures stay: a control cell
 * may cut a trend.
 */
export function indicatorSubjects(sc: PublicScenario): { value: string; label: string }[] {
  const world = Object.entries(sc.world).map(([id, w]) => ({ value: `world.${id}`, label: `World: ${w.label}` }));
  // The seats people play: a list of every actor's every indicator ran to 250 lines ("Malta: Weapons programme").
  const actors = Object.entries(sc.actors)
    .filter(([, actor]) => actor.playable)
    .flatMap(([a, actor]) => Object.entries(sc.indicators).filter(([id]) => hasIndicator(sc, a, id)).map(([id, ind]) => ({ value: `${a}.${id}`, label: `${actor.name}: ${ind.label}` })));
  return [...world, ...actors];
}

/** The value of "world.<id>" or "<actor>.<indicator>" in the facilitator's view now. */
export function currentValue(snap: GameSnapshot, subject: string): number | undefined {
  const dot = subject.indexOf(".");
  if (dot <= 0) return undefined;
  const [head, id] = [subject.slice(0, dot), subject.slice(dot + 1)];
  return head === "world" ? snap.view.world[id] : snap.view.actors[head]?.[id];
}

const num = (ev: Event): number => Number((ev.target as HTMLInputElement).value);
const str = (ev: Event): string => (ev.target as HTMLInputElement).value;

/** People per team with their role and connection; the facilitator moves or removes them. */
export function peopleSection(snap: GameSnapshot, sc: PublicScenario, session: GameSession): HTMLElement {
  const roles = rolesOf(sc);
  const people = snap.seats.flatMap((seat) => seat.players.map((p) => ({ ...p, seat: seat.id })));
  return h(
    "section",
    { "aria-labelledby": "people-title", class: "people-section" },
    h("h3", { id: "people-title" }, `People (${people.length})`),
    people.length === 0
      ? h("p", { class: "hint" }, "Nobody has taken a seat yet.")
      : h(
          "table",
          { class: "seats-table people-table" },
          // The name gets the room: the lists show their choice in a few letters.
          h("colgroup", {}, h("col", { style: "width:34%" }), h("col", { style: "width:22%" }), h("col", { style: "width:22%" }), h("col", { style: "width:22%" })),
          h("thead", {}, h("tr", {}, ["Name", "Team", "Role"].map((t) => h("th", { scope: "col" }, t)), h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Remove")))),
          h(
            "tbody",
            {},
            people.map((p) =>
              h(
                "tr",
                { "data-person": String(p.id ?? "") },
                h("th", { scope: "row", class: "clip", title: p.name }, `${p.connected ? "● " : "○ "}${p.name}`, h("span", { class: "sr-only" }, p.connected ? " (online)" : " (away)")),
                h(
                  "td",
                  {},
                  h(
                    "select",
                    { "data-key": `team-${p.id}`, "aria-label": `Team of ${p.name}`, onchange: (ev: Event) => p.id && session.facilitate({ action: "assign", person: p.id, seat: str(ev) }) },
                    // A seat kept for a bot takes nobody: it is listed, closed, with the reason.
                    snap.seats.map((x) => h("option", { value: x.id, selected: x.id === p.seat, disabled: Boolean(x.kept) && x.id !== p.seat }, x.kept ? `${x.name} (kept for a bot)` : x.name)),
                  ),
                ),
                h(
                  "td",
                  {},
                  h(
                    "select",
                    { "data-key": `role-${p.id}`, "aria-label": `Role of ${p.name}`, onchange: (ev: Event) => p.id && session.facilitate({ action: "assign", person: p.id, role: str(ev) }) },
                    roles.filter(([, r]) => r.seats === "all" || r.seats.includes(p.seat)).map(([id, r]) => h("option", { value: id, selected: id === p.role }, r.label)),
                  ),
                ),
                h(
                  "td",
                  {},
                  h(
                    "button",
                    { type: "button", class: "small", "data-key": `remove-${p.id}`, onclick: () => p.id && window.confirm(`Remove ${p.name} from the game? Their link stops working.`) && session.facilitate({ action: "remove", person: p.id }) },
                    "Remove",
                  ),
                ),
              ),
            ),
          ),
        ),
  );
}

/** A seat's line in the console's "Seats kept for a bot": its state, and the button that changes it (or why it cannot). */
export function keptRow(seat: Pick<SeatInfo, "id" | "name" | "kept" | "players">): { state: string; button: string; label: string; action: { seat: string; on: boolean } | null } {
  if (seat.kept) return { state: KEPT_WORDS.closed, button: KEPT_WORDS.release, label: KEPT_WORDS.releaseLabel(seat.name), action: { seat: seat.id, on: false } };
  const people = seat.players.map((p) => p.name);
  // A seat with people is not kept over their heads (the server refuses it too): the reason is on the line.
  if (people.length > 0) return { state: KEPT_WORDS.heldBy(people), button: KEPT_WORDS.keep, label: KEPT_WORDS.keepLabel(seat.name), action: null };
  return { state: KEPT_WORDS.open, button: KEPT_WORDS.keep, label: KEPT_WORDS.keepLabel(seat.name), action: { seat: seat.id, on: true } };
}

/** Seats kept for a bot: keep an empty one (nobody can claim it, a bot plays it), or release one for a late student. */
export function keptSection(snap: GameSnapshot, session: GameSession): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "kept-title", class: "kept-section" },
    h("h3", { id: "kept-title" }, KEPT_WORDS.legend),
    h("p", { class: "hint" }, KEPT_WORDS.hint),
    h(
      "ul",
      { class: "kept-list", id: "kept-list" },
      snap.seats.map((seat) => {
        const row = keptRow(seat);
        const why = `kept-state-${seat.id}`;
        return h(
          "li",
          { class: `kept-row${seat.kept ? " is-kept" : ""}`, "data-kept-row": seat.id },
          h("strong", { class: "kept-name" }, seat.name),
          h("span", { class: "kept-state hint", id: why }, row.state),
          h(
            "button",
            {
              type: "button",
              class: "small",
              "data-key": `keep-${seat.id}`,
              "aria-label": row.label,
              "aria-describedby": why,
              "aria-disabled": row.action ? null : "true",
              onclick: () => row.action && session.facilitate({ action: "keep", ...row.action }),
            },
            row.button,
          ),
        );
      }),
    ),
  );
}

const ANSWER_WORDS: Record<string, string> = { accept: "accepts", reject: "refuses", yes: "yes", no: "no", abstain: "abstains" };
const RULINGS: Record<Proposal["kind"], { value: RuledOutcome; label: string }[]> = {
  deal: [
    { value: "accepted", label: "goes ahead (accepted)" },
    { value: "rejected", label: "is refused (rejected)" },
  ],
  council: [
    { value: "passed", label: "passes" },
    { value: "failed", label: "fails" },
  ],
};

/** One proposal's answers so far: every addressee's, or for a council draft the count and who voted what. */
function answersText(sc: PublicScenario, p: Proposal): string {
  if (p.kind === "deal") return p.to.map((seat) => `${actorName(sc, seat)}: ${p.answers[seat] ? ANSWER_WORDS[p.answers[seat]!] : "no answer yet"}`).join(", ");
  const by = (v: string) => p.to.filter((m) => p.answers[m] === v).map((m) => actorName(sc, m));
  const waiting = p.to.filter((m) => !p.answers[m]).length;
  return [
    ...(["yes", "no", "abstain"] as const).map((v) => (by(v).length ? `${ANSWER_WORDS[v]}: ${by(v).join(", ")}` : "")),
    waiting ? `${waiting} not voted (their policy decides)` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * Pending deals (each with what it offers in the scenario's words, so a summit invitation reads
 * as one) and Security Council drafts with every answer so far, and the control cell's ruling on each outcome (the facilitator sees them all).
 */
export function proposalsSection(snap: GameSnapshot, sc: PublicScenario, session: GameSession, v: ControlInputs): HTMLElement {
  const open = snap.view.proposals.filter((p) => p.turn === snap.view.turn);
  const drafts = open.filter((p) => p.kind === "council").length;
  const rule = (p: Proposal): void => {
    const outcome = (v.rulingOutcome[p.id] ?? "") as RuledOutcome | "";
    const reason = (v.rulingReason[p.id] ?? "").trim();
    if (!outcome) return window.alert("Pick the outcome Control rules.");
    if (!reason) return window.alert("Write the reason for the ruling: it is shown in the news, the log and the debrief.");
    session.facilitate({ action: "ruling", proposal: p.id, outcome, reason });
    v.rulingReason[p.id] = "";
  };
  return h(
    "section",
    { "aria-labelledby": "deals-title" },
    h("h3", { id: "deals-title" }, `Deals, summit invitations and Security Council drafts (${open.length})`),
    open.length === 0
      ? h("p", { class: "hint" }, "No proposal this turn.")
      : h("p", { class: "hint" }, `${open.length - drafts} deal${open.length - drafts === 1 ? "" : "s"}, ${drafts} council draft${drafts === 1 ? "" : "s"}. A ruling decides the outcome when the turn resolves, whatever the answers; players learn it from the news.`),
    open.length === 0
      ? null
      : h(
          "ul",
          { class: "deal-list", id: "deal-list" },
          open.map((p) => {
            const name = sc.moves[p.order.move]?.name ?? p.order.move;
            // A deal says what it offers in the scenario's words ("invitation to a bilateral summit").
            const from = p.kind === "council" ? ` — from ${actorName(sc, p.from)} to the Security Council` : ` — ${possessive(actorName(sc, p.from))} ${offerPhrase(sc, p.order.move)}`;
            return h(
              "li",
              { class: "deal-card", "data-proposal": p.id },
              h("p", { class: "clip-wrap deal-head" }, h("span", { class: "tag" }, p.kind === "council" ? "Council draft" : "Deal"), " ", h("strong", {}, previewOrder(sc, p.from, p.order).title), h("span", { class: "hint" }, from)),
              h("p", { class: "clip-wrap hint" }, h("span", { class: "sr-only" }, "Answers so far: "), answersText(sc, p)),
              p.ruling
                ? h(
                    "p",
                    { class: "ruling-now clip-wrap" },
                    h("strong", {}, `Control's ruling: ${RULINGS[p.kind].find((r) => r.value === p.ruling!.outcome)?.label ?? p.ruling.outcome}`),
                    ` — ${p.ruling.reason} `,
                    h("button", { type: "button", class: "small", "data-key": `ruling-clear-${p.id}`, onclick: () => session.facilitate({ action: "ruling", proposal: p.id, outcome: null, reason: "" }) }, "Withdraw"),
                  )
                : null,
              h(
                "div",
                { class: "button-row ruling-row" },
                h(
                  "select",
                  { "data-key": `ruling-outcome-${p.id}`, "aria-label": `Control's ruling on ${name} from ${actorName(sc, p.from)}`, onchange: (ev: Event) => (v.rulingOutcome[p.id] = str(ev)) },
                  h("option", { value: "" }, "As answered"),
                  RULINGS[p.kind].map((r) => h("option", { value: r.value, selected: v.rulingOutcome[p.id] === r.value }, r.label)),
                ),
                h("input", { "data-key": `ruling-reason-${p.id}`, "aria-label": "Reason for the ruling", placeholder: "Reason (news, log, debrief)", maxlength: 500, value: v.rulingReason[p.id] ?? "", oninput: (ev: Event) => (v.rulingReason[p.id] = str(ev)) }),
                h("button", { type: "button", "data-key": `ruling-send-${p.id}`, onclick: () => rule(p) }, "Rule"),
              ),
            );
          }),
        ),
  );
}

/** Injects scheduled for later turns, each with a Cancel button (the facilitator's console only). */
export function scheduledSection(snap: GameSnapshot, sc: PublicScenario, session: GameSession): HTMLElement {
  const list = [...(snap.scheduled ?? [])].sort((a, b) => a.turn - b.turn || a.id - b.id);
  return h(
    "section",
    { "aria-labelledby": "scheduled-title" },
    h("h3", { id: "scheduled-title" }, `Scheduled injects (${list.length})`),
    list.length === 0
      ? h("p", { class: "hint" }, "Nothing scheduled: pick a later turn when you inject an event or write an inject.")
      : h(
          "table",
          { class: "seats-table", id: "scheduled-list" },
          h("colgroup", {}, h("col", { style: "width:4.5em" }), h("col"), h("col", { style: "width:6.5em" })),
          h("thead", {}, h("tr", {}, ["Turn", "What"].map((t) => h("th", { scope: "col" }, t)), h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Cancel")))),
          h(
            "tbody",
            {},
            list.map((x) =>
              h(
                "tr",
                { "data-scheduled": String(x.id) },
                h("td", {}, String(x.turn)),
                h("td", { class: "clip-wrap" }, h("strong", {}, x.headline), h("span", { class: "hint" }, ` — ${x.kind === "custom" ? "written inject" : `scenario event${x.seat ? ` on ${actorName(sc, x.seat)}` : ""}`}, by ${x.who}`)),
                h(
                  "td",
                  {},
                  h("button", { type: "button", class: "small", "data-key": `cancel-inject-${x.id}`, onclick: () => window.confirm(`Cancel “${x.headline}” (turn ${x.turn})?`) && session.facilitate({ action: "cancel-inject", id: x.id }) }, "Cancel"),
                ),
              ),
            ),
          ),
        ),
  );
}

/** Shorten, set a deadline, a schedule of rounds, roll back with a reason, fork from a turn. */
export function clockExtras(snap: GameSnapshot, sc: PublicScenario, session: GameSession, v: ControlInputs, redraw: () => void): HTMLElement {
  const turn = snap.view.turn;
  const schedule = (): void => {
    const first = new Date(v.roundsFirst).getTime();
    const every = Math.max(1, v.roundsEveryDays) * 86_400_000;
    if (Number.isNaN(first) || first <= Date.now()) {
      v.roundsMessage = "Pick a date and time in the future for the end of this round.";
      return redraw();
    }
    const rounds = roundSchedule(first, every, turn, finalTurn(sc.turns.count, snap.view));
    session.facilitate({ action: "rounds", rounds });
    const last = new Date(rounds[rounds.length - 1]!.at);
    v.roundsMessage = `${rounds.length} rounds scheduled: turn ${turn} ends ${new Date(first).toLocaleString()}, the last (turn ${finalTurn(sc.turns.count, snap.view)}) ${last.toLocaleString()}.`;
    redraw();
  };
  const setDeadline = (): void => {
    const [hh, mm] = v.deadline.split(":").map(Number);
    if (hh === undefined || mm === undefined || Number.isNaN(hh) || Number.isNaN(mm)) return;
    const at = new Date();
    at.setHours(hh, mm, 0, 0);
    if (at.getTime() <= Date.now()) at.setDate(at.getDate() + 1);
    session.facilitate({ action: "deadline", at: at.getTime() });
  };
  const fork = (): void => {
    if (!session.fork) return;
    v.forkMessage = "Forking…";
    redraw();
    session
      .fork(Math.min(Math.max(1, v.forkTurn || 1), turn))
      .then((r) => {
        v.forkMessage = `What-if copy created: join code ${r.joinCode}. Open it from the start page with “Return as facilitator”.`;
        try {
          localStorage.setItem(`faultline.facilitator.${r.gameId}`, JSON.stringify(r.credential));
        } catch {
          // storage full or off: the code still lets people join
        }
        redraw();
      })
      .catch((e: unknown) => {
        v.forkMessage = `Fork failed: ${e instanceof Error ? e.message : String(e)}`;
        redraw();
      });
  };
  const last = finalTurn(sc.turns.count, snap.view);
  const dateOf = (t: number): string => turnDate(sc.start, sc.turns.length, t);
  const endAfter = (): void => {
    if (window.confirm(`End the game after turn ${turn} (${dateOf(turn)})? When this turn resolves, every screen turns to the end screen, with the secret objectives revealed.`)) session.facilitate({ action: "end-after", turn });
  };
  // Class time runs out before the scenario does: the game can end after this turn, and the debrief starts from its end screen.
  const ending =
    last < sc.turns.count
      ? h(
          "p",
          { class: "button-row", id: "end-after" },
          h("span", {}, `The game ends after turn ${last} (${dateOf(last)}): resolve it to reach the end screen.`),
          h("button", { type: "button", "data-key": "play-on", id: "play-on-button", onclick: () => session.facilitate({ action: "end-after", turn: null }) }, `Play on to turn ${sc.turns.count}`),
        )
      : turn < sc.turns.count
        ? h("div", { class: "button-row", id: "end-after" }, h("button", { type: "button", "data-key": "end-after", id: "end-after-button", onclick: endAfter }, "End the game after this turn"))
        : null;
  return h(
    "div",
    { class: "clock-extras" },
    ending,
    h(
      "div",
      { class: "button-row" },
      h("label", { class: "field inline" }, "Shorten by ", h("input", { type: "number", min: 1, max: 1440, value: v.shorten, "data-key": "shorten-min", style: "width:5em", oninput: (ev: Event) => (v.shorten = num(ev) || 5) }), " min"),
      h("button", { type: "button", "data-key": "shorten", id: "shorten-button", onclick: () => session.facilitate({ action: "shorten", minutes: Math.max(1, v.shorten) }) }, "Shorten"),
      h("label", { class: "field inline" }, "Round ends at ", h("input", { type: "time", "data-key": "deadline-time", value: v.deadline, oninput: (ev: Event) => (v.deadline = str(ev)) })),
      h("button", { type: "button", "data-key": "deadline", onclick: setDeadline }, "Set"),
    ),
    h(
      "div",
      { class: "button-row", id: "rounds-form" },
      h("label", { class: "field inline" }, "Schedule: this round ends ", h("input", { type: "datetime-local", "data-key": "rounds-first", id: "rounds-first", value: v.roundsFirst, oninput: (ev: Event) => (v.roundsFirst = str(ev)) })),
      h("label", { class: "field inline" }, "then one round every ", h("input", { type: "number", min: 1, max: 60, value: v.roundsEveryDays, "data-key": "rounds-every", style: "width:4em", oninput: (ev: Event) => (v.roundsEveryDays = num(ev) || 7) }), " days"),
      h("button", { type: "button", "data-key": "rounds", id: "rounds-button", onclick: schedule }, "Schedule rounds"),
    ),
    v.roundsMessage ? h("p", { id: "rounds-message", role: "status" }, v.roundsMessage) : null,
    h(
      "div",
      { class: "button-row" },
      h("input", { "data-key": "rollback-reason", id: "rollback-reason", placeholder: "Reason for the rollback (logged)", maxlength: 500, value: v.rollbackReason, oninput: (ev: Event) => (v.rollbackReason = str(ev)) }),
      h(
        "button",
        {
          type: "button",
          id: "rollback-button",
          "data-key": "rollback",
          disabled: turn <= 1,
          title: turn <= 1 ? "No turn has been resolved yet" : "",
          onclick: () => {
            if (!v.rollbackReason.trim()) return window.alert("Write the reason for the rollback first: it goes in the log and the debrief.");
            // Undoing a turn reaches every screen, as resolving or ending the game does: ask first.
            if (!window.confirm(ROLLBACK_WORDS.confirm(turn - 1, dateOf(turn - 1)))) return;
            session.facilitate({ action: "rollback", reason: v.rollbackReason.trim() });
            v.rollbackReason = "";
          },
        },
        ROLLBACK_WORDS.button(Math.max(1, turn - 1)),
      ),
    ),
    h(
      "div",
      { class: "button-row" },
      h("label", { class: "field inline" }, "What-if copy from turn ", h("input", { type: "number", min: 1, max: turn, value: Math.min(v.forkTurn, turn), "data-key": "fork-turn", id: "fork-turn", style: "width:4em", oninput: (ev: Event) => (v.forkTurn = num(ev)) })),
      h("button", { type: "button", id: "fork-button", "data-key": "fork", onclick: fork }, "Fork"),
    ),
    v.forkMessage ? h("p", { id: "fork-message", role: "status" }, v.forkMessage) : null,
  );
}

/** The turns an inject may still be scheduled for: every turn after the current one. */
function laterTurns(snap: GameSnapshot, sc: PublicScenario): number[] {
  return Array.from({ length: Math.max(0, finalTurn(sc.turns.count, snap.view) - snap.view.turn) }, (_, i) => snap.view.turn + 1 + i);
}

/** "When" of an inject form: now, or at the start of a later turn (0 stands for now). */
function whenSelect(key: string, label: string, turns: number[], chosen: number, set: (turn: number) => void): HTMLElement {
  return h(
    "select",
    { "data-key": key, id: key, "aria-label": label, onchange: (ev: Event) => set(num(ev)) },
    h("option", { value: 0 }, "now"),
    turns.map((t) => h("option", { value: t, selected: t === chosen }, `at the start of turn ${t}`)),
  );
}

/** A scenario event fired now or scheduled for the start of a later turn, on a seat or as written. */
export function eventInjectSection(snap: GameSnapshot, sc: PublicScenario, session: GameSession, v: ControlInputs): HTMLElement {
  const events = Object.entries(sc.events);
  const turns = laterTurns(snap, sc);
  const send = (): void => {
    if (!v.injectEvent) return;
    session.facilitate({ action: "inject", event: v.injectEvent, ...(v.injectSeat ? { seat: v.injectSeat } : {}), ...(v.injectTurn > snap.view.turn ? { turn: v.injectTurn } : {}) });
  };
  return h(
    "section",
    { "aria-labelledby": "inject-title" },
    h("h3", { id: "inject-title" }, "Inject an event"),
    events.length === 0
      ? h("p", { class: "hint" }, "This scenario has no events.")
      : h(
          "div",
          { class: "button-row" },
          h("select", { "data-key": "inject-event", id: "inject-event", "aria-label": "Event", onchange: (ev: Event) => (v.injectEvent = str(ev)) }, h("option", { value: "" }, "— event —"), events.map(([id, e]) => h("option", { value: id, selected: v.injectEvent === id }, e.title))),
          h("select", { "data-key": "inject-seat", id: "inject-seat", "aria-label": "Affected seat", onchange: (ev: Event) => (v.injectSeat = str(ev)) }, h("option", { value: "" }, "(as written)"), snap.seats.map((x) => h("option", { value: x.id, selected: v.injectSeat === x.id }, x.name))),
          snap.status === "lobby" ? null : whenSelect("inject-when", "When", turns, v.injectTurn, (t) => (v.injectTurn = t)),
          h("button", { type: "button", "data-key": "inject", id: "inject-send", onclick: send }, "Inject"),
        ),
  );
}

/** What a written inject changes: nothing unless an indicator and a non-zero change are both given; otherwise why not. */
export function customInjectChanges(v: Pick<ControlInputs, "subject" | "by">): { changes: { subject: string; by: number }[] } | { problem: string } {
  if (!v.subject) return v.by ? { problem: "Pick the indicator to change by that much, or set the change to 0 for news only." } : { changes: [] };
  if (!v.by) return { problem: "Give how much the indicator changes, or pick “No indicator change” for news only." };
  return { changes: [{ subject: v.subject, by: v.by }] };
}

/** The control cell's own inject (now or at a turn) and an adjudication override. */
export function customInjectSection(snap: GameSnapshot, sc: PublicScenario, session: GameSession, v: ControlInputs): HTMLElement {
  const subjects = indicatorSubjects(sc);
  const turns = laterTurns(snap, sc);
  const send = (): void => {
    if (!v.headline.trim()) return;
    const change = customInjectChanges(v);
    if ("problem" in change) return window.alert(change.problem);
    session.facilitate({
      action: "custom",
      headline: v.headline.trim(),
      ...(v.text.trim() ? { text: v.text.trim() } : {}),
      changes: change.changes,
      ...(v.atTurn > snap.view.turn ? { turn: v.atTurn } : {}),
    });
    v.headline = "";
    v.text = "";
  };
  return h(
    "section",
    { "aria-labelledby": "custom-title" },
    h("h3", { id: "custom-title" }, "Write an inject"),
    h("input", { "data-key": "custom-headline", id: "custom-headline", placeholder: "Headline", maxlength: 160, value: v.headline, oninput: (ev: Event) => (v.headline = str(ev)) }),
    h("textarea", { "data-key": "custom-text", id: "custom-text", placeholder: "Text (optional)", rows: 2, maxlength: 1000, value: v.text, oninput: (ev: Event) => (v.text = str(ev)) }),
    h(
      "div",
      { class: "button-row" },
      h(
        "select",
        { "data-key": "custom-subject", id: "custom-subject", "aria-label": "Indicator to change", onchange: (ev: Event) => (v.subject = str(ev)) },
        h("option", { value: "", selected: !v.subject }, "No indicator change (news only)"),
        subjects.map((x) => h("option", { value: x.value, selected: x.value === v.subject }, x.label)),
      ),
      h("label", { class: "field inline" }, "by ", h("input", { type: "number", "data-key": "custom-by", id: "custom-by", value: v.by || "", placeholder: "0", style: "width:5em", oninput: (ev: Event) => (v.by = num(ev)) })),
      whenSelect("custom-when", "When", turns, v.atTurn, (t) => (v.atTurn = t)),
      h("button", { type: "button", class: "primary", id: "custom-send", "data-key": "custom-send", onclick: send }, "Send inject"),
    ),
    h("h3", { id: "override-title" }, "Adjudication override"),
    h(
      "div",
      { class: "button-row" },
      h(
        "select",
        {
          "data-key": "override-subject",
          id: "override-subject",
          "aria-label": "Indicator to set",
          onchange: (ev: Event) => {
            v.overrideSubject = str(ev);
            // Start from the value it has now, so the facilitator adjusts rather than guesses.
            const now = currentValue(snap, v.overrideSubject);
            if (now === undefined) return;
            v.overrideTo = Math.round(now * 100) / 100;
            const input = document.getElementById("override-to") as HTMLInputElement | null;
            if (input) input.value = String(v.overrideTo);
          },
        },
        h("option", { value: "" }, "— indicator —"),
        subjects.map((x) => h("option", { value: x.value, selected: x.value === v.overrideSubject }, x.label)),
      ),
      h("label", { class: "field inline" }, "set to ", h("input", { type: "number", "data-key": "override-to", id: "override-to", value: v.overrideTo, style: "width:6em", oninput: (ev: Event) => (v.overrideTo = num(ev)) })),
    ),
    h("input", { "data-key": "override-reason", id: "override-reason", placeholder: "Reason (shown in the log and the debrief)", maxlength: 500, value: v.overrideReason, oninput: (ev: Event) => (v.overrideReason = str(ev)) }),
    h(
      "button",
      {
        type: "button",
        id: "override-send",
        "data-key": "override-send",
        onclick: () => {
          if (!v.overrideSubject || !v.overrideReason.trim()) return window.alert("Pick an indicator and write the reason.");
          session.facilitate({ action: "override", subject: v.overrideSubject, to: v.overrideTo, reason: v.overrideReason.trim() });
          v.overrideReason = "";
        },
      },
      "Override",
    ),
  );
}

/** The read-only projector link for the room screen, and whether it shows the scoreboard. */
/** The console on another device: a link that carries the facilitator's credential, shown on request. */
export function consoleLinkSection(session: GameSession): HTMLElement {
  const link = consoleLink(session.credential);
  return h(
    "details",
    { class: "console-link", id: "console-link" },
    h("summary", {}, "Open this console on another device"),
    h("p", { class: "hint" }, "On a tablet, a co-facilitator's laptop, or a new laptop if this one fails. Anyone with this link runs the game: give it only to the people who run it with you."),
    h("p", { class: "clip-wrap" }, h("a", { href: link, target: "_blank", rel: "noopener", id: "console-link-url" }, link)),
  );
}

export function projectorSection(snap: GameSnapshot, session: GameSession): HTMLElement {
  const link = `${location.origin}/?projector=${encodeURIComponent(snap.joinCode ?? snap.gameId)}`;
  return h(
    "section",
    { "aria-labelledby": "projector-title" },
    h("h3", { id: "projector-title" }, "Projector"),
    h("p", { class: "clip-wrap" }, "Open on the room screen (read-only, no login): ", h("a", { href: link, target: "_blank", rel: "noopener", id: "projector-link" }, link)),
    h(
      "label",
      { class: "check" },
      h("input", { type: "checkbox", id: "scoreboard-toggle", "data-key": "scoreboard", checked: Boolean(snap.scoreboard), onchange: (ev: Event) => session.facilitate({ action: "scoreboard", show: (ev.target as HTMLInputElement).checked }) }),
      " Show the scoreboard on the projector",
    ),
  );
}
