// Writes the turn report as a wire-service news feed: a headline and a short paragraph per thing
// that happened, built only from the report's entries, their explanations and the scenario's names.
// Pure and deterministic: the same report always reads the same (variants are picked by a hash of
// the entry id, never at random), so a refresh or a second screen shows identical text.
import type { Scenario } from "../../../shared/scenario/schema.ts";
import type { Explanation, ReportEntry, TurnReport, Vote } from "../../../shared/engine/index.ts";
import {
  capitalise,
  entryHeadline,
  humanise,
  exposedPhrase,
  fillText,
  lowerFirstWord,
  nameInSentence as actorName,
  offerPhrase,
  officialsOf,
  possessive,
} from "../../../shared/engine/index.ts";
import { fmt, joinNames, subjectActor, subjectLabel, withUnit } from "../game-info.ts";

/** One story in the feed. */
export interface NewsItem {
  id: string;
  kind: ReportEntry["kind"] | "roundup" | "continuing";
  headline: string;
  paragraph: string;
  /** The "continuing" story's list: one line per policy carried on from the month before. */
  lines?: string[];
  /** Actors the story is about (for highlighting them on the map). */
  actors: string[];
  /** Shown with a lock icon: only some seats can read it. */
  restricted: boolean;
  /** How many report entries the story tells, when more than one (acts of one kind exposed together). */
  told?: number;
}

/** Deterministic 32-bit FNV-1a hash, to pick among phrasings. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function pick<T>(list: readonly T[], seed: string): T {
  return list[hashText(seed) % list.length] as T;
}

const ATTRIBUTION = ["officials said", "according to a government statement", "a spokesperson confirmed", "the foreign ministry said"] as const;
const DESCRIBED = ["Officials described it as", "Diplomats characterised the step as", "A government spokesperson called it"] as const;

/**
 * The move's description as a noun phrase after "described it as", when it is one ("A pointed
 * public statement…"); descriptions written as instructions are left out rather than misquoted.
 */
function asNounPhrase(text: string): string | null {
  // A dated aside ("(Seoul, 26–27 May 2024)") is the author's note on the real event, not this month's.
  const first = (text.trim().split(/[.;]/)[0] ?? "").replace(/\s*\([^()]*\b(1[89]|20)\d\d\b[^()]*\)/g, "").trim();
  if (!/^(A|An|The)\s/.test(first)) return null;
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return "";
  const s = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?"”]$/.test(s) ? s : `${s}.`;
}

/** Does this cause come from this entry? */
function causedBy(entry: ReportEntry, cause: Explanation["causes"][number]): boolean {
  if (cause.id !== entry.id) return false;
  // A covert act and its exposure share the move's id: each story tells its own changes.
  if ((cause.kind === "discovery") !== (entry.kind === "discovery")) return false;
  if (entry.actor && cause.actor && cause.actor !== entry.actor) return false;
  if (entry.target && cause.target && cause.target !== entry.target) return false;
  return true;
}

/** How one kind of quantity is told: its name in a sentence, its unit, and its verbs. */
interface Telling {
  /** The quantity's name starting a sentence ("Relations between China and Japan"). */
  what: string;
  /** The same inside a sentence ("relations between China and Japan"). */
  inner: string;
  /** The pronoun for it after a semicolon ("they", "it"). */
  it: string;
  /** Its figures are told times this (influence, a share, in percent). */
  scale: number;
  /** A written figure with its unit ("US$12 bn", "64%"). */
  unit: (figure: string) => string;
  up: string;
  down: string;
  /** The verb of a step that moved it ("raised", "warmed"). */
  pushUp: string;
  pushDown: string;
  held: string;
  /** Words after the figure it ended at ("a year" for trade). */
  perTime: string;
  /** Words after the figures ("on a scale of −100 to 100"). */
  tail: string;
}

