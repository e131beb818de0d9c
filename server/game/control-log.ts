// The facilitator's actions in a game's log, in words for the debrief: pause, resume, extend,
// resolve now, bots and seats kept for them, injects (scenario events and custom ones, scheduled and cancelled), adjudication
// overrides of an indicator or of a proposal's outcome (kind "ruling"), rollbacks,
// forks, the clock's schedule, and any kind the log gains later (its name and fields), each with
// who, when and, where given, the reason. Player, bot and server actions, and actions a rollback
// undid ("undone:<kind>"), are not listed.
import { capitalise, eventHeadline, fullName, humanise, subjectLabel, turnDate } from "../../shared/engine/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { KEPT_WORDS, ROLLBACK_WORDS } from "../../shared/control-words.ts";
import type { ActionRecord } from "../store/game-store.ts";

/** Log kinds written by players, bots and the server; every other kind is the facilitator's. */
const TABLE_KINDS = new Set(["orders", "lock", "propose", "answer", "choose", "bot-play", "chat", "resolved", "suspended"]);

export interface ControlEntry {
  id: number;
  turn: number;
  at: number;
  who: string;
  kind: string;
  /** What was done, in words. */
  what: string;
  /** The reason the facilitator gave, when the action carries one. */
  reason?: string;
}

type P = Record<string, unknown>;

const show = (v: unknown): string => {
  const text = typeof v === "string" ? v : JSON.stringify(v) ?? "";
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
};

/** Other fields of a command, "field: value" (what a new kind of action carries). */
function fieldsOf(p: P, skip: readonly string[]): string {
  return Object.entries(p)
    .filter(([k, v]) => !skip.includes(k) && v !== undefined)
    .map(([k, v]) => `${humanise(k)}: ${show(v)}`)
    .join(", ");
}

/** A custom inject's or override's changes, "Tension: set to 75, China: GDP +10". */
function changesText(scenario: Scenario, changes: unknown): string {
  if (!Array.isArray(changes)) return "";
  return changes
    .map((c: P) => `${subjectLabel(scenario, String(c["subject"] ?? ""))}: ${c["to"] !== undefined ? `set to ${show(c["to"])}` : `${Number(c["by"]) >= 0 ? "+" : ""}${show(c["by"])}`}`)
    .join(", ");
}

