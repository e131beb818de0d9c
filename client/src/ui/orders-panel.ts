// Orders: built from the scenario's moves via the engine's moveOptions (never hard-coded), grouped
// by category. Disabled moves and targets say why. Each change is sent at once (the server keeps the
// drafts, so a refresh loses nothing); the preview says what an order will do before lock-in.
import type { ActorId, GameView, MoveOption, Order, PendingChoice } from "../../../shared/engine/index.ts";
import type { Scenario } from "../../../shared/scenario/schema.ts";
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { actorName } from "../game-info.ts";
import { choiceLabel, dealPutTo, eventText, lowerFirstWord, namesIn, optionLabel } from "../../../shared/engine/index.ts";
import { preserveFocus } from "./focus.ts";
import { announce } from "./announce.ts";
import { optionsFor, refusalOf } from "../rules-cache.ts";
import {
  addOrder,
  budgetOf,
  buildOrder,
  groupByCategory,
  moveState,
  needsPair,
  previewOrder,
  removeOrder,
  type Budget,
  type Selection,
} from "../orders/order-builder.ts";
import type { Panel } from "./panel.ts";
import { playerWaiting } from "./waiting-room.ts";
import { myRole } from "./role-info.ts";

const CATEGORY_LABELS: Record<string, string> = {
  trade: "Trade",
  sanctions: "Sanctions",
  alignment: "Alignment & diplomacy",
  security: "Security",
  council: "Security Council",
};

/**
 * What a proposal costs, said before it is sent: the engine counts every proposal made this turn
 * against the capital (shared/engine/orders.ts spentBy), whatever the answer.
 */
export function proposalCostNote(accept: MoveOption["accept"], cost: number): string | null {
  if (accept === "none" || cost <= 0) return null;
  const capital = `${cost} political capital this turn`;
  return accept === "council" ? `Tabling it costs ${capital}, spent even if the vote fails.` : `Sending it costs ${capital}, spent even if they refuse.`;
}

