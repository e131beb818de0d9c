// Negotiation: proposals to answer (deals accept/reject, council drafts yes/no/abstain), private and
// group conversations and public statements, with unread counts. Everything comes from the snapshot,
// so nothing is lost on refresh.
import type { Proposal } from "../../../shared/engine/index.ts";
import type { ChatMessage, Channel } from "../../../shared/protocol.ts";
import { CHAT_MAX } from "../../../shared/protocol.ts";
import { teamLine } from "./team-join.ts";
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { actorName, playableSeats } from "../game-info.ts";
import { previewOrder } from "../orders/order-builder.ts";
import { myRole } from "./role-info.ts";
import type { Panel } from "./panel.ts";
import { preserveFocus } from "./focus.ts";
import { announce } from "./announce.ts";
import { tabStorage } from "../tab-storage.ts";

/** A stable key for a channel: "public" or the sorted seats joined by "+". */
export function channelKey(c: Channel): string {
  return c === "public" ? "public" : [...c].sort().join("+");
}

/** Channels this viewer has, public first, then (for a player) the team's own chat, then conversations by latest message. */
export function channelsOf(messages: ChatMessage[], team: string | null = null): { key: string; channel: Channel; last: number }[] {
  const map = new Map<string, { key: string; channel: Channel; last: number }>();
  map.set("public", { key: "public", channel: "public", last: 0 });
  if (team) map.set(team, { key: team, channel: [team], last: Number.MAX_SAFE_INTEGER });
  for (const m of messages) {
    const key = channelKey(m.channel);
    const entry = map.get(key) ?? { key, channel: m.channel === "public" ? "public" : [...m.channel].sort(), last: 0 };
    entry.last = Math.max(entry.last, m.at);
    map.set(key, entry);
  }
  const [pub, ...rest] = [...map.values()];
  return [pub as { key: string; channel: Channel; last: number }, ...rest.sort((a, b) => b.last - a.last)];
}

/** Unread messages in one channel: messages from others beyond what was read. */
export function unreadIn(messages: ChatMessage[], key: string, readCounts: Record<string, number>, me: string | null): number {
  const count = messages.filter((m) => channelKey(m.channel) === key && m.from !== me).length;
  return Math.max(0, count - (readCounts[key] ?? 0));
}

/** Proposals waiting for this seat's answer. */
export function proposalsToAnswer(proposals: Proposal[], seat: string | null): Proposal[] {
  if (!seat) return [];
  return proposals.filter((p) => p.to.includes(seat) && p.from !== seat && p.answers[seat] === undefined);
}

/** Total shown on the tab badge: unread messages, proposals to answer and requests to join a team. */
export function unreadTotal(s: UiState): number {
  const snap = s.snapshot;
  if (!snap) return 0;
  const msgs = snap.messages;
  const chats = channelsOf(msgs, snap.role === "player" ? snap.seat : null).reduce((n, c) => n + unreadIn(msgs, c.key, s.readCounts, snap.seat), 0);
  return chats + proposalsToAnswer(snap.view.proposals, snap.seat).length + s.seatRequests.length;
}

/**
 * A message longer than this is shown folded to its first lines, with "Show more": a pasted
 * 2,000-character message otherwise filled the whole pane.
 */
export const FOLD_CHARS = 480;

/** Whether a message is shown folded until "Show more" is pressed. */
export function foldsMessage(text: string): boolean {
  return text.length > FOLD_CHARS;
}

const DRAFT_KEY = "faultline.chat-draft.";

/** Where a game's unsent chat drafts are kept for one seat (or the facilitator, or an observer). */
export function draftKey(gameId: string, who: string): string {
  return `${DRAFT_KEY}${gameId}.${who}`;
}

/** The unsent drafts kept under `key`, one per conversation (by channel key). */
export function loadDrafts(storage: Pick<Storage, "getItem">, key: string): Record<string, string> {
  try {
    const raw = JSON.parse(storage.getItem(key) ?? "{}") as unknown;
    if (!raw || typeof raw !== "object") return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  } catch {
    return {};
  }
}

/** Keeps (or, when empty, forgets) one conversation's draft; storage that refuses is no reason to fail typing. */
export function saveDraft(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">, key: string, channel: string, text: string): void {
  try {
    const all = loadDrafts(storage, key);
    if (text) all[channel] = text;
    else delete all[channel];
    if (Object.keys(all).length > 0) storage.setItem(key, JSON.stringify(all));
    else storage.removeItem(key);
  } catch {
    // Private mode or a full storage: the draft lives on in the panel until a reload.
  }
}