function telling(scenario: Scenario, ex: Explanation): Telling {
  const [head, a, b] = ex.subject.split(":");
  const plain = { it: "it", scale: 1, up: "rose", down: "fell", pushUp: "raised", pushDown: "lowered", held: "held at", perTime: "", tail: "" };
  if (head === "trade" && a && b) {
    const pairName = `${actorName(scenario, a)} and ${actorName(scenario, b)}`;
    return { ...plain, what: `Trade between ${pairName}`, inner: `trade between ${pairName}`, unit: (x) => `US$${x} bn`, pushDown: "cut", perTime: " a year" };
  }
  if (head === "relation" && a && b) {
    const pairName = `${actorName(scenario, a)} and ${actorName(scenario, b)}`;
    return { ...plain, what: `Relations between ${pairName}`, inner: `relations between ${pairName}`, it: "they", unit: (x) => x, up: "warmed", down: "cooled", pushUp: "warmed", pushDown: "cooled", held: "were unchanged at", tail: " on a scale of −100 to 100" };
  }
  if (head === "influence" && a && b) {
    const what = `${possessive(actorName(scenario, b))} share of influence over ${actorName(scenario, a)}`;
    return { ...plain, what, inner: what, scale: 100, unit: (x) => `${x}%`, up: "grew", down: "shrank" };
  }
  const owner = subjectActor(ex.subject);
  const label = owner ? (scenario.indicators[owner.indicator]?.label ?? owner.indicator) : subjectLabel(scenario, ex.subject);
  const what = owner ? `${possessive(actorName(scenario, owner.actor))} ${lowerLabel(label)}` : label;
  const unit = owner ? scenario.indicators[owner.indicator]?.unit : ex.subject.startsWith("world.") ? scenario.world[ex.subject.slice(6)]?.unit : undefined;
  const inner = owner ? what : /^the\s/i.test(label) || !ex.subject.startsWith("world.") ? lowerLabel(label) : `the ${lowerLabel(label)}`;
  return { ...plain, what, inner, unit: (x) => withUnit(x, unit) };
}

/**
 * "North Korea's stability fell to 52 from 55." for one explanation, phrased per kind of subject.
 * With `delta`, one step's share of it: "(3 of it from this step)" when the step went the month's
 * way; when it went against it, or other causes cancelled it, the sentence leads with what the
 * step itself did, so a mediation that warmed relations never reads as one that cooled them.
 */
export function describeChange(scenario: Scenario, ex: Explanation, delta?: number): string {
  const t = telling(scenario, ex);
  const total = ex.after - ex.before;
  const d = delta ?? total;
  const [from, to, flat] = ends(ex.before * t.scale, ex.after * t.scale, fmt).map((x) => (typeof x === "string" ? t.unit(x) : x)) as [string, string, boolean];
  const partial = Math.abs(d - total) > 1e-9 && fmt(Math.abs(d * t.scale)) !== "0";
  if (partial && (flat || Math.sign(d) !== Math.sign(total))) {
    const step = `By itself, this ${d > 0 ? t.pushUp : t.pushDown} ${t.inner} by ${t.scale === 100 ? `${fmt(Math.abs(d) * 100)} points` : `${t.unit(fmt(Math.abs(d)))}${t.perTime}`}`;
    if (flat) return `${step}; other causes offset it, and ${t.it} stayed at ${to}${t.perTime}${t.tail}.`;
    return `${step}; with other causes, ${t.it} ${total > 0 ? t.up : t.down} to ${to}${t.perTime} from ${from}${t.tail}.`;
  }
  const part = partial ? ` (${fmt(Math.abs(d * t.scale))} of it from this step)` : "";
  if (flat) return sentence(`${t.what} ${t.held} ${to}${t.perTime}${t.tail}${part}`);
  return sentence(`${t.what} ${total > 0 ? t.up : t.down} to ${to}${t.perTime} from ${from}${t.tail}${part}`);
}

/**
 * The two ends of a change as written, and whether it reads as no change at all: where the usual
 * rounding would give "rose to 2.3 from 2.3", two more decimals; smaller than that, it held.
 */
function ends(before: number, after: number, f: (v: number) => string): [from: string, to: string, flat: boolean] {
  if (f(before) !== f(after)) return [f(before), f(after), false];
  const fine = (v: number): string => v.toLocaleString("en-US", { maximumFractionDigits: Math.abs(v) >= 100 ? 1 : 3 });
  return [fine(before), fine(after), fine(before) === fine(after)];
}