/** The orders panel for a player seat. */
export function createOrdersPanel(store: Store): Panel {
  const el = h("div", { class: "panel orders-panel", id: "orders-panel" });
  /** Move being edited and the picks so far (kept across re-renders). */
  let editing: string | null = null;
  let selection: Selection = {};
  let error = "";
  let wasLocked: boolean | null = null;
  /** Redraws in place, keeping focus where the user acted (or on `fallback`, a data-key). */
  const redraw = (fallback?: string): void => preserveFocus(el, () => render(store.get()), fallback);

  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const session = s.session;
    if (!snap || !session || snap.role !== "player" || !snap.seat) {
      replace(el, h("p", { class: "hint" }, "Only players give orders."));
      return;
    }
    const sc = session.scenario;
    const seat = snap.seat;
    const view = snap.view;
    const orders = view.orders[seat] ?? [];
    const locked = snap.seats.find((x) => x.id === seat)?.locked ?? view.locked[seat] ?? false;
    const budget = budgetOf(view, sc.turns.budget);
    if (wasLocked !== null && wasLocked !== locked) announce(locked ? "Your orders are locked in. Waiting for the other seats." : "Orders unlocked: you can revise them.");
    wasLocked = locked;
    if (view.phase === "over") {
      replace(el, h("h2", {}, "The game is over"), h("p", {}, "See the Scores tab for the final standings and every secret objective."));
      return;
    }
    const role = myRole(sc, snap, session.credential.person);
    // The role line, in the waiting room too: a team reads who does what before the first turn.
    const roleLine = role.trivial ? null : h("p", { class: "role-line", id: "role-line" }, h("strong", {}, `Your role: ${role.label}. `), role.summary);
    if (snap.status === "lobby") {
      replace(el, playerWaiting(snap, sc, (text) => store.set({ toast: { text, kind: "error", at: Date.now() } }), roleLine));
      return;
    }
    const opts = optionsFor(sc, view, seat);

    const send = (next: Order[]): void => session.submitOrders(next);
    const onAdd = (option: MoveOption): void => {
      const built = buildOrder(sc, option, selection, budget);
      if (!built.ok) {
        // For a combination the engine refuses, its own reason says why.
        const order: Order = { move: option.move, ...(selection.target ? { target: selection.target } : {}), ...(selection.target2 ? { target2: selection.target2 } : {}), ...(selection.params ? { params: selection.params } : {}) };
        error = (built.error.code === "build/bad_param" && refusalOf(sc, view, seat, order)) || built.error.message;
        announce(error);
        redraw();
        return;
      }
      const title = previewOrder(sc, seat, built.value).title;
      if (option.accept !== "none") {
        session.propose(built.value);
        announce(`${option.accept === "council" ? "Draft tabled" : "Proposal sent"}: ${title}`);
      } else {
        const added = addOrder(orders, built.value);
        if (!added.ok) {
          error = added.error.message;
          announce(error);
          redraw();
          return;
        }
        send(added.value);
        announce(`Added to your orders: ${title}`);
      }
      editing = null;
      selection = {};
      error = "";
      // The editor closes; focus goes back to the move the player opened.
      redraw(`move-${option.move}`);
    };

    const removeAt = (i: number, title: string): void => {
      // The next order slides into this button's place (same data-key); with none after it, focus
      // moves now to one that stays: the order before, or the list's heading.
      const keep = i + 1 < orders.length ? null : i > 0 ? `remove-${i - 1}` : "draft-title";
      if (keep) el.querySelector<HTMLElement>(`[data-key="${keep}"]`)?.focus();
      send(removeOrder(orders, i));
      announce(`Removed: ${title}`);
    };

    replace(
      el,
      h("h2", { class: "panel-title", id: "orders-title", tabindex: -1 }, `Orders — ${actorName(sc, seat)}`),
      roleLine,
      budgetMeter(budget),
      pendingChoices(sc, view.pending.filter((p) => p.seat === seat), (id, option) => (session.choose(id, option), announce(`You chose: ${optionLabel(sc, view.pending.find((x) => x.id === id)?.event ?? "", option)}`))),
      h(
        "section",
        { class: "draft", "aria-labelledby": "draft-title" },
        h("h3", { id: "draft-title", "data-key": "draft-title", tabindex: -1 }, `Your orders this turn (${orders.length})`),
        orders.length === 0 ? h("p", { class: "hint" }, "No orders yet. Pick moves below; you can revise them until you lock in.") : null,
        h(
          "ol",
          { class: "order-list", id: "order-list" },
          orders.map((o, i) => {
            const p = previewOrder(sc, seat, o);
            return h(
              "li",
              { class: "order-item" },
              h("div", { class: "order-title" }, p.title, h("span", { class: "cost" }, `${sc.moves[o.move]?.cost ?? 0} cap`)),
              h("div", { class: "order-headline" }, `Headline if it goes ahead: “${p.headline}”`),
              h("button", { type: "button", class: "small", "data-key": `remove-${i}`, disabled: locked || !role.mayDraft(o.move), title: role.mayDraft(o.move) ? "" : `Your role (${role.label}) does not draft this kind of order.`, "aria-label": `Remove ${p.title}`, onclick: () => removeAt(i, p.title) }, "Remove"),
            );
          }),
        ),
        myProposals(sc, seat, view.proposals.filter((p) => p.from === seat && p.turn === view.turn)),
        h(
          "button",
          {
            type: "button",
            id: "lock-button",
            "data-key": "lock",
            class: locked ? "" : "primary big",
            disabled: !locked && role.lock !== null,
            "aria-describedby": !locked && role.lock ? "lock-why" : null,
            onclick: () => (locked || confirmLockIn(view, seat)) && session.lock(!locked),
          },
          locked ? "Unlock to revise" : "Lock in orders",
          // The keyboard shortcut, for keyboards (a phone has none).
          h("span", { class: "key-hint", "aria-hidden": "true" }, " (L)"),
        ),
        !locked && role.lock ? h("p", { class: "why", id: "lock-why" }, `✕ ${role.lock.message}`) : null,
        h("p", { class: "lock-state", id: "lock-state" }, locked ? "✔ Your orders are locked in. Waiting for the other seats." : "Not locked in yet."),
      ),
      opts.ok && !locked && opts.options.some((o) => moveState(o, budget).overBudget)
        ? h(
            "p",
            { class: "notice", id: "budget-notice" },
            budget.left === 0
              ? `All ${budget.total} political capital is spent this turn. Moves that cost capital are dimmed: remove an order to free some, or lock in.`
              : `Only ${budget.left} political capital left this turn: dimmed moves cost more than that.`,
          )
        : null,
      opts.ok
        ? groupByCategory(opts.options).map((g) =>
            h(
              "section",
              { class: "move-group", "aria-labelledby": `cat-${g.category}` },
              h("h3", { id: `cat-${g.category}` }, CATEGORY_LABELS[g.category] ?? g.category),
              h("ul", { class: "moves" }, g.options.map((o) => moveRow(sc, seat, o, budget, locked))),
            ),
          )
        : h("p", { class: "error" }, `Moves are unavailable: ${opts.message}`),
    );

    function moveRow(scn: Scenario, me: string, o: MoveOption, b: Budget, isLocked: boolean): HTMLElement {
      const st: { enabled: boolean; reason?: string; overBudget?: boolean } = isLocked
        ? { enabled: false }
        : !role.mayDraft(o.move)
          ? { enabled: false, reason: `Your role (${role.label}) does not draft this: ask a teammate whose role does.` }
          : o.accept !== "none" && role.speak
            ? { enabled: false, reason: role.speak.message }
            : moveState(o, b);
      // Capital and lock-in are said once above the list, not on every move.
      const reason = st.overBudget || !st.reason ? undefined : namesIn(scn, st.reason);
      const open = editing === o.move && st.enabled;
      const tags = [o.accept === "target" ? "needs their consent" : o.accept === "council" ? "council vote" : "", o.covert ? "covert" : ""].filter(Boolean);
      return h(
        "li",
        { class: `move${st.enabled ? "" : " disabled"}${st.overBudget ? " over-budget" : ""}${open ? " open" : ""}`, "data-move": o.move },
        h(
          "button",
          {
            type: "button",
            class: "move-button",
            "data-key": `move-${o.move}`,
            "aria-expanded": String(open),
            "aria-disabled": String(!st.enabled),
            "aria-describedby": reason ? `why-${o.move}` : st.overBudget ? "budget-notice" : null,
            onclick: () => {
              if (!st.enabled) return;
              editing = open ? null : o.move;
              selection = {};
              error = "";
              redraw();
            },
          },
          h("span", { class: "move-name" }, o.name),
          h("span", { class: "cost" }, `${o.cost} cap`),
          tags.map((t) => h("span", { class: "tag" }, t)),
        ),
        reason ? h("p", { class: "why", id: `why-${o.move}` }, `✕ ${reason}`) : null,
        open ? editor(scn, me, o) : null,
      );
    }

    function editor(scn: Scenario, me: string, o: MoveOption): HTMLElement {
      const pair = needsPair(scn, o.move);
      const targetSelect = (which: "target" | "target2", label: string): HTMLElement =>
        h(
          "label",
          { class: "field" },
          label,
          h(
            "select",
            {
              "data-key": `${o.move}-${which}`,
              name: which,
              onchange: (ev: Event) => {
                selection = { ...selection, [which]: (ev.target as HTMLSelectElement).value || undefined };
                error = "";
                redraw();
              },
            },
            h("option", { value: "" }, "— choose —"),
            o.targets.map((t) =>
              h("option", { value: t.id, disabled: !t.legal, selected: selection[which] === t.id }, t.legal ? actorName(scn, t.id) : `${actorName(scn, t.id)} — ${namesIn(scn, t.reason ?? "not possible")}`),
            ),
          ),
        );
      const draft: Order = { move: o.move, target: selection.target, target2: selection.target2, params: selection.params };
      // The engine lists the legal parameter sets per target: a choice in none of them is greyed
      // with the engine's reason ("You already sanction this sector of theirs."), before Add.
      const chosen = o.targets.find((t) => t.id === selection.target);
      const legalSets = chosen ? chosen.paramSets : o.targets.length === 0 ? o.paramSets : undefined;
      const choiceRefused = (name: string, c: string | number): string | null => {
        if (!legalSets || legalSets.some((p) => String(p[name]) === String(c))) return null;
        const why = refusalOf(scn, view, me, { ...draft, params: { ...selection.params, [name]: c } });
        return why && !/needs a choice/.test(why) ? lowerFirstWord(namesIn(scn, why)).replace(/\.$/, "") : "not possible with this target";
      };
      const preview = previewOrder(scn, me, draft);
      // The same deal already put to this seat by its target is answered in Talks, not offered back.
      const offered = o.accept === "target" && selection.target ? dealPutTo(view.proposals, view.turn, me, o.move, selection.target) : undefined;
      return h(
        "div",
        { class: "move-editor" },
        h("p", { class: "move-desc" }, scn.moves[o.move]?.description ?? ""),
        o.targets.length > 0 ? targetSelect("target", pair ? "First party" : "Target") : null,
        pair ? targetSelect("target2", "Second party") : null,
        Object.entries(o.params).map(([name, spec]) =>
          h(
            "label",
            { class: "field" },
            spec.label,
            h(
              "select",
              {
                "data-key": `${o.move}-param-${name}`,
                onchange: (ev: Event) => {
                  const raw = (ev.target as HTMLSelectElement).value;
                  selection = { ...selection, params: { ...selection.params, [name]: spec.choices.find((c) => String(c) === raw) ?? raw } };
                  redraw();
                },
              },
              h("option", { value: "" }, "— choose —"),
              spec.choices.map((c) => {
                const why = choiceRefused(name, c);
                return h("option", { value: String(c), disabled: why !== null, selected: String(selection.params?.[name] ?? "") === String(c) }, why ? `${choiceLabel(scn, name, c, o.move)} — ${why}` : choiceLabel(scn, name, c, o.move));
              }),
            ),
          ),
        ),
        h("div", { class: "preview", id: `preview-${o.move}` }, h("strong", {}, "Preview: "), preview.title, h("br"), "Headline if it goes ahead: ", h("em", {}, `“${preview.headline}”`)),
        offered
          ? h(
              "p",
              { class: "hint offered", id: `offered-${o.move}` },
              `${actorName(scn, offered.from)} has already proposed this to you. `,
              h("button", { type: "button", class: "small", "data-key": `${o.move}-answer`, onclick: () => store.set({ tab: "inbox" }) }, "Answer it in Talks"),
            )
          : null,
        error ? h("p", { class: "error" }, error) : null,
        proposalCostNote(o.accept, o.cost) ? h("p", { class: "hint cost-note", id: `cost-note-${o.move}` }, proposalCostNote(o.accept, o.cost)) : null,
        h(
          "button",
          { type: "button", class: "primary", "data-key": `${o.move}-add`, "aria-describedby": proposalCostNote(o.accept, o.cost) ? `cost-note-${o.move}` : null, onclick: () => onAdd(o) },
          o.accept === "target" ? "Send proposal" : o.accept === "council" ? "Table the draft" : "Add to orders",
        ),
      );
    }
  };
  return { el, render };
}

