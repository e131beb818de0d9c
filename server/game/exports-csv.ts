// The debrief's CSV exports, built from a stored game (a Dossier):
// - indicators per turn, long format: one row per turn × quantity (world indicators, every
//   actor's indicators, each seat's score points and share of its maximum), so a spreadsheet's
//   pivot table or a filter makes any chart;
// - participation per person: messages written, orders drafted, proposals, answers, choices and
//   lock-ins, per person and seat, for grading a class.
// Fields are quoted when needed (RFC 4180), and text that a spreadsheet would run as a formula
// (starting with = + - @) gets a leading apostrophe. Each file starts with a UTF-8 byte order
// mark: without it Excel reads the text as Windows-1252 ("â€“" for an en dash).
import { fullName, indicatorLabel, turnDate, turnMonth } from "../../shared/engine/index.ts";
import { hasIndicator } from "../../shared/scenario/scope.ts";
import type { HistoryPoint, Order } from "../../shared/engine/index.ts";
import type { Dossier } from "./dossier.ts";

/** One CSV field: numbers as they are, text quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : "";
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: (string | number | null | undefined)[]): string => fields.map(csvField).join(",");

const BOM = "\uFEFF";

export const INDICATOR_COLUMNS = ["turn", "date", "period", "scope", "actor", "indicator", "label", "value"] as const;

/** Indicators per turn: turn 0 is the start; "scope" is world, actor (only the indicators the actor holds) or score. */
export function indicatorsCsv(d: Dossier): string {
  const sc = d.rules.scenario;
  const rows: string[] = [line([...INDICATOR_COLUMNS])];
  const maxes: Record<string, number> = {};
  for (const [seat, list] of Object.entries(sc.objectives)) maxes[seat] = list.reduce((s, o) => s + o.points, 0);
  const add = (p: HistoryPoint) => {
    // One format for every row; turn 0, the values before turn 1, is the start's month.
    const date = turnMonth(sc.start, sc.turns.length, Math.max(1, p.turn));
    // The month in words beside it, for reading ("Start" for the values before turn 1).
    const period = p.turn === 0 ? "Start" : turnDate(sc.start, sc.turns.length, p.turn);
    for (const [id, v] of Object.entries(p.world)) rows.push(line([p.turn, date, period, "world", "", id, indicatorLabel(sc, id), v]));
    for (const [actor, inds] of Object.entries(p.actors)) {
      // An indicator the actor does not hold (Malta's weapons programme) is a 0 that means nothing.
      for (const [id, v] of Object.entries(inds)) if (hasIndicator(sc, actor, id)) rows.push(line([p.turn, date, period, "actor", actor, id, indicatorLabel(sc, id), v]));
    }
    for (const [seat, v] of Object.entries(p.scores)) {
      rows.push(line([p.turn, date, period, "score", seat, "points", `${fullName(sc, seat)}: points`, v]));
      rows.push(line([p.turn, date, period, "score", seat, "share", `${fullName(sc, seat)}: share of maximum`, maxes[seat] ? v / maxes[seat]! : 0]));
    }
  };
  add(d.initialPoint);
  for (const t of d.turns) add(t.point);
  return `${BOM}${rows.join("\r\n")}\r\n`;
}

export const PARTICIPATION_COLUMNS = [
  "name",
  "seat",
  "country",
  "messages",
  "public_messages",
  "private_messages",
  "order_submissions",
  "orders_drafted",
  "proposals",
  "answers",
  "event_choices",
  "lock_ins",
  "injects",
  "overrides",
  "rulings",
  "turns_active",
  "first_action_utc",
  "last_action_utc",
] as const;

interface Tally {
  name: string;
  seat: string;
  messages: number;
  publicMessages: number;
  privateMessages: number;
  submissions: number;
  drafted: Set<string>;
  proposals: number;
  answers: number;
  choices: number;
  locks: number;
  injects: number;
  overrides: number;
  rulings: number;
  turns: Set<number>;
  first: number;
  last: number;
}

