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
import { fmt, fmtDelta, joinNames, subjectActor, subjectLabel, withUnit } from "../game-info.ts";

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
  const first = text.trim().split(/[.;]/)[0]?.trim() ?? "";
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
  if (entry.actor && cause.actor && cause.actor !== entry.actor) return false;
  if (entry.target && cause.target && cause.target !== entry.target) return false;
  return true;
}

/** "North Korea's stability fell to 52 from 55." for one explanation, phrased per kind of subject. */
export function describeChange(scenario: Scenario, ex: Explanation, delta?: number): string {
  const total = ex.after - ex.before;
  const d = delta ?? total;
  const up = ex.after > ex.before;
  const part = stepShare(d, total);
  const [head, a, b] = ex.subject.split(":");
  if (head === "trade" && a && b) {
    const [from, to, flat] = ends(ex.before, ex.after, fmt);
    const what = `Trade between ${actorName(scenario, a)} and ${actorName(scenario, b)}`;
    return flat ? `${what} held at US$${to} bn a year${part}.` : `${what} ${up ? "rose" : "fell"} to US$${to} bn a year from US$${from} bn${part}.`;
  }
  if (head === "relation" && a && b) {
    const [from, to, flat] = ends(ex.before, ex.after, fmt);
    const what = `Relations between ${actorName(scenario, a)} and ${actorName(scenario, b)}`;
    return flat ? `${what} were unchanged at ${to}${part}.` : `${what} ${up ? "warmed" : "cooled"} to ${to} from ${from} on a scale of −100 to 100${part}.`;
  }
  if (head === "influence" && a && b) {
    const [from, to, flat] = ends(ex.before * 100, ex.after * 100, (v) => String(Math.round(v)));
    const what = `${possessive(actorName(scenario, b))} share of influence over ${actorName(scenario, a)}`;
    return flat ? `${what} held at ${to}%.` : `${what} ${up ? "grew" : "shrank"} to ${to}% from ${from}%.`;
  }
  const owner = subjectActor(ex.subject);
  const what = owner
    ? `${possessive(actorName(scenario, owner.actor))} ${lowerLabel(scenario.indicators[owner.indicator]?.label ?? owner.indicator)}`
    : subjectLabel(scenario, ex.subject);
  const unit = owner ? scenario.indicators[owner.indicator]?.unit : ex.subject.startsWith("world.") ? scenario.world[ex.subject.slice(6)]?.unit : undefined;
  const [from, to, flat] = ends(ex.before, ex.after, fmt).map((x) => (typeof x === "string" ? withUnit(x, unit) : x)) as [string, string, boolean];
  if (flat) return sentence(`${what} held at ${to}${part}`);
  return sentence(`${what} ${up ? "rose" : "fell"} to ${to} from ${from}${part}`);
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

/**
 * What one step did to a quantity that moved by `total` in all: nothing to add when it is the
 * whole change; "(1 of it from this step)" when it is part of it; both figures when other causes
 * went the other way ("(this step −4, other causes +4)"), so a fall is never told as part of a rise.
 */
function stepShare(d: number, total: number): string {
  if (Math.abs(d - total) <= 1e-9 || fmt(Math.abs(d)) === "0") return "";
  if (Math.sign(d) === Math.sign(total) && Math.abs(d) < Math.abs(total)) return ` (${fmt(Math.abs(d))} of it from this step)`;
  return ` (this step ${fmtDelta(d)}, other causes ${fmtDelta(total - d)})`;
}

/** Lower-cases a label unless it is an acronym such as "GDP". */
function lowerLabel(label: string): string {
  return /^[A-Z]{2,}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** Bystander line in the seed article's manner ("Chinese officials observed from the sidelines"). */
function bystander(scenario: Scenario, involved: string[], seed: string): string {
  const others = Object.entries(scenario.actors)
    .filter(([id, a]) => a.playable && !involved.includes(id))
    .map(([id]) => id);
  if (others.length === 0) return "";
  const who = pick(others, seed);
  return pick(
    [
      `${capitalise(officialsOf(scenario, who))} observed from the sidelines.`,
      `${capitalise(officialsOf(scenario, who))} declined to elaborate further.`,
      `Analysts said ${officialsOf(scenario, who)} would be watching closely.`,
    ],
    seed + "by",
  );
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
    .sort((a, b) => Math.abs(b.cause.delta) - Math.abs(a.cause.delta))
    .slice(0, 2);
  for (const { ex, cause } of changes) parts.push(describeChange(scenario, ex, cause.delta));
  const involved = [e.actor, e.target, e.target2].filter((x): x is string => Boolean(x));
  if ((e.kind === "move" || e.kind === "deal" || e.kind === "discovery") && e.outcome !== "lapsed") {
    const line = bystander(scenario, involved, seed);
    if (line) parts.push(line);
  }
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
  const stories = ordered.filter((x) => x.running === 1).map(({ e, i }) => writeStory(scenario, report, e, i));
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