/** One facilitator action in words; undefined for player, bot and server actions. */
export function controlEntry(scenario: Scenario, a: ActionRecord): ControlEntry | undefined {
  if (TABLE_KINDS.has(a.kind) || a.kind.startsWith("undone:")) return undefined;
  const p = (a.payload && typeof a.payload === "object" ? a.payload : {}) as P;
  const reason = typeof p["reason"] === "string" ? p["reason"] : undefined;
  const base = { id: a.id, turn: a.turn, at: a.at, who: a.who, kind: a.kind, reason };
  const custom = p["custom"] && typeof p["custom"] === "object" ? (p["custom"] as P) : undefined;
  if (a.kind === "override") {
    const what = custom ? changesText(scenario, custom["changes"]) : `${subjectLabel(scenario, String(p["subject"] ?? ""))}: set to ${show(p["to"] ?? p["value"])}`;
    return { ...base, what: `Adjudication override: ${what}`, reason: reason ?? (typeof custom?.["reason"] === "string" ? custom["reason"] : undefined) };
  }
  if (a.kind === "ruling") {
    const outcome = typeof p["outcome"] === "string" ? p["outcome"] : null;
    return { ...base, what: `${outcome ? "Ruled on an outcome" : "Withdrew a ruling"}: ${show(p["headline"] ?? p["proposal"])}` };
  }
  if (a.kind === "end-after") {
    const turn = typeof p["turn"] === "number" ? p["turn"] : null;
    return { ...base, what: turn === null ? "Let the game run to the scenario's last turn" : `Set the game to end after turn ${turn} (${turnDate(scenario.start, scenario.turns.length, turn)})` };
  }
  if (a.kind === "rollback") {
    const to = Number(p["to"]);
    return { ...base, what: Number.isInteger(to) ? ROLLBACK_WORDS.done(to, turnDate(scenario.start, scenario.turns.length, to)) : `Rolled back: ${show(p)}` };
  }
  if (a.kind === "fork") return { ...base, what: `Forked a what-if copy of the game from turn ${show(p["turn"])}` };
  if (a.kind === "inject" && custom) {
    const changes = changesText(scenario, custom["changes"]);
    return { ...base, what: `Injected "${show(custom["headline"])}"${changes ? ` (${changes})` : ""}` };
  }
  if (a.kind === "inject") {
    const event = String(p["event"] ?? "");
    const seat = typeof p["seat"] === "string" ? p["seat"] : undefined;
    const title = scenario.events[event]?.title ?? eventHeadline(scenario, event, seat ?? "") ?? event;
    return { ...base, what: `Injected the event "${title}"${seat ? ` on ${fullName(scenario, seat)}` : ""}${p["scheduled"] ? ", as scheduled" : ""}` };
  }
  if (a.kind === "facilitate") {
    const action = String(p["action"] ?? "");
    switch (action) {
      case "pause":
        return { ...base, what: "Paused the clock" };
      case "resume":
        return { ...base, what: "Resumed the clock" };
      case "extend":
        return { ...base, what: `Extended the turn by ${show(p["minutes"])} minutes` };
      case "resolve":
        return { ...base, what: "Resolved the turn at once" };
      case "bot":
        return { ...base, what: `${p["on"] ? "Put a bot on" : "Took the bot off"} ${fullName(scenario, String(p["seat"] ?? ""))}` };
      case "keep":
        return { ...base, what: KEPT_WORDS.logged(Boolean(p["on"]), fullName(scenario, String(p["seat"] ?? ""))) };
      case "start":
        return { ...base, what: "Started the game" };
      case "shorten":
        return { ...base, what: `Shortened the turn by ${show(p["minutes"])} minutes` };
      case "deadline":
        return { ...base, what: `Set the turn's deadline to ${typeof p["at"] === "number" ? new Date(p["at"]).toISOString() : show(p["at"])}` };
      case "rounds":
        return { ...base, what: `Set a schedule of ${Array.isArray(p["rounds"]) ? p["rounds"].length : "?"} rounds` };
      case "schedule-inject":
        return {
          ...base,
          what: `Scheduled ${p["headline"] ? `"${show(p["headline"])}"` : `the event "${scenario.events[String(p["event"] ?? "")]?.title ?? show(p["event"])}"${typeof p["seat"] === "string" ? ` on ${fullName(scenario, p["seat"])}` : ""}`} for turn ${show(p["turn"])}`,
        };
      case "cancel-inject":
        return { ...base, what: `Cancelled the inject ${p["headline"] ? `"${show(p["headline"])}"` : show(p["id"])} scheduled for turn ${show(p["turn"])}` };
      case "remove": {
        const [name, seat] = [show(p["name"]), fullName(scenario, String(p["from"] ?? ""))];
        // With a reason it was the server's: the claim of someone who left before hearing of it, or
        // who never got the credential.
        return { ...base, what: reason ? `Withdrew the claim of ${name} on ${seat}` : `Removed ${name} from ${seat}` };
      }
      case "leave":
        return { ...base, what: `Left ${fullName(scenario, String(p["from"] ?? ""))}` };
      case "inject":
        // The engine's inject is logged as its own "inject" action; this is the command.
        return { ...base, what: `Asked to inject "${scenario.events[String(p["event"] ?? "")]?.title ?? show(p["event"])}"` };
      default: {
        const fields = fieldsOf(p, ["action", "reason"]);
        return { ...base, what: `${capitalise(humanise(action || "command"))}${fields ? ` (${fields})` : ""}` };
      }
    }
  }
  const fields = fieldsOf(p, ["reason"]);
  return { ...base, what: `${capitalise(humanise(a.kind))}${fields ? ` (${fields})` : ""}` };
}

/** Every facilitator action of a log, oldest first; the engine's own "inject" duplicates its command. */
export function controlLog(scenario: Scenario, actions: readonly ActionRecord[]): ControlEntry[] {
  const out: ControlEntry[] = [];
  for (const a of actions) {
    const p = a.payload as P | null;
    if (a.kind === "facilitate" && p?.["action"] === "inject") continue;
    const e = controlEntry(scenario, a);
    if (e) out.push(e);
  }
  return out;
}
