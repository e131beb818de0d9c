// The start screen: create a game, join one by code or from the list, pick a seat (with its
// briefing and public objectives) or watch as an observer.
import type { Scenario } from "../../../shared/scenario/schema.ts";
import type { CreateGameOptions, LobbyGame } from "../../../shared/protocol.ts";
import type { GameServer, GameSession } from "../net/session-types.ts";
import { h, replace } from "../dom.ts";
import type { SeatCredential } from "../../../shared/protocol.ts";
import { facilitatorCredential, lastName, saveCredential, seatCredential } from "../credentials.ts";
import { statusText } from "../game-info.ts";
import { blocLabel } from "../../../shared/engine/index.ts";
import { mountScenarioPicker } from "./scenario-picker.ts";
import { refusalText, teamJoinControls, teamLine } from "./team-join.ts";
import { teamCodeMistake } from "./invite.ts";
import { KEPT_WORDS } from "../../../shared/control-words.ts";

/** A game with no activity for this long is shown as inactive and folded away in the open list. */
export const INACTIVE_MS = 24 * 3600_000;

/** "5 min ago", "3 h ago", "2 days ago". */
export function ago(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  const hours = Math.round(min / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** The start of a briefing, up to two sentences (about 40 words), for the seat card. */
export function briefingSummary(text: string): string {
  // The first part only: a label such as "GOALS." is not a sentence of the summary.
  const body = briefingParts(text)[0]?.text ?? text;
  // A sentence ends at . ! ? before a space or the end, so "$10.25 bn" stays whole.
  const sentences = body.match(/(?:[^.!?]|[.!?](?!\s|$))+[.!?]+(?:\s+|$)/g) ?? [body];
  const words = (t: string): number => t.trim().split(/\s+/).length;
  let out = "";
  for (const s of sentences) {
    if (out && words(out + s) > 40) {
      // "You are Tehran." alone says nothing: the next sentence follows, cut at a word.
      if (words(out) < 8) out += `${s.trim().split(/\s+/).slice(0, 40 - words(out)).join(" ").replace(/[,;:]$/, "")}…`;
      break;
    }
    out += s;
    if (words(out) > 25) break;
  }
  return out.trim();
}

/** A briefing's labelled parts ("SITUATION. …", "WHAT TO WATCH. …") as separate paragraphs. */
export function briefingParts(text: string): { label: string; text: string }[] {
  const heads = [...text.matchAll(/(^|[.!?"”)]\s+)([A-Z]{2,}(?: [A-Z]{2,})*)\.\s+/g)].map((m) => ({
    label: m[2] ?? "",
    start: (m.index ?? 0) + (m[1] ?? "").length,
    body: (m.index ?? 0) + m[0].length,
  }));
  if (heads.length === 0) return [{ label: "", text: text.trim() }];
  const parts = heads.map((h, i) => ({ label: h.label, text: text.slice(h.body, heads[i + 1]?.start ?? text.length).trim() }));
  const lead = text.slice(0, heads[0]!.start).trim();
  return lead ? [{ label: "", text: lead }, ...parts] : parts;
}

/** "Return to China": the way back to the seat this browser holds in a game (beside "Return as facilitator"). */
export function returnLabel(seatName: string): string {
  return `Return to ${seatName}`;
}

/** On the card of the seat this browser already holds: no "Ask to join" your own team. */
export function playingHereText(seatName: string): string {
  return `You are playing ${seatName} here.`;
}

/**
 * What a seat's card offers: closed because the facilitator kept it for a bot, Play (free), the way
 * back to the seat this browser plays, or the held team's join controls.
 */
export function seatCardKind(id: string, seats: { free: readonly string[]; taken: readonly string[]; kept: readonly string[]; mine: string | null }): "kept" | "free" | "mine" | "team" {
  if (seats.kept.includes(id)) return "kept";
  if (seats.free.includes(id) || !seats.taken.includes(id)) return "free";
  return id === seats.mine ? "mine" : "team";
}

/**
 * A kept seat's card, closed: in place of Play, a button that says who plays the seat and is
 * disabled for the pointer, the keyboard and screen readers alike (aria-disabled keeps it in the
 * tab order, so the reason it is described by is heard), and the reason under the seat's name.
 */
export function keptSeatCard(id: string, seatName: string): { label: string; hiddenPrefix: string; reason: string; attrs: Record<string, string> } {
  const reasonId = `kept-why-${id}`;
  return {
    label: KEPT_WORDS.closed,
    hiddenPrefix: `${seatName}: `,
    reason: KEPT_WORDS.why,
    attrs: { "aria-disabled": "true", "aria-describedby": reasonId, "data-kept": id, id: `kept-${id}` },
  };
}

/** Why the name is asked for before a seat is taken. */
export const NAME_WHY = "The other players see it beside your country, so they can tell who is who.";

interface StartOptions {
  onSession: (s: GameSession) => void;
  message?: string;
  /** From an invite link (/?join=CODE): filled in, and its seats shown at once. */
  joinCode?: string;
}

/** Mounts the start screen; returns the unmount function. */
export function mountStartScreen(root: HTMLElement, server: GameServer, opts: StartOptions): () => void {
  let disposed = false;
  const nameInput = h("input", { id: "player-name", name: "name", autocomplete: "nickname", maxlength: 40, value: lastName(), placeholder: "e.g. Alex" });
  const status = h("p", { class: "form-status", role: "status" }, opts.message ?? "");
  // Errors appear where the player is looking: under the join form, or above the seat cards.
  const joinError = h("p", { class: "form-status error", id: "join-error", role: "alert" });
  const seatError = h("p", { class: "form-status error", id: "seat-error", role: "alert" });
  const gamesList = h("ul", { class: "games-list", "aria-label": "Open games" });
  let showInactive = false;
  const seatArea = h("section", { class: "seat-chooser", "aria-label": "Choose a seat", hidden: true });

  const playerName = (): string => nameInput.value.trim() || "Player";
  // Taking a seat with no name would show "Player" to everyone (an invite link lands below the name
  // field): a small prompt asks for it first, and fills the page's field, which remembers it.
  const promptInput = h("input", { id: "name-prompt-input", autocomplete: "nickname", maxlength: 40, required: true, placeholder: "e.g. Alex" });
  const promptGo = h("button", { type: "submit", class: "primary", id: "name-prompt-go" });
  let promptThen: (() => void) | null = null;
  const namePrompt = h(
    "dialog",
    { id: "name-prompt", "aria-labelledby": "name-prompt-title", onclose: () => (promptThen = null) },
    h(
      "form",
      {
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const name = promptInput.value.trim();
          if (!name) return promptInput.focus();
          nameInput.value = name;
          const go = promptThen;
          namePrompt.close();
          go?.();
        },
      },
      h("h2", { id: "name-prompt-title" }, "Your name"),
      h("p", { class: "hint", id: "name-prompt-help" }, NAME_WHY),
      h("div", { class: "field" }, h("label", { for: "name-prompt-input" }, "Your name"), promptInput),
      h("div", { class: "button-row" }, promptGo, h("button", { type: "button", onclick: () => namePrompt.close() }, "Cancel")),
    ),
  );
  promptInput.setAttribute("aria-describedby", "name-prompt-help");
  const withName = (action: string, go: () => void): void => {
    if (nameInput.value.trim()) return go();
    promptThen = go;
    promptGo.textContent = action;
    promptInput.value = "";
    namePrompt.showModal();
    promptInput.focus();
  };
  const busy = (text: string): void => {
    status.textContent = text;
  };
  const failed = (err: unknown, where: HTMLElement = status): void => {
    const text = refusalText(err);
    status.textContent = "";
    for (const el of [status, joinError, seatError]) if (el !== where) el.textContent = "";
    where.textContent = text;
    where.classList.add("error");
    where.scrollIntoView({ block: "nearest" });
  };

  // --- create ---
  const picker = mountScenarioPicker(server, (e) => failed(e));
  const clockNone = h("input", { type: "radio", name: "clock", id: "clock-none", value: "none", checked: true });
  const clockMinutes = h("input", { type: "radio", name: "clock", id: "clock-minutes", value: "minutes" });
  const minutesInput = h("input", { type: "number", id: "clock-length", min: 1, max: 20160, value: 10, "aria-label": "Minutes per turn" });
  const seatsBots = h("input", { type: "radio", name: "missing", id: "missing-bot", value: "bot", checked: true });
  const seatsHold = h("input", { type: "radio", name: "missing", id: "missing-hold", value: "hold" });
  const startWait = h("input", { type: "radio", name: "start", id: "start-facilitator", value: "facilitator", checked: true });
  const startFull = h("input", { type: "radio", name: "start", id: "start-full", value: "full" });
  const startNow = h("input", { type: "radio", name: "start", id: "start-now", value: "now" });
  const listedInput = h("input", { type: "radio", name: "listed", id: "listed-yes", value: "listed", checked: true });
  const privateInput = h("input", { type: "radio", name: "listed", id: "listed-no", value: "private" });
  const gameNameInput = h("input", { id: "game-name", maxlength: 80, placeholder: "Seminar group B" });
  const seedInput = h("input", { id: "game-seed", maxlength: 64, placeholder: "random" });
  // Seats kept for a bot: the chosen scenario's seats, ticked ones kept across a change of scenario.
  const keptChoice = new Set<string>();
  const keptBox = h("div", { class: "kept-choices", id: "kept-choices" });
  const advancedSummary = h("summary", {}, "Advanced options");
  const drawKept = (): void => {
    const seats = picker.seats();
    for (const id of [...keptChoice]) if (!seats.some((x) => x.id === id)) keptChoice.delete(id);
    replace(
      keptBox,
      seats.map((x) =>
        h(
          "label",
          { class: "check" },
          h("input", {
            type: "checkbox",
            "data-keep-seat": x.id,
            checked: keptChoice.has(x.id),
            onchange: (ev: Event) => {
              if ((ev.target as HTMLInputElement).checked) keptChoice.add(x.id);
              else keptChoice.delete(x.id);
              summarise();
            },
          }),
          x.name,
        ),
      ),
    );
    summarise();
  };
  // A folded choice still shows on the fold: a kept seat is not forgotten.
  const summarise = (): void => {
    advancedSummary.textContent = keptChoice.size === 0 ? "Advanced options" : `Advanced options (${keptChoice.size} seat${keptChoice.size === 1 ? "" : "s"} kept for a bot)`;
  };
  const botLevelSelect = h(
    "select",
    { id: "bot-level", name: "botLevel" },
    h("option", { value: "strong", selected: true }, "Strong: think a few months ahead (beside people)"),
    h("option", { value: "fast" }, "Fast: react to the month ahead"),
  );

  const createForm = h(
    "form",
    {
      class: "card create-game",
      "aria-labelledby": "create-title",
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const options: CreateGameOptions = {
          ...picker.choice(),
          turnMinutes: clockMinutes.checked ? Math.max(1, Number(minutesInput.value) || 10) : 0,
          missingSeats: seatsHold.checked ? "hold" : "bot",
          botLevel: botLevelSelect.value === "fast" ? "fast" : "strong",
          start: startNow.checked ? "now" : startFull.checked ? "full" : "facilitator",
          listed: !privateInput.checked,
          ...(keptChoice.size > 0 ? { keptSeats: picker.seats().map((x) => x.id).filter((id) => keptChoice.has(id)) } : {}),
          creatorName: playerName(),
          ...(gameNameInput.value.trim() ? { name: gameNameInput.value.trim() } : {}),
          ...(seedInput.value.trim() ? { seed: seedInput.value.trim() } : {}),
        };
        busy("Creating the game…");
        server
          .createGame(options)
          .then(async (session) => {
            saveCredential(session.credential);
            const snap = session.snapshot();
            await showSeats(snap.gameId, { created: session, code: snap.joinCode });
          })
          .catch(failed);
      },
    },
    h("h2", { id: "create-title" }, "Create a game"),
    picker.element,
    h(
      "fieldset",
      {},
      h("legend", {}, "Turn clock"),
      radio(clockNone, "No clock — turns end when everyone locks in or the facilitator resolves"),
      h("span", { class: "radio-row" }, clockMinutes, h("label", { for: "clock-minutes" }, "Minutes per turn:"), minutesInput),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "Start"),
      radio(startWait, "Waiting room — people join and read briefings; you press Start"),
      radio(startFull, "When every seat has a person, or earlier when you press Start (a game among friends: bots or nobody play the empty seats)"),
      radio(startNow, "At once — bots play the empty seats"),
    ),
    h("fieldset", {}, h("legend", {}, "Empty or silent seats"), radio(seatsBots, "Played by bots"), radio(seatsHold, "Hold (do nothing)")),
    h("fieldset", {}, h("legend", {}, "Who can find it"), radio(listedInput, "Listed in open games"), radio(privateInput, "Private — join code only")),
    h(
      "details",
      { class: "advanced" },
      advancedSummary,
      field("Game name", gameNameInput, "game-name"),
      field("Bots", botLevelSelect, "bot-level"),
      field("Random seed", seedInput, "game-seed"),
      h("fieldset", { class: "kept-seats", "aria-describedby": "kept-help" }, h("legend", {}, KEPT_WORDS.legend), h("p", { class: "hint", id: "kept-help" }, KEPT_WORDS.hint), keptBox),
    ),
    h("button", { type: "submit", class: "primary", id: "create-button" }, "Create game"),
  );

  picker.onChange(drawKept);

  // --- join ---
  const codeInput = h("input", { id: "join-code", maxlength: 40, autocomplete: "off", placeholder: "e.g. K7Q2XM4PNA", "aria-describedby": "join-help" });
  const joinForm = h(
    "form",
    {
      class: "card join-game",
      "aria-labelledby": "join-title",
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const code = codeInput.value.trim();
        const teamCode = teamCodeMistake(code);
        if (teamCode) failed(new Error(teamCode), joinError);
        else if (code) void showSeats(code, {}, joinError);
        else failed(new Error("Type the join code the facilitator gave you."), joinError);
      },
    },
    h("h2", { id: "join-title" }, "Join a game"),
    field("Join code or game id", codeInput, "join-code"),
    h("p", { id: "join-help", class: "hint" }, "Everyone in the game sees its join code in the top bar, with “Copy invite link”."),
    h("button", { type: "submit", id: "join-button" }, "Find game"),
    joinError,
    h("h3", {}, "Open games ", h("button", { type: "button", class: "small", onclick: () => void refreshGames() }, "Refresh")),
    gamesList,
  );

  async function refreshGames(): Promise<void> {
    try {
      const games = await server.listGames();
      if (disposed) return;
      const now = Date.now();
      const inactive = (g: LobbyGame): boolean => g.lastActivity !== undefined && now - g.lastActivity > INACTIVE_MS;
      const active = games.filter((g) => !inactive(g)).sort((a, b) => (b.lastActivity ?? 0) - (a.lastActivity ?? 0));
      const old = games.filter(inactive);
      replace(
        gamesList,
        active.length === 0 ? h("li", { class: "hint" }, "No open games right now.") : active.map((g) => gameRow(g, now)),
        old.length > 0
          ? h(
              "li",
              { class: "inactive-toggle" },
              h(
                "button",
                { type: "button", class: "small", "aria-expanded": String(showInactive), onclick: () => ((showInactive = !showInactive), void refreshGames()) },
                showInactive ? `Hide ${old.length} inactive game${old.length === 1 ? "" : "s"}` : `Show ${old.length} inactive game${old.length === 1 ? "" : "s"} (nothing for a day or more)`,
              ),
            )
          : null,
        showInactive ? old.map((g) => gameRow(g, now)) : null,
      );
    } catch (err) {
      replace(gamesList, h("li", { class: "error" }, `Could not list games: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  function gameRow(g: LobbyGame, now: number): HTMLElement {
    const idle = g.lastActivity === undefined ? null : now - g.lastActivity;
    const quiet = idle !== null && idle > INACTIVE_MS;
    return h(
      "li",
      { class: `game-row${quiet ? " inactive" : ""}` },
      h("span", { class: "game-title" }, g.name || g.title),
      h(
        "span",
        { class: "hint" },
        // An unnamed game is called after its scenario already: the title is not said twice.
        ` ${g.name.startsWith(g.title) ? "" : `${g.title} · `}turn ${g.turn}/${g.turns} · ${g.freeSeats.length} free seat${g.freeSeats.length === 1 ? "" : "s"} · ${statusText(g.status)}`,
        idle !== null ? ` · ${quiet ? "inactive, last move" : "last activity"} ${ago(idle)}` : "",
      ),
      h("button", { type: "button", class: "small", "data-game": g.gameId, onclick: () => void showSeats(g.gameId, {}, joinError) }, "Join"),
    );
  }

  async function showSeats(gameIdOrCode: string, ctx: { created?: GameSession; code?: string | null }, errorAt: HTMLElement = status): Promise<void> {
    busy("Looking up the game…");
    try {
      const info = await server.describe(gameIdOrCode);
      if (disposed) return;
      busy("");
      joinError.textContent = "";
      renderSeats(info.gameId, info.scenario, { free: info.freeSeats, taken: info.takenSeats, kept: info.keptSeats ?? [] }, ctx, info.teams ?? {});
    } catch (err) {
      failed(err, errorAt);
    }
  }

  function renderSeats(
    gameId: string,
    scenario: Scenario,
    { free, taken, kept }: { free: string[]; taken: string[]; kept: string[] },
    ctx: { created?: GameSession; code?: string | null },
    teams: Record<string, string[]>,
  ): void {
    seatArea.hidden = false;
    const claim = (seat: string): void => {
      busy(`Joining as ${scenario.actors[seat]?.name ?? seat}…`);
      // The facilitator session of a creator who takes a seat stays open: its credential is kept
      // (credentials.ts) so "Return as facilitator" works later.
      server.join(gameId, { seat, name: playerName() }).then(opts.onSession).catch((err: unknown) => failed(err, seatError));
    };
    const watch = (): void => {
      busy("Joining as observer…");
      server.join(gameId, { observer: true, name: playerName() }).then(opts.onSession).catch((err: unknown) => failed(err, seatError));
    };
    const seats = Object.entries(scenario.actors).filter(([, a]) => a.playable);
    const fac = ctx.created ?? null;
    const facCred = fac ? null : facilitatorCredential(gameId);
    // The seat this browser plays in this game, if it still holds one (its team may have let it go).
    const mine = seatCredential(gameId);
    const mySeat = mine?.seat && taken.includes(mine.seat) ? mine.seat : null;
    const seatNameOf = (id: string): string => scenario.actors[id]?.name ?? id;
    replace(
      seatArea,
      h("h2", { id: "seat-title", tabindex: -1 }, scenario.title),
      ctx.code ? h("p", { class: "join-code" }, "Join code: ", h("strong", { id: "created-code" }, ctx.code), " — share it with the players.") : null,
      h("p", { class: "summary" }, scenario.summary),
      // Above the seat cards, so a creator sees "Run the game as facilitator" without scrolling.
      h(
        "div",
        { class: "seat-actions" },
        h("button", { type: "button", id: "watch-button", onclick: watch }, "Watch as observer"),
        fac ? h("button", { type: "button", id: "facilitate-button", class: "primary", onclick: () => opts.onSession(fac) }, "Run the game as facilitator") : null,
        mine && mySeat ? h("button", { type: "button", class: "primary", id: "return-seat-button", onclick: () => void resume(mine, seatNameOf(mySeat)) }, returnLabel(seatNameOf(mySeat))) : null,
        facCred ? h("button", { type: "button", id: "return-facilitator-button", onclick: () => void resume(facCred, "the console") }, "Return as facilitator") : null,
      ),
      seatError,
      h(
        "ul",
        { class: "seat-cards" },
        seats.map(([id, actor]) => {
          const kind = seatCardKind(id, { free, taken, kept, mine: mySeat });
          const isFree = kind === "free";
          const closed = kind === "kept" ? keptSeatCard(id, actor.name) : null;
          const objectives = (scenario.objectives[id] ?? []).filter((o) => !o.secret);
          // The Play button comes first, then a two-sentence summary; the full briefing folds out.
          return h(
            "li",
            { class: `seat-card${isFree ? "" : " taken"}${closed ? " kept" : ""}` },
            h(
              "div",
              { class: "seat-head" },
              h("h3", {}, actor.name, actor.bloc ? h("span", { class: "tag" }, `${blocLabel(actor.bloc)} bloc`) : null),
              isFree ? h("button", { type: "button", class: "primary", "data-seat": id, onclick: () => withName(`Play ${actor.name}`, () => claim(id)) }, `Play ${actor.name}`) : null,
              closed ? h("button", { type: "button", ...closed.attrs }, h("span", { class: "sr-only" }, closed.hiddenPrefix), closed.label) : null,
            ),
            closed
              ? h("p", { class: "kept-reason hint", id: closed.attrs["aria-describedby"]! }, closed.reason)
              : isFree
              ? null
              : kind === "mine" && mine
                ? h(
                    "div",
                    { class: "team-join" },
                    h("p", { class: "team-names", "data-team": id }, h("strong", {}, "Team: "), teamLine(teams[id] ?? [])),
                    h("p", { class: "playing-here" }, playingHereText(actor.name), " ", h("button", { type: "button", class: "primary", "data-return-seat": id, onclick: () => void resume(mine, actor.name) }, returnLabel(actor.name))),
                  )
                : teamJoinControls(
                  { server, gameId, seat: id, seatName: actor.name, playerName, withName, onSession: opts.onSession, busy, failed: (err) => failed(err, seatError) },
                  teams[id] ?? [],
                ),
            actor.briefing ? h("p", { class: "briefing" }, briefingSummary(actor.briefing)) : null,
            actor.briefing
              ? h(
                  "details",
                  { class: "briefing-more" },
                  h("summary", {}, "More of the briefing"),
                  briefingParts(actor.briefing).map((p) => h("p", {}, p.label ? h("strong", {}, `${p.label}. `) : null, p.text)),
                )
              : null,
            objectives.length > 0
              ? h("div", {}, h("h4", {}, "Public objectives"), h("ul", { class: "objectives" }, objectives.map((o) => h("li", {}, `${o.label} (${o.points} ${o.points === 1 ? "pt" : "pts"})`))))
              : null,
          );
        }),
      ),
    );
    const title = seatArea.querySelector<HTMLElement>("#seat-title");
    title?.focus();
    title?.scrollIntoView({ block: "start" });
  }

  async function resume(cred: SeatCredential, where: string): Promise<void> {
    busy(`Returning to ${where}…`);
    try {
      opts.onSession(await server.resume(cred));
    } catch (err) {
      failed(err, seatError);
    }
  }

  replace(
    root,
    h(
      "main",
      { id: "main", class: "start" },
      h("header", { class: "start-header" }, h("h1", {}, "Faultline"), h("p", { class: "tagline" }, "A turn-based geopolitical strategy game for seminars and friends.")),
      h("div", { class: "name-row" }, field("Your name", nameInput, "player-name")),
      status,
      h("div", { class: "start-grid" }, joinForm, createForm),
      seatArea,
      namePrompt,
    ),
  );
  if (opts.joinCode) {
    codeInput.value = opts.joinCode;
    void showSeats(opts.joinCode, {}, joinError);
  }
  void refreshGames();
  const timer = window.setInterval(() => {
    void refreshGames();
    void picker.refresh();
  }, 5000);
  return () => {
    disposed = true;
    window.clearInterval(timer);
  };
}

function field(label: string, input: HTMLElement, id: string): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

function radio(input: HTMLInputElement, label: string): HTMLElement {
  return h("span", { class: "radio-row" }, input, h("label", { for: input.id }, label));
}