/** The negotiation panel. */
export function createInboxPanel(store: Store): Panel {
  const el = h("div", { class: "panel inbox-panel", id: "inbox-panel" });
  let current = "public";
  // Unsent text per conversation, kept in sessionStorage per game and seat, so a reload (or a
  // rejoin in this tab) gives it back; a draft never moves to another conversation.
  let drafts: Record<string, string> = {};
  let draftsKey = "";
  // Long messages the reader unfolded ("Show more"), by message id.
  const unfolded = new Set<string>();
  let newChannel: string[] = [];
  // What was last seen while this panel was open: messages in the open channel, unread elsewhere.
  let heard: { channel: string; count: number; unread: Record<string, number> } | null = null;

  const redraw = (): void => preserveFocus(el, () => render(store.get()));
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const session = s.session;
    if (!snap || !session) return;
    const sc = session.scenario;
    const me = snap.seat;
    const key = draftKey(snap.gameId, me ?? snap.role);
    if (key !== draftsKey) {
      const storage = tabStorage();
      drafts = storage ? loadDrafts(storage, key) : {};
      draftsKey = key;
    }
    const channels = channelsOf(snap.messages, snap.role === "player" ? me : null);
    const requests = s.seatRequests;
    if (!channels.some((c) => c.key === current) && !current.includes("+")) current = "public";
    const active = channels.find((c) => c.key === current);
    const activeChannel: Channel = active?.channel ?? (current === "public" ? "public" : current.split("+"));
    const msgs = snap.messages.filter((m) => channelKey(m.channel) === current);
    const draft = drafts[current] ?? "";
    const setDraft = (text: string): void => {
      drafts[current] = text;
      const storage = tabStorage();
      if (storage) saveDraft(storage, draftsKey, current, text);
    };
    // Reading the open channel marks it read.
    const seen = msgs.filter((m) => m.from !== me).length;
    if ((s.readCounts[current] ?? 0) !== seen) queueMicrotask(() => store.set({ readCounts: { ...store.get().readCounts, [current]: seen } }));

    const channelLabel = (ch: Channel): string =>
      ch === "public" ? "Public statements" : ch.length === 1 ? `Team: ${actorName(sc, ch[0]!)}` : ch.filter((x) => x !== me).map((x) => actorName(sc, x)).join(", ");
    const fromOthers = msgs.filter((m) => m.from !== me);
    const unreadBy = Object.fromEntries(channels.map((c) => [c.key, unreadIn(snap.messages, c.key, s.readCounts, me)]));
    const senderOf = (from: string): string => (from === "facilitator" ? "Control" : actorName(sc, from));
    // Spoken while Talks is open: a new message in the open conversation (not your own), and new
    // unread ones in the others. The first drawing, and a switch of conversation, say nothing.
    if (heard?.channel === current) {
      for (const m of fromOthers.slice(heard.count)) announce(`${senderOf(m.from)}: ${m.text.slice(0, 80)}`);
      for (const c of channels) {
        const n = unreadBy[c.key] ?? 0;
        if (c.key !== current && n > (heard.unread[c.key] ?? 0)) announce(`${n} unread in ${channelLabel(c.channel)}`);
      }
    }
    heard = { channel: current, count: fromOthers.length, unread: unreadBy };

    const toAnswer = proposalsToAnswer(snap.view.proposals, me);
    const council = snap.view.proposals.filter((p) => p.kind === "council" && !toAnswer.includes(p));
    // A minister whose team has a speaker answers and writes to other seats through them: the
    // buttons say so before a click, as the server would refuse (shared/roles.ts).
    const notSpeaker = snap.role === "player" ? myRole(sc, snap, session.credential.person).speak : null;
    const teamOnly = activeChannel !== "public" && activeChannel.length === 1;
    const canWrite = snap.role !== "observer" && (activeChannel === "public" || snap.role === "facilitator" || (me !== null && activeChannel.includes(me))) && (!notSpeaker || teamOnly);
    const others = playableSeats(sc).filter((id) => id !== me);
    const answerRequest = (id: string, approve: boolean): void => {
      // Off the screen at once, so it cannot be answered twice; the room confirms it for everyone.
      store.set({ seatRequests: store.get().seatRequests.filter((r) => r.id !== id) });
      session.answerSeatRequest?.(id, approve).catch((e: unknown) => store.set({ toast: { text: e instanceof Error ? e.message : String(e), kind: "error", at: Date.now() } }));
    };
    const teamSection = (): HTMLElement | null => {
      const mySeat = snap.seats.find((x) => x.id === me);
      const code = me ? session.teamCodes?.[me] : undefined;
      if (!mySeat && requests.length === 0) return null;
      return h(
        "section",
        { class: "team", "aria-labelledby": "team-title" },
        mySeat ? h("h3", { id: "team-title" }, `Your team: ${teamLine(mySeat.players.map((p) => p.name))}`) : h("h3", { id: "team-title" }, "Requests to join a team"),
        code ? h("p", { class: "hint" }, "Team code for teammates: ", h("strong", { id: "team-code" }, code)) : null,
        requests.map((r) =>
          h(
            "div",
            { class: "seat-request", "data-request": r.id },
            `${r.name} asks to join ${actorName(sc, r.seat)}. `,
            h("button", { type: "button", class: "primary", "data-approve": r.id, onclick: () => answerRequest(r.id, true) }, "Let them in"),
            h("button", { type: "button", "data-decline": r.id, onclick: () => answerRequest(r.id, false) }, "Decline"),
          ),
        ),
      );
    };

    replace(
      el,
      h("h2", { class: "panel-title" }, "Talks"),
      teamSection(),
      h(
        "section",
        { class: "proposals", "aria-labelledby": "proposals-title" },
        h("h3", { id: "proposals-title" }, `Proposals to answer (${toAnswer.length})`),
        toAnswer.length === 0 ? h("p", { class: "hint" }, "Nothing waiting for your answer.") : null,
        h(
          "ul",
          { class: "proposal-list" },
          toAnswer.map((p) => {
            const pv = previewOrder(sc, p.from, p.order);
            const answers: [string, string][] = p.kind === "council" ? [["yes", "Vote yes"], ["no", "Vote no"], ["abstain", "Abstain"]] : [["accept", "Accept"], ["reject", "Reject"]];
            return h(
              "li",
              { class: "proposal", "data-proposal": p.id },
              h("div", { class: "proposal-from" }, p.kind === "council" ? `Security Council draft by ${actorName(sc, p.from)}` : `From ${actorName(sc, p.from)}`),
              h("div", { class: "proposal-title" }, pv.title),
              h("p", { class: "move-desc" }, pv.description),
              h("p", { class: "order-headline" }, `If agreed: “${pv.headline}”`),
              h(
                "div",
                { class: "choice-buttons" },
                answers.map(([a, label]) =>
                  h(
                    "button",
                    { type: "button", class: a === "accept" || a === "yes" ? "primary" : "", "data-key": `answer-${p.id}-${a}`, "data-answer": a, disabled: notSpeaker !== null, onclick: () => session.answer(p.id, a as "accept") },
                    label,
                  ),
                ),
              ),
              notSpeaker ? h("p", { class: "why" }, `✕ ${notSpeaker.message}`) : null,
            );
          }),
        ),
        council.length > 0
          ? h(
              "div",
              {},
              h("h4", {}, "Security Council drafts"),
              h(
                "ul",
                {},
                council.map((p) => {
                  const votes = Object.entries(p.answers).map(([who, a]) => `${actorName(sc, who)} ${a}`);
                  return h("li", {}, `${previewOrder(sc, p.from, p.order).title} — ${votes.length ? votes.join(", ") : "no votes yet"}`);
                }),
              ),
            )
          : null,
      ),
      h(
        "section",
        { class: "chat", "aria-labelledby": "chat-title" },
        h("h3", { id: "chat-title" }, "Conversations"),
        h(
          "ul",
          { class: "channel-list", "aria-label": "Conversations" },
          channels.map((c) => {
            const n = unreadBy[c.key] ?? 0;
            return h(
              "li",
              {},
              h(
                "button",
                { type: "button", class: `channel${c.key === current ? " current" : ""}`, "aria-current": c.key === current ? "true" : null, "data-key": `ch-${c.key}`, "data-channel": c.key, onclick: () => ((current = c.key), redraw()) },
                channelLabel(c.channel),
                n > 0 ? h("span", { class: "badge", "aria-label": `${n} unread` }, String(n)) : null,
                c.key !== current && drafts[c.key] ? h("span", { class: "draft-mark" }, " ✎ unsent draft") : null,
              ),
            );
          }),
        ),
        me
          ? h(
              "details",
              { class: "new-channel" },
              h("summary", {}, "Start a private or group conversation"),
              h(
                "fieldset",
                {},
                h("legend", {}, "With"),
                others.map((id) =>
                  h(
                    "label",
                    { class: "check" },
                    h("input", {
                      type: "checkbox",
                      value: id,
                      "data-key": `with-${id}`,
                      checked: newChannel.includes(id),
                      onchange: (ev: Event) => {
                        const on = (ev.target as HTMLInputElement).checked;
                        newChannel = on ? [...newChannel, id] : newChannel.filter((x) => x !== id);
                      },
                    }),
                    actorName(sc, id),
                  ),
                ),
              ),
              h(
                "button",
                {
                  type: "button",
                  id: "open-channel",
                  onclick: () => {
                    if (newChannel.length === 0) return;
                    current = channelKey([me, ...newChannel]);
                    newChannel = [];
                    redraw();
                  },
                },
                "Open conversation",
              ),
            )
          : null,
        h(
          "ol",
          { class: "messages", id: "messages", "aria-label": "Messages" },
          msgs.length === 0 ? h("li", { class: "hint" }, "No messages yet.") : null,
          msgs.map((m) => {
            const long = foldsMessage(m.text);
            const textId = `msg-text-${m.id.replace(/[^\w-]/g, "_")}`;
            return h(
              "li",
              { class: `message${m.from === me ? " mine" : ""}${long && !unfolded.has(m.id) ? " folded" : ""}` },
              h("span", { class: "msg-author" }, `${m.from === "facilitator" ? "Control" : actorName(sc, m.from)} (${m.author})`),
              h("span", { class: "msg-meta" }, ` · turn ${m.turn}`),
              h("p", { class: "msg-text", id: textId }, m.text),
              long ? foldButton(m.id, textId) : null,
            );
          }),
        ),
        canWrite
          ? h(
              "form",
              {
                class: "chat-form",
                onsubmit: (ev: Event) => {
                  ev.preventDefault();
                  const text = (drafts[current] ?? "").trim();
                  if (!text) return;
                  session.chat(activeChannel, text);
                  setDraft("");
                  redraw();
                  // Sent with the Send button too: back to the message box for the next line.
                  el.querySelector<HTMLElement>("#chat-input")?.focus();
                },
              },
              h("label", { for: "chat-input", class: "sr-only" }, "Message"),
              h("textarea", {
                id: "chat-input",
                "data-key": "chat-input",
                rows: 2,
                maxlength: CHAT_MAX,
                "aria-describedby": "chat-count",
                placeholder: activeChannel === "public" ? "A public statement, seen by everyone" : activeChannel.length === 1 ? "Your team only (and the facilitator)" : "A private message",
                value: draft,
                oninput: (ev: Event) => {
                  const text = (ev.target as HTMLTextAreaElement).value;
                  setDraft(text);
                  showCount(el.querySelector<HTMLElement>("#chat-count"), text.length);
                },
                onkeydown: (ev: Event) => {
                  const k = ev as KeyboardEvent;
                  if (k.key === "Enter" && !k.shiftKey) {
                    ev.preventDefault();
                    (ev.target as HTMLTextAreaElement).form?.requestSubmit();
                  }
                },
              }),
              h("button", { type: "submit", id: "chat-send" }, "Send"),
              showCount(h("p", { class: "hint chat-count", id: "chat-count" }), draft.length),
            )
          : h("p", { class: "hint" }, snap.role === "observer" ? "Observers read public statements only." : notSpeaker ? notSpeaker.message : ""),
      ),
    );
    const list = el.querySelector("#messages");
    if (list) list.scrollTop = list.scrollHeight;
  };
  // Unfolds or folds one long message in place (a redraw would scroll the list to its end).
  const foldButton = (id: string, textId: string): HTMLElement => {
    const open = unfolded.has(id);
    const button = h("button", { type: "button", class: "small msg-more", "data-key": `more-${id}`, "aria-expanded": String(open), "aria-controls": textId }, open ? "Show less" : "Show more");
    button.addEventListener("click", () => {
      const nowOpen = !unfolded.has(id);
      if (nowOpen) unfolded.add(id);
      else unfolded.delete(id);
      button.closest(".message")?.classList.toggle("folded", !nowOpen);
      button.setAttribute("aria-expanded", String(nowOpen));
      button.textContent = nowOpen ? "Show less" : "Show more";
    });
    return button;
  };
  // Shown again after another tab: what came meanwhile is in the badges, not read out on arrival.
  return { el, render, shown: () => (heard = null) };
}

/** Near the limit, how many characters are left (a pasted text stops at the limit without a word otherwise). */
function showCount(el: HTMLElement | null, length: number): HTMLElement | null {
  if (!el) return el;
  el.hidden = length < CHAT_MAX - 200;
  el.textContent = length >= CHAT_MAX ? `${CHAT_MAX.toLocaleString("en-US")} characters: the most a message can hold.` : `${(CHAT_MAX - length).toLocaleString("en-US")} characters left.`;
  return el;
}