/** Lower-cases a label unless it is an acronym such as "GDP". */
function lowerLabel(label: string): string {
  return /^[A-Z]{2,}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** The actors a change's subject concerns ("relation:CHN:RUS" -> CHN and RUS). */
function subjectActors(subject: string): string[] {
  const [head, a, b] = subject.split(":");
  if ((head === "trade" || head === "relation" || head === "influence") && a && b) return [a, b];
  const owner = subjectActor(subject);
  return owner ? [owner.actor] : [];
}

/**
 * A bystander line in the seed article's manner ("Chinese officials observed from the
 * sidelines"), only for a government the story's own changes touch without it taking part (its
 * influence over a partner shrank, its trade moved): the one touched most. None otherwise.
 */
function bystander(scenario: Scenario, e: ReportEntry, changes: readonly { ex: Explanation; cause: Explanation["causes"][number] }[], seed: string): string {
  const headline = headlineFor(scenario, e);
  const party = (id: string): boolean => id === e.actor || id === e.target || id === e.target2 || headline.includes(actorName(scenario, id));
  const touched = new Map<string, number>();
  for (const { ex, cause } of changes) {
    const size = Math.abs(cause.delta) * (ex.subject.startsWith("influence:") ? 100 : 1);
    for (const id of subjectActors(ex.subject)) if (scenario.actors[id]?.playable && !party(id)) touched.set(id, (touched.get(id) ?? 0) + size);
  }
  const who = [...touched].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  if (!who) return "";
  return pick([`${capitalise(officialsOf(scenario, who))} observed from the sidelines.`, `Analysts said ${officialsOf(scenario, who)} would be watching closely.`], seed + "by");
}

const headlineFor = (scenario: Scenario, e: ReportEntry): string => entryHeadline(scenario, e);

function voteLine(scenario: Scenario, votes: Record<string, Vote>, vetoed: boolean): string {
  const list = Object.entries(votes);
  const yes = list.filter(([, v]) => v === "yes").length;
  const no = list.filter(([, v]) => v === "no");
  const abstain = list.filter(([, v]) => v === "abstain");
  const parts = [`${yes} members voted in favour, ${no.length} against and ${abstain.length} abstained`];
  const permanent = new Set(scenario.council?.permanent ?? []);
  const vetoers = no.filter(([id]) => permanent.has(id)).map(([id]) => actorName(scenario, id));
  if (vetoed && vetoers.length > 0) parts.push(`${joinNames(vetoers)} cast ${vetoers.length > 1 ? "vetoes" : "a veto"}`);
  const abstainers = abstain.filter(([id]) => permanent.has(id)).map(([id]) => actorName(scenario, id));
  if (abstainers.length > 0) parts.push(`${joinNames(abstainers)} abstained`);
  return parts.map(sentence).join(" ");
}

function lead(scenario: Scenario, e: ReportEntry, date: string): string {
  return leadText(scenario, e, date).replace(/ — ([a-z])/, (_m, c: string) => ` — ${c.toUpperCase()}`);
}

function leadText(scenario: Scenario, e: ReportEntry, date: string): string {
  const A = actorName(scenario, e.actor);
  const B = actorName(scenario, e.target);
  const seed = `${e.kind}:${e.id}:${e.actor ?? ""}:${e.target ?? ""}`;
  // A lapsed order, deal or draft: what it would have been, then the reason (the entry's text).
  if (e.outcome === "lapsed") {
    const what = e.kind === "deal" ? "agreed deal" : e.kind === "council" ? "draft" : "order";
    return `${date} — ${possessive(A)} ${what} “${scenario.moves[e.id]?.name ?? capitalise(humanise(e.id))}”${B ? ` concerning ${B}` : ""} did not go ahead: by the time it came, its conditions no longer held.`;
  }
  switch (e.kind) {
    case "deal":
      if (e.outcome === "rejected") {
        return `${date} — ${B} turned down ${possessive(A)} ${offerPhrase(scenario, e.id)}, according to people familiar with the talks.`;
      }
      return `${date} — ${headlineFor(scenario, e).replace(/[.!]+$/, "")}, ${pick(["officials in both capitals said", "according to statements from both governments", "the two governments announced"], seed)}.`;
    case "council": {
      const outcome = e.outcome === "passed" ? "was adopted" : e.outcome === "vetoed" ? "was blocked by a veto" : "failed to win the nine votes it needed";
      return `${date} — ${sentence(headlineFor(scenario, e))} The draft${A ? `, tabled by ${A},` : ""} ${outcome}.`;
    }
    case "discovery":
      return `${date} — ${possessive(A)} ${exposedPhrase(scenario, e.id, e.actor ?? "", e)} came to light, ${pick(ATTRIBUTION, seed)}.`;
    case "event":
    case "inject":
    case "option":
    case "dynamic":
      // The event's own text carries the story; the headline above already names it.
      return `${date} — ${e.text?.trim() ? sentence(e.text) : sentence(headlineFor(scenario, e))}`;
    case "move":
      return `${date} — ${headlineFor(scenario, e).replace(/[.!]+$/, "")}, ${pick(ATTRIBUTION, seed)}.`;
  }
}

/** One story for one report entry. */
export function writeStory(scenario: Scenario, report: Pick<TurnReport, "date" | "explanations">, e: ReportEntry, index: number): NewsItem {
  const seed = `${e.kind}:${e.id}:${e.actor ?? ""}:${e.target ?? ""}:${index}`;
  const parts: string[] = [lead(scenario, e, report.date)];
  const textInLead = e.kind === "event" || e.kind === "inject" || e.kind === "option" || e.kind === "dynamic";
  if (e.text?.trim() && !textInLead) parts.push(e.outcome === "lapsed" ? `The reason given: “${fillText(scenario, e.text, e.actor ?? "", e.target ?? "").trim()}”` : sentence(fillText(scenario, e.text, e.actor ?? "", e.target ?? "")));
  const move = scenario.moves[e.id];
  const described = e.kind === "move" && e.outcome !== "lapsed" && move?.description ? asNounPhrase(move.description) : null;
  if (described) parts.push(`${pick(DESCRIBED, seed)} ${described}.`);
  if (e.kind === "council" && e.votes) parts.push(voteLine(scenario, e.votes, e.outcome === "vetoed"));
  const changes = report.explanations
    .map((ex) => ({ ex, cause: ex.causes.find((c) => causedBy(e, c)) }))
    .filter((x): x is { ex: Explanation; cause: Explanation["causes"][number] } => x.cause !== undefined && Math.abs(x.cause.delta) > 1e-9)
    .sort((a, b) => Math.abs(b.cause.delta) - Math.abs(a.cause.delta));
  for (const { ex, cause } of changes.slice(0, 2)) parts.push(describeChange(scenario, ex, cause.delta));
  const involved = [e.actor, e.target, e.target2].filter((x): x is string => Boolean(x));
  if ((e.kind === "move" || e.kind === "deal" || e.kind === "discovery") && e.outcome !== "lapsed") parts.push(bystander(scenario, e, changes, seed));
  return {
    id: `${report.date}:${index}:${e.id}`,
    kind: e.kind,
    headline: headlineFor(scenario, e),
    paragraph: parts.filter(Boolean).join(" "),
    actors: involved,
    restricted: e.visibility !== "public",
  };
}

/** A public move or accepted deal that took effect (not lapsed, turned down or covert). */
function carriedOut(e: ReportEntry): boolean {
  return (e.kind === "move" || e.kind === "deal") && e.visibility === "public" && !e.covert && e.outcome !== "lapsed" && e.outcome !== "rejected";
}

const sameStep = (a: ReportEntry, b: ReportEntry): boolean =>
  a.kind === b.kind && a.id === b.id && a.actor === b.actor && a.target === b.target && a.target2 === b.target2;

/**
 * How many months running, this one included, the same government carried out the same public
 * move or deal with the same partners: 1 when it is new (or when the month before is not at hand).
 */
export function monthsRunning(e: ReportEntry, turn: number, earlier: readonly TurnReport[]): number {
  if (!carriedOut(e)) return 1;
  let n = 1;
  for (let t = turn - 1; ; t--) {
    const before = earlier.find((r) => r.turn === t);
    if (!before?.entries.some((x) => carriedOut(x) && sameStep(x, e))) return n;
    n++;
  }
}

/**
 * One story for several acts of one kind exposed in the same month: the engine dates each
 * earlier one in its headline ("… (July 2024)"); this month's has no date.
 */
function exposedTogether(scenario: Scenario, report: Pick<TurnReport, "date" | "explanations">, acts: readonly ReportEntry[], index: number): NewsItem {
  const first = writeStory(scenario, report, acts[0]!, index);
  const dated = (h: string): [string, string] => {
    const m = / \(([^()]+)\)$/.exec(h);
    return m ? [h.slice(0, m.index), m[1]!] : [h, "this month"];
  };
  const [headline] = dated(headlineFor(scenario, acts[0]!));
  const dates = acts.map((e) => dated(headlineFor(scenario, e))[1]);
  return {
    ...first,
    headline: `${headline} (${joinNames(dates)})`,
    paragraph: `${first.paragraph} ${capitalise(COUNT[acts.length] ?? String(acts.length))} such acts came to light at once, from ${joinNames(dates)}.`,
    told: acts.length,
  };
}

const ORDINAL = ["", "", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];
const COUNT = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const monthsRunningText = (n: number): string => `${ORDINAL[n] ?? `${n}th`} month running`;

/**
 * The whole feed for one turn: stories in resolution order (covert discoveries and council votes
 * first, as a wire editor would lead with them), then one "continuing" story listing, a line
 * each, the public moves and deals carried on from the month before (the arms that go to Kyiv
 * every month are not news every month; their changes stay in "What changed"), then a roundup of
 * the largest other changes. `earlier`: the turns before, as far as they are at hand.
 */
export function writeNews(scenario: Scenario, report: TurnReport, earlier: readonly TurnReport[] = []): NewsItem[] {
  const weight = (e: ReportEntry): number => (e.kind === "discovery" ? 0 : e.kind === "council" ? 1 : e.kind === "inject" || e.kind === "event" ? 2 : 3);
  const ordered = report.entries.map((e, i) => ({ e, i, running: monthsRunning(e, report.turn, earlier) })).sort((a, b) => weight(a.e) - weight(b.e) || a.i - b.i);
  const fresh = ordered.filter((x) => x.running === 1);
  const stories: NewsItem[] = [];
  for (const x of fresh) {
    if (x.e.kind !== "discovery") {
      stories.push(writeStory(scenario, report, x.e, x.i));
      continue;
    }
    // Several acts of one kind exposed at once are one story (their changes are merged anyway).
    const same = fresh.filter((y) => y.e.kind === "discovery" && sameStep(y.e, x.e));
    if (same[0] !== x) continue;
    stories.push(same.length === 1 ? writeStory(scenario, report, x.e, x.i) : exposedTogether(scenario, report, same.map((y) => y.e), x.i));
  }
  const continuing = ordered.filter((x) => x.running > 1);
  if (continuing.length > 0) {
    stories.push({
      id: `${report.date}:continuing`,
      kind: "continuing",
      headline: "Continuing from earlier months",
      paragraph: `${report.date} — ${continuing.length === 1 ? "One policy" : `${capitalise(COUNT[continuing.length] ?? String(continuing.length))} policies`} carried on as before:`,
      lines: continuing.map(({ e, running }) => `${headlineFor(scenario, e).replace(/[.!]+$/, "")} (${monthsRunningText(running)})`),
      actors: [...new Set(continuing.flatMap(({ e }) => [e.actor, e.target, e.target2].filter((x): x is string => Boolean(x))))],
      restricted: false,
    });
  }
  const explained = new Set(
    report.explanations.filter((ex) => ex.causes.some((c) => report.entries.some((e) => causedBy(e, c)))).map((ex) => ex.subject),
  );
  const others = report.explanations
    .filter((ex) => !explained.has(ex.subject) && Math.abs(ex.after - ex.before) > 1e-9)
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before))
    .slice(0, 3);
  if (others.length > 0) {
    const reasons = [...new Set(others.flatMap((ex) => ex.causes.map((c) => c.label)))].slice(0, 2);
    stories.push({
      id: `${report.date}:roundup`,
      kind: "roundup",
      headline: "Elsewhere: the numbers behind the month",
      paragraph: [
        `${report.date} — ${others.map((ex) => describeChange(scenario, ex)).join(" ")}`,
        reasons.length > 0 ? `Analysts pointed to ${joinNames(reasons.map(lowerFirstWord))}.` : "",
      ]
        .filter(Boolean)
        .join(" "),
      actors: others.map((ex) => subjectActor(ex.subject)?.actor).filter((x): x is string => Boolean(x)),
      restricted: false,
    });
  }
  return stories;
}
