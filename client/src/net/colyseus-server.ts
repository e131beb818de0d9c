// GameServer over HTTP (lobby) and Colyseus (joining). Works in the browser and in Node 20+.
import type { PublicScenario } from "../../../shared/engine/index.ts";
import { CODE_PREFIX, COORDINATION_UNAVAILABLE, HOST_UNAVAILABLE, JOINS_PENDING, type CreateGameOptions, type JoinOptions, type LobbyGame, type ScenarioListing, type SeatCredential } from "../../../shared/protocol.ts";
import { ColyseusSession, type SessionOptions } from "./colyseus-session.ts";
import type { GameServer, JoinAs, ScenarioCheck } from "./session-types.ts";

interface Description {
  gameId: string;
  scenario: PublicScenario;
  freeSeats: string[];
  takenSeats: string[];
  /** Seats the facilitator keeps for a bot (closed to everyone). */
  keptSeats?: string[];
  /** People on each held seat's team. */
  teams?: Record<string, string[]>;
}

/** An error from the lobby API with its namespaced code. */
export class LobbyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LobbyError";
  }
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { code?: string; message?: string };
  if (!res.ok) throw new LobbyError(body.code ?? `http/${res.status}`, body.message ?? res.statusText);
  return body;
}

/**
 * A refusal of the matchmaker's HTTP step reaches the SDK as a MatchMakeError that keeps our
 * message but only the HTTP status as its code (a namespaced code where the room refused, at the
 * start of the message when it refused on joining): give it to callers as the same LobbyError the
 * lobby API would have thrown, whichever step refused. The front door's only bare 503 is the
 * Redis-down refusal.
 */
async function opening<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const message = (e as Error).message;
    if (typeof code === "string" && code.includes("/")) throw new LobbyError(code, message);
    // A room's refusal ("server/storage_error: …") names its code at the start of the message.
    const named = CODE_PREFIX.exec(message ?? "");
    if (named) throw new LobbyError(named[1]!, message);
    if (code === 503) throw new LobbyError(COORDINATION_UNAVAILABLE.code, message || COORDINATION_UNAVAILABLE.message);
    throw e;
  }
}

/** How long a join keeps retrying a refusal that passes by itself (below). */
const JOIN_RETRY_MS = 15_000;
const PASSING = new Set<string>([HOST_UNAVAILABLE.code, JOINS_PENDING.code]);

/**
 * Runs a join (look-up, then the matchmaker) again while the refusal is one that passes: the
 * process hosting the game did not answer (a busy host answers a moment later, and a dead one is
 * found by the next look-up, which reopens the game elsewhere), or too many joins from the same
 * address wait to be used (a class behind one NAT). Every other refusal is final.
 */
async function retryingPassing<T>(join: () => Promise<T>): Promise<T> {
  const until = Date.now() + JOIN_RETRY_MS;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await join();
    } catch (e) {
      if (!(e instanceof LobbyError && PASSING.has(e.code)) || Date.now() + delay > until) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

export class ColyseusGameServer implements GameServer {
  private url: string;

  constructor(
    url: string,
    private sessionDefaults: Omit<SessionOptions, "url"> = {},
  ) {
    this.url = url.replace(/\/+$/, "");
  }

  async listGames(): Promise<LobbyGame[]> {
    return json<LobbyGame[]>(await fetch(`${this.url}/api/games`));
  }

  async listScenarios(): Promise<ScenarioListing[]> {
    return json<ScenarioListing[]>(await fetch(`${this.url}/api/scenarios`));
  }

  async checkScenario(text: string, file: string): Promise<ScenarioCheck> {
    return json<ScenarioCheck>(
      await fetch(`${this.url}/api/scenarios/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, file }) }),
    );
  }

  async createGame(options: CreateGameOptions): Promise<ColyseusSession> {
    const created = await json<{ gameId: string; credential: SeatCredential }>(
      await fetch(`${this.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(options) }),
    );
    return this.resume(created.credential);
  }

  async join(gameIdOrCode: string, as: JoinAs): Promise<ColyseusSession> {
    const join: JoinOptions =
      "seat" in as
        ? { claim: { seat: as.seat, name: as.name, ...(as.teamCode ? { teamCode: as.teamCode } : {}) } }
        : { claim: { observer: true, name: as.name, ...(as.projector ? { projector: true as const } : {}) } };
    return retryingPassing(async () => {
      const d = await this.lookUp(gameIdOrCode);
      return opening(() => ColyseusSession.open(this.options(), d.gameId, join));
    });
  }

  async describe(gameIdOrCode: string): Promise<Description> {
    return json<Description>(await fetch(`${this.url}/api/games/${encodeURIComponent(gameIdOrCode.trim())}`));
  }

  /** The game's id and seats without its scenario (~80 KB): the room sends the scenario on joining. */
  private async lookUp(gameIdOrCode: string): Promise<Omit<Description, "scenario">> {
    return json<Omit<Description, "scenario">>(await fetch(`${this.url}/api/games/${encodeURIComponent(gameIdOrCode.trim())}?scenario=0`));
  }

  async resume(credential: SeatCredential): Promise<ColyseusSession> {
    return retryingPassing(async () => {
      // A look-up opens the game's room if this server process does not host it yet.
      await this.lookUp(credential.gameId);
      return opening(() => ColyseusSession.open(this.options(), credential.gameId, { token: credential.token }));
    });
  }

  private options(): SessionOptions {
    return { url: this.url, ...this.sessionDefaults };
  }
}