/** Actions of the people at the table (and the facilitator's messages); every other kind is the control cell's. */
const TABLE_KINDS = new Set(["orders", "lock", "propose", "answer", "choose", "chat", "bot-play", "resolved", "suspended"]);

/** Who is not a person: bots (at the table or filling an empty seat) and the server. */
const NOT_PEOPLE = new Set(["bot", "missing", "server"]);

const orderKey = (turn: number, o: Order): string => JSON.stringify([turn, o.move, o.target ?? "", o.target2 ?? "", o.params ?? {}]);

/** Participation per person (and seat): everyone who claimed a seat or acted, bots left out. */
export function participationCsv(d: Dossier): string {
  const sc = d.rules.scenario;
  const tallies = new Map<string, Tally>();
  const tally = (name: string, seat: string): Tally => {
    const key = `${seat}\u0000${name}`;
    let t = tallies.get(key);
    if (!t) {
      t = { name, seat, messages: 0, publicMessages: 0, privateMessages: 0, submissions: 0, drafted: new Set(), proposals: 0, answers: 0, choices: 0, locks: 0, injects: 0, overrides: 0, rulings: 0, turns: new Set(), first: 0, last: 0 };
      tallies.set(key, t);
    }
    return t;
  };
  for (const [seat, names] of d.people) for (const n of names) tally(n, seat);
  for (const a of d.actions) {
    if (NOT_PEOPLE.has(a.who)) continue;
    // Everything but a table action is the facilitator's, whatever seat it names (an event injected on China).
    const seat = TABLE_KINDS.has(a.kind) ? (a.seat ?? (a.kind === "chat" ? "facilitator" : "")) : "facilitator";
    if (!seat || a.kind.startsWith("undone:")) continue;
    const t = tally(a.who, seat);
    const p = (a.payload ?? {}) as Record<string, unknown>;
    let counted = true;
    switch (a.kind) {
      case "chat":
        t.messages++;
        if (p["channel"] === "public") t.publicMessages++;
        else t.privateMessages++;
        break;
      case "orders":
        t.submissions++;
        for (const o of (p["orders"] as Order[] | undefined) ?? []) t.drafted.add(orderKey(a.turn, o));
        break;
      case "propose":
        t.proposals++;
        break;
      case "answer":
        t.answers++;
        break;
      case "choose":
        t.choices++;
        break;
      case "lock":
        if (p["locked"] === true) t.locks++;
        break;
      // The control cell's work: an inject counts when written (now or scheduled), not again when a scheduled one fires.
      case "inject":
        if (!p["scheduled"]) t.injects++;
        break;
      case "override":
        t.overrides++;
        break;
      case "ruling":
        if (p["outcome"]) t.rulings++;
        break;
      case "facilitate":
        if (p["action"] === "schedule-inject") t.injects++;
        break;
      default:
        counted = !TABLE_KINDS.has(a.kind);
    }
    if (!counted) continue;
    t.turns.add(a.turn);
    t.first = t.first === 0 ? a.at : Math.min(t.first, a.at);
    t.last = Math.max(t.last, a.at);
  }
  // "2024-06-01 14:03:00": Excel and LibreOffice read it as a date and time (the header says UTC), an ISO "T…Z" they keep as text.
  const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString().slice(0, 19).replace("T", " ") : "");
  const rows = [...tallies.values()]
    .sort((a, b) => a.seat.localeCompare(b.seat) || a.name.localeCompare(b.name))
    .map((t) =>
      line([
        t.name,
        t.seat,
        t.seat === "facilitator" ? "Control" : fullName(sc, t.seat),
        t.messages,
        t.publicMessages,
        t.privateMessages,
        t.submissions,
        t.drafted.size,
        t.proposals,
        t.answers,
        t.choices,
        t.locks,
        t.injects,
        t.overrides,
        t.rulings,
        t.turns.size,
        iso(t.first),
        iso(t.last),
      ]),
    );
  return `${BOM}${[line([...PARTICIPATION_COLUMNS]), ...rows].join("\r\n")}\r\n`;
}