function budgetMeter(b: Budget): HTMLElement {
  return h(
    "div",
    { class: "budget", id: "budget" },
    h("label", { for: "budget-meter" }, `Political capital: ${b.spent} of ${b.total} spent — ${b.left} left`),
    h("meter", { id: "budget-meter", min: 0, max: b.total, value: b.spent, high: b.total, optimum: 0 }),
  );
}

function myProposals(sc: Scenario, seat: string, proposals: { id: string; order: Order; to: string[]; answers: Record<string, string>; kind: string }[]): HTMLElement | null {
  if (proposals.length === 0) return null;
  return h(
    "div",
    { class: "my-proposals" },
    h("h4", {}, "Proposals you made"),
    h(
      "ul",
      {},
      proposals.map((p) => {
        const pv = previewOrder(sc, seat, p.order);
        const answered = Object.entries(p.answers).map(([who, a]) => `${actorName(sc, who)}: ${a}`);
        return h("li", {}, `${pv.title} — ${answered.length > 0 ? answered.join(", ") : `awaiting ${p.to.map((x) => actorName(sc, x)).join(", ")}`}`);
      }),
    ),
  );
}

/**
 * This turn's decisions: open ones to make, and made ones, which stay with the choice marked until
 * the turn resolves (a choice may be changed until then), so a click leaves a record.
 */
