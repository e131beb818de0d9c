// The start screen: create a game, join one by code or from the list, pick a seat (with its
// briefing and public objectives) or watch as an observer.
import type { Scenario } from "../../../shared/scenario/schema.ts";
import type { CreateGameOptions, LobbyGame } from "../../../shared/protocol.ts";
import type { GameServer, GameSession } from "../net/session-types.ts";
import { h, replace } from "../dom.ts";
import { facilitatorCredential, lastName, saveCredential } from "../credentials.ts";

interface StartOptions {
  onSession: (s: GameSession) => void;
  message?: string;
}

const DEFAULT_SCENARIO = "pyongyang-2024";

/** Mounts the start screen; returns the unmount function. */
export function mountStartScreen(root: HTMLElement, server: GameServer, opts: StartOptions): () => void {
  let disposed = false;
  const nameInput = h("input", { id: "player-name", name: "name", autocomplete: "nickname", maxlength: 40, value: lastName(), placeholder: "e.g. Alex" });
  const status = h("p", { class: "form-status", role: "status" }, opts.message ?? "");
  const gamesList = h("ul", { class: "games-list", "aria-label": "Open games" });
  const seatArea = h("section", { class: "seat-chooser", "aria-label": "Choose a seat", hidden: true });

  const playerName = (): string => nameInput.value.trim() || "Player";
  const busy = (text: string): void => {
    status.textContent = text;
  };
  const failed = (err: unknown): void => {
    status.textContent = err instanceof Error ? err.message : String(err);
    status.classList.add("error");
  };

  // --- create ---
  const scenarioSelect = h("select", { id: "create-scenario", name: "scenario" }, h("option", { value: DEFAULT_SCENARIO }, "Pyongyang 2024"));
  const clockNone = h("input", { type: "radio", name: "clock", id: "clock-none", value: "none", checked: true });
  const clockMinutes = h("input", { type: "radio", name: "clock", id: "clock-minutes", value: "minutes" });
  const minutesInput = h("input", { type: "number", id: "clock-length", min: 1, max: 20160, value: 10, "aria-label": "Minutes per turn" });
  const seatsBots = h("input", { type: "radio", name: "missing", id: "missing-bot", value: "bot", checked: true });
  const seatsHold = h("input", { type: "radio", name: "missing", id: "missing-hold", value: "hold" });
  const listedInput = h("input", { type: "radio", name: "listed", id: "listed-yes", value: "listed", checked: true });
  const privateInput = h("input", { type: "radio", name: "listed", id: "listed-no", value: "private" });
  const gameNameInput = h("input", { id: "game-name", maxlength: 80, placeholder: "Seminar group B" });
  const seedInput = h("input", { id: "game-seed", maxlength: 64, placeholder: "random" });

  const createForm = h(
    "form",
    {
      class: "card create-game",
      "aria-labelledby": "create-title",
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const options: CreateGameOptions = {
          scenario: scenarioSelect.value,
          turnMinutes: clockMinutes.checked ? Math.max(1, Number(minutesInput.value) || 10) : 0,
          missingSeats: seatsHold.checked ? "hold" : "bot",
          listed: !privateInput.checked,
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
    field("Scenario", scenarioSelect, "create-scenario"),
    h(
      "fieldset",
      {},
      h("legend", {}, "Turn clock"),
      radio(clockNone, "No clock — turns end when everyone locks in or the facilitator resolves"),
      h("span", { class: "radio-row" }, clockMinutes, h("label", { for: "clock-minutes" }, "Minutes per turn:"), minutesInput),
    ),
    h("fieldset", {}, h("legend", {}, "Empty or silent seats"), radio(seatsBots, "Played by bots"), radio(seatsHold, "Hold (do nothing)")),
    h("fieldset", {}, h("legend", {}, "Who can find it"), radio(listedInput, "Listed in open games"), radio(privateInput, "Private — join code only")),
    h("details", { class: "advanced" }, h("summary", {}, "Advanced options"), field("Game name", gameNameInput, "game-name"), field("Random seed", seedInput, "game-seed")),
    h("button", { type: "submit", class: "primary", id: "create-button" }, "Create game"),
  );

  // --- join ---
  const codeInput = h("input", { id: "join-code", maxlength: 40, autocomplete: "off", placeholder: "e.g. K7Q2XM", "aria-describedby": "join-help" });
  const joinForm = h(
    "form",
    {
      class: "card join-game",
      "aria-labelledby": "join-title",
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const code = codeInput.value.trim();
        if (code) void showSeats(code, {});
      },
    },
    h("h2", { id: "join-title" }, "Join a game"),
    field("Join code or game id", codeInput, "join-code"),
    h("p", { id: "join-help", class: "hint" }, "The facilitator sees the code at the top of the game screen."),
    h("button", { type: "submit", id: "join-button" }, "Find game"),
    h("h3", {}, "Open games ", h("button", { type: "button", class: "small", onclick: () => void refreshGames() }, "Refresh")),
    gamesList,
  );

  async function refreshGames(): Promise<void> {
    try {
      const games = await server.listGames();
      if (disposed) return;
      replace(gamesList, games.length === 0 ? h("li", { class: "hint" }, "No open games right now.") : games.map(gameRow));
    } catch (err) {
      replace(gamesList, h("li", { class: "error" }, `Could not list games: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  function gameRow(g: LobbyGame): HTMLElement {
    return h(
      "li",
      { class: "game-row" },
      h("span", { class: "game-title" }, g.name || g.title),
      h("span", { class: "hint" }, ` ${g.title} · turn ${g.turn}/${g.turns} · ${g.freeSeats.length} free seat${g.freeSeats.length === 1 ? "" : "s"} · ${g.status}`),
      h("button", { type: "button", class: "small", "data-game": g.gameId, onclick: () => void showSeats(g.gameId, {}) }, "Join"),
    );
  }

  async function showSeats(gameIdOrCode: string, ctx: { created?: GameSession; code?: string | null }): Promise<void> {
    busy("Looking up the game…");
    try {
      const info = await server.describe(gameIdOrCode);
      if (disposed) return;
      busy("");
      renderSeats(info.gameId, info.scenario, info.freeSeats, info.takenSeats, ctx);
    } catch (err) {
      failed(err);
    }
  }

  function renderSeats(gameId: string, scenario: Scenario, free: string[], taken: string[], ctx: { created?: GameSession; code?: string | null }): void {
    seatArea.hidden = false;
    const claim = (seat: string): void => {
      busy(`Joining as ${scenario.actors[seat]?.name ?? seat}…`);
      // The facilitator session of a creator who takes a seat stays open: its credential is kept
      // (credentials.ts) so "Return as facilitator" works later.
      server.join(gameId, { seat, name: playerName() }).then(opts.onSession).catch(failed);
    };
    const watch = (): void => {
      busy("Joining as observer…");
      server.join(gameId, { observer: true, name: playerName() }).then(opts.onSession).catch(failed);
    };
    const seats = Object.entries(scenario.actors).filter(([, a]) => a.playable);
    const fac = ctx.created ?? null;
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
        !fac && facilitatorCredential(gameId) ? h("button", { type: "button", onclick: () => void resumeFacilitator(gameId) }, "Return as facilitator") : null,
      ),
      h(
        "ul",
        { class: "seat-cards" },
        seats.map(([id, actor]) => {
          const isFree = free.includes(id) || !taken.includes(id);
          const objectives = (scenario.objectives[id] ?? []).filter((o) => !o.secret);
          return h(
            "li",
            { class: `seat-card${isFree ? "" : " taken"}` },
            h("h3", {}, actor.name, actor.bloc ? h("span", { class: "tag" }, actor.bloc) : null),
            actor.briefing ? h("p", { class: "briefing" }, actor.briefing) : null,
            objectives.length > 0
              ? h("div", {}, h("h4", {}, "Public objectives"), h("ul", { class: "objectives" }, objectives.map((o) => h("li", {}, `${o.label} (${o.points} pts)`))))
              : null,
            h("button", { type: "button", class: "primary", "data-seat": id, disabled: !isFree, onclick: () => claim(id) }, isFree ? `Play ${actor.name}` : "Taken"),
          );
        }),
      ),
    );
    const title = seatArea.querySelector<HTMLElement>("#seat-title");
    title?.focus();
    title?.scrollIntoView({ block: "start" });
  }

  async function resumeFacilitator(gameId: string): Promise<void> {
    const cred = facilitatorCredential(gameId);
    if (!cred) return;
    try {
      opts.onSession(await server.resume(cred));
    } catch (err) {
      failed(err);
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
    ),
  );
  void refreshGames();
  const timer = window.setInterval(() => void refreshGames(), 5000);
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