function pendingChoices(sc: Scenario, pending: PendingChoice[], choose: (id: string, option: string) => void): HTMLElement | null {
  if (pending.length === 0) return null;
  const open = pending.some((p) => !p.choice);
  return h(
    "section",
    { class: "pending", "aria-labelledby": "pending-title" },
    h("h3", { id: "pending-title" }, open ? "⚑ Decision needed" : "Your decision this turn"),
    pending.map((p) => {
      const ev = sc.events[p.event];
      const options = Object.entries(ev?.options ?? {});
      return h(
        "div",
        { class: `pending-choice${p.choice ? " chosen" : ""}`, "data-pending": p.id },
        h("h4", {}, ev?.title ?? p.event),
        ev?.text ? h("p", {}, eventText(sc, p.event, p.seat) ?? "") : null,
        h(
          "div",
          { class: "choice-buttons" },
          options.map(([id]) =>
            h(
              "button",
              { type: "button", "data-key": `choice-${p.id}-${id}`, "aria-pressed": p.choice === id ? "true" : "false", class: p.choice === id ? "primary" : "", onclick: () => choose(p.id, id) },
              p.choice === id ? "✔ " : "",
              optionLabel(sc, p.event, id),
              id === ev?.default ? " (default)" : "",
            ),
          ),
        ),
        options.some(([, opt]) => opt.description)
          ? h("ul", { class: "choice-notes" }, options.filter(([, opt]) => opt.description).map(([id, opt]) => h("li", {}, h("strong", {}, `${optionLabel(sc, p.event, id)}: `), opt.description ?? "")))
          : null,
        h(
          "p",
          { class: "hint", "data-key": `choice-state-${p.id}` },
          p.choice
            ? `You chose “${optionLabel(sc, p.event, p.choice)}”. You can change it until the turn resolves.`
            : ev?.default
              ? `If you do not choose, “${optionLabel(sc, p.event, ev.default)}” is taken when the turn resolves.`
              : "Choose before the turn resolves.",
        ),
      );
    }),
  );
}

/**
 * Locking in having done nothing this turn (no order, no offer made or answered) passes the turn,
 * and when every other seat (bots included) has locked, resolves it at once: asked first, as one
 * stray "L" would otherwise lose a turn.
 */
export function confirmLockIn(view: GameView, seat: ActorId): boolean {
  const acted = (view.orders[seat]?.length ?? 0) > 0 || view.proposals.some((p) => p.turn === view.turn && (p.from === seat || p.answers[seat] !== undefined));
  return acted || window.confirm("Lock in without any order? You pass this turn, and if every other seat has locked in, the turn resolves now.");
}
