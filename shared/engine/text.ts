// The one voice of the game: every name, label and headline a player reads is written here from the
// scenario's data, and the engine (report entries), the report codec (rebuilding what it left out)
// and the client (order previews, news, panels) all call these functions, so a preview and the
// resolved news can never disagree. Lowest floor of the engine: it imports types only.
//
// Two registers: headlines use an actor's short name ("Washington", "Pyongyang"), as wire services
// do; panels and body text use the full name ("the United States", "North Korea").
import type { Scenario } from "../scenario/schema.ts";
import type { ActorId, Cause, Order, ParamValue, Proposal, ReportEntry, RuledOutcome } from "./types.ts";

/** "peace_on_the_peninsula" -> "peace on the peninsula"; "shortRange" -> "short range". Keeps acronyms. */
export function humanise(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[_\-\s]+/)
    .filter(Boolean);
  return words.map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase())).join(" ");
}

/** First letter upper-cased ("peace on the peninsula" -> "Peace on the peninsula"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The name an actor goes by in headlines: its short name if it has one ("Beijing"), else its name. */
export function actorName(scenario: Scenario, id: string): string {
  const a = scenario.actors[id];
  return a ? (a.short ?? a.name) : id;
}

/** An actor's full display name ("North Korea"); the facilitator is "Control". */
export function fullName(scenario: Scenario, id: string | undefined): string {
  if (!id) return "";
  if (id === "facilitator") return "Control";
  return scenario.actors[id]?.name ?? humanise(id);
}

// Names English puts "the" before: unions and republics by their first word, plural and island
// names as a list (a plural ending alone would also catch Cyprus, Belarus and Honduras).
const TAKES_THE =
  /^(United|European|Republic|Democratic|Russian Federation|Central African|Dominican Republic|Czech Republic|Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles|Solomon Islands|Marshall Islands|Falkland Islands|Holy See|Vatican|Congo|Gulf)\b/;

/** A full name as it reads inside a sentence: "the United States", "the Netherlands", "China". */
export function nameInSentence(scenario: Scenario, id: string | undefined): string {
  const name = fullName(scenario, id);
  return TAKES_THE.test(name) ? `the ${name}` : name;
}

/** "Washington's" / "the United States'". */
export function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

/** "Chinese officials" from the actor's demonym, or "officials in Freedonia" without one. */
export function officialsOf(scenario: Scenario, id: string): string {
  const demonym = scenario.actors[id]?.demonym;
  return demonym ? `${demonym} officials` : `officials in ${nameInSentence(scenario, id)}`;
}

/** Per scenario: param name -> choice -> label, from every move's `params.<name>.labels`. */
const labelIndex = new WeakMap<Scenario, Map<string, Map<string, string>>>();

function labelsOf(scenario: Scenario): Map<string, Map<string, string>> {
  let index = labelIndex.get(scenario);
  if (index) return index;
  index = new Map();
  for (const move of Object.values(scenario.moves)) {
    for (const [name, p] of Object.entries(move.params ?? {})) {
      for (const [choice, label] of Object.entries(p.labels ?? {})) {
        const byChoice = index.get(name) ?? new Map<string, string>();
        if (!byChoice.has(choice)) byChoice.set(choice, label);
        index.set(name, byChoice);
      }
    }
  }
  labelIndex.set(scenario, index);
  return index;
}

/**
 * A parameter choice as it reads inside a sentence: the move's label for it (or the same parameter's
 * label on another move), an actor's headline name, or the id in plain words ("mutual assistance").
 */
export function choiceText(scenario: Scenario, param: string, value: ParamValue, moveId?: string): string {
  const key = String(value);
  const own = moveId ? scenario.moves[moveId]?.params?.[param]?.labels?.[key] : undefined;
  if (own !== undefined) return own;
  const shared = labelsOf(scenario).get(param)?.get(key);
  if (shared !== undefined) return shared;
  if (scenario.actors[key]) return actorName(scenario, key);
  return typeof value === "number" ? key : humanise(key);
}

/** A parameter choice as a menu or list shows it: "Peace on the peninsula", "Russia". */
export function choiceLabel(scenario: Scenario, param: string, value: ParamValue, moveId?: string): string {
  const key = String(value);
  if (scenario.actors[key] && !scenario.moves[moveId ?? ""]?.params?.[param]?.labels?.[key]) return fullName(scenario, key);
  return capitalise(choiceText(scenario, param, value, moveId));
}

/** A sanction sector in plain words ("technology", "North Korean workers" when labelled). */
export function sectorText(scenario: Scenario, sector: string): string {
  return choiceText(scenario, "sector", sector);
}

/** Replaces {self}, {target}, {target2}, {other} and {param.<name>} in a template with headline names. */
export function fillText(
  scenario: Scenario,
  template: string,
  self: ActorId,
  target = "",
  target2 = "",
  params: Readonly<Record<string, ParamValue>> = {},
  moveId?: string,
  other = "",
): string {
  const parts = partsOf(scenario, template);
  let out = "";
  for (const p of parts) {
    if (typeof p === "string") out += p;
    else if ("param" in p) {
      const v = params[p.param];
      out += v === undefined ? "" : choiceText(scenario, p.param, v, moveId);
    } else out += actorName(scenario, p.slot === "self" ? self : p.slot === "target" ? target : p.slot === "target2" ? target2 : other);
  }
  return out;
}

/** A template cut once into text, bindings and parameters. */
type Part = string | { slot: "self" | "target" | "target2" | "other" } | { param: string };

const SLOT = /\{(self|target2|target|other|param\.[A-Za-z0-9_]+)\}/g;

// Templates are the scenario's own text: each is cut once per scenario (a memo).
const templates = new WeakMap<Scenario, Map<string, Part[]>>();

function partsOf(scenario: Scenario, template: string): Part[] {
  let byText = templates.get(scenario);
  if (!byText) {
    byText = new Map();
    templates.set(scenario, byText);
  }
  let parts = byText.get(template);
  if (!parts) {
    parts = [];
    let at = 0;
    for (const m of template.matchAll(SLOT)) {
      if (m.index > at) parts.push(template.slice(at, m.index));
      const name = m[1]!;
      parts.push(name.startsWith("param.") ? { param: name.slice(6) } : { slot: name as "self" | "target" | "target2" | "other" });
      at = m.index + m[0].length;
    }
    if (at < template.length) parts.push(template.slice(at));
    byText.set(template, parts);
  }
  return parts;
}

/** The headline of a move: its template filled, or "<self>: <move name> (<target>)". */
export function moveHeadline(scenario: Scenario, moveId: string, self: ActorId, order: Pick<Order, "target" | "target2" | "params">): string | undefined {
  const def = scenario.moves[moveId];
  if (!def) return undefined;
  if (def.headline) return fillText(scenario, def.headline, self, order.target ?? "", order.target2 ?? "", order.params ?? {}, moveId);
  const on = [order.target, order.target2].filter((x): x is string => !!x).map((x) => actorName(scenario, x));
  return `${actorName(scenario, self)}: ${def.name}${on.length ? ` (${on.join(", ")})` : ""}`;
}

/**
 * What came to light of a covert move, as the words after its actor's name: the move's `exposed`
 * filled ("covert sales of dual-use goods to Russia"), else "covert operation “Fund unrest”" plus
 * "aimed at <target>". A move name may be a verb or a noun phrase, so only quotes read for any name.
 */
export function exposedPhrase(scenario: Scenario, moveId: string, self: ActorId, order: Pick<Order, "target" | "target2" | "params">): string {
  const move = scenario.moves[moveId];
  if (move?.exposed?.trim()) return fillText(scenario, move.exposed.trim(), self, order.target ?? "", order.target2 ?? "", order.params ?? {}, moveId);
  const name = move?.name.trim() || capitalise(humanise(moveId));
  const on = [order.target, order.target2].filter((x): x is string => !!x).map((x) => actorName(scenario, x));
  return `covert operation “${name}”${on.length ? ` aimed at ${on.join(" and ")}` : ""}`;
}

/** The label of a change an exposed covert move caused: "Covert sales of dual-use goods to Russia exposed". */
export function exposedLabel(scenario: Scenario, moveId: string, self: ActorId, order: Pick<Order, "target" | "target2" | "params">): string {
  return `${capitalise(exposedPhrase(scenario, moveId, self, order))} exposed`;
}

/**
 * The headline of a covert move that came to light: "Exposed: " and its headline template filled,
 * or "Exposed: Northland's covert operation “Fund unrest” aimed at Southland" without one.
 */
export function exposedHeadline(scenario: Scenario, moveId: string, self: ActorId, order: Pick<Order, "target" | "target2" | "params">): string | undefined {
  const def = scenario.moves[moveId];
  if (!def) return undefined;
  if (def.headline) return `Exposed: ${fillText(scenario, def.headline, self, order.target ?? "", order.target2 ?? "", order.params ?? {}, moveId)}`;
  return `Exposed: ${possessive(actorName(scenario, self))} ${exposedPhrase(scenario, moveId, self, order)}`;
}

/** An event's headline (its title filled for the actor it fell on). */
export function eventHeadline(scenario: Scenario, eventId: string, self: ActorId): string | undefined {
  const ev = scenario.events[eventId];
  return ev ? fillText(scenario, ev.title, self) : undefined;
}

/** An event's story text, filled. */
export function eventText(scenario: Scenario, eventId: string, self: ActorId): string | undefined {
  const ev = scenario.events[eventId];
  return ev?.text === undefined ? undefined : fillText(scenario, ev.text, self);
}

/** The label of an event option, or the option id in plain words. */
export function optionLabel(scenario: Scenario, eventId: string, option: string): string {
  return scenario.events[eventId]?.options?.[option]?.label ?? capitalise(humanise(option));
}

/** The headline of a choice made on an event: "Beijing's answer to “The workers question”: let permits lapse". */
export function optionHeadline(scenario: Scenario, eventId: string, self: ActorId, option: string): string | undefined {
  const title = eventHeadline(scenario, eventId, self);
  return title === undefined ? undefined : `${possessive(actorName(scenario, self))} answer to “${title}”: ${lowerFirstWord(optionLabel(scenario, eventId, option))}`;
}

/**
 * What a proposal offers, as the words after the proposer's name: the move's `offer` ("request
 * for weapons"); else "offer of a trade deal" from a name "Propose a trade deal" (a name with its
 * article is a noun phrase); else "proposal “Ask Beijing for weapons”", which reads for any name.
 */
export function offerPhrase(scenario: Scenario, moveId: string): string {
  const move = scenario.moves[moveId];
  if (move?.offer?.trim()) return move.offer.trim();
  const name = move?.name.trim() || capitalise(humanise(moveId));
  const offered = /^(?:propose|offer)\s+((?:an?|the)\s+\S.*)$/i.exec(name);
  return offered ? `offer of ${offered[1]}` : `proposal “${name}”`;
}

/** Lower-cases the first letter only ("Ship munitions to Russia" -> "ship munitions to Russia"). */
export function lowerFirstWord(text: string): string {
  // "Share the evidence" and the article "A month of growth"; not "UN", "I" or "Beijing's".
  return /^([A-Z][a-z]|A\s)/.test(text) && !/^[A-Z][a-z]+'s\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The headline of a turned-down proposal: "Pyongyang turns down Moscow's offer of a trade deal". */
export function rejectedHeadline(scenario: Scenario, e: Pick<ReportEntry, "id" | "actor" | "target">): string {
  return `${actorName(scenario, e.target ?? "")} turns down ${possessive(actorName(scenario, e.actor ?? ""))} ${offerPhrase(scenario, e.id)}`;
}

const RULED_WORDS: Record<RuledOutcome, string> = { accepted: "goes ahead", rejected: "is refused", passed: "passes", failed: "fails" };

/** A proposal as a ruling names it: "Washington's Security Council draft “New UN sanctions” (Pyongyang)". */
export function proposalName(scenario: Scenario, p: Pick<Proposal, "kind" | "from" | "order">): string {
  const name = scenario.moves[p.order.move]?.name ?? humanise(p.order.move);
  const on = [p.order.target, p.order.target2].filter((x): x is string => !!x).map((x) => actorName(scenario, x));
  return `${possessive(actorName(scenario, p.from))} ${p.kind === "council" ? "Security Council draft" : "proposal"} “${name}”${on.length ? ` (${on.join(", ")})` : ""}`;
}

/**
 * The news headline of the control cell's ruling on a proposal: "Control's ruling: Washington's
 * Security Council draft “New UN sanctions” (Pyongyang) passes" (headlines use short names).
 */
export function rulingHeadline(scenario: Scenario, p: Pick<Proposal, "kind" | "from" | "order">, outcome: RuledOutcome): string {
  return `Control's ruling: ${proposalName(scenario, p)} ${RULED_WORDS[outcome]}`;
}

/** The log's words for a ruling taken back: the proposal is decided by its answers again. */
export function rulingWithdrawn(scenario: Scenario, p: Pick<Proposal, "kind" | "from" | "order">): string {
  return `Control's ruling withdrawn: ${proposalName(scenario, p)} is decided by its ${p.kind === "council" ? "votes" : "answer"}`;
}

/** The report entry id of the ruling on a proposal ("ruling-p1-3"). */
export function rulingEntryId(proposalId: string): string {
  return `ruling-${proposalId}`;
}

/** Whether a report entry is the control cell's ruling on a proposal (not an inject). */
export function isRulingEntry(e: Pick<ReportEntry, "kind" | "id">): boolean {
  return e.kind === "inject" && e.id.startsWith("ruling-");
}

/** The text of a ruling or an adjudication override: the facilitator's reason. */
export function rulingText(reason: string): string {
  return `Ruling by the control cell: ${reason}`;
}

/** The label of an adjudication override's changes, as its causes show them. */
export function overrideLabel(reason: string): string {
  return `Control's ruling: ${reason}`;
}

/** The headline a report entry shows in the news. */
export function entryHeadline(scenario: Scenario, e: ReportEntry): string {
  if (e.kind === "deal" && e.outcome === "rejected") return rejectedHeadline(scenario, e);
  const base = baseHeadline(scenario, e);
  // Nothing of a lapsed order happened: its headline must not read as if it had.
  return e.outcome === "lapsed" ? `Did not go ahead: ${base}` : base;
}

function baseHeadline(scenario: Scenario, e: ReportEntry): string {
  if (e.headline.trim()) return e.headline.trim();
  const move = moveHeadline(scenario, e.id, e.actor ?? "", e);
  if (move !== undefined) return move;
  return eventHeadline(scenario, e.id, e.actor ?? "") ?? capitalise(humanise(e.id));
}

/** The label of an indicator or global ("Domestic stability"). */
export function indicatorLabel(scenario: Scenario, id: string): string {
  return scenario.indicators[id]?.label ?? scenario.world[id]?.label ?? capitalise(humanise(id));
}

/** Words for an explanation subject (see Explanation.subject): "Relations China–Russia", ... */
export function subjectLabel(scenario: Scenario, subject: string): string {
  const [head, a, b] = subject.split(":");
  if (head === "relation" && a && b) return `Relations ${fullName(scenario, a)}–${fullName(scenario, b)}`;
  if (head === "trade" && a && b) return `Trade ${fullName(scenario, a)}–${fullName(scenario, b)} (US$ bn)`;
  if (head === "influence" && a && b) return `${possessive(fullName(scenario, b))} influence over ${fullName(scenario, a)}`;
  const dot = subject.indexOf(".");
  if (dot > 0) {
    const owner = subject.slice(0, dot);
    const ind = subject.slice(dot + 1);
    if (owner === "world") return indicatorLabel(scenario, ind);
    return `${fullName(scenario, owner)}: ${indicatorLabel(scenario, ind)}`;
  }
  return capitalise(humanise(subject));
}

/** What a player reads for one cause of a change: its label, who was behind it and towards whom ("Joint statement (South Korea → the United States)"). */
export function causeText(scenario: Scenario, c: Pick<Cause, "kind" | "label" | "actor" | "target">): string {
  if (c.kind === "unknown") return "Moves you cannot see";
  const who = c.actor ? fullName(scenario, c.actor) + (c.target ? ` → ${fullName(scenario, c.target)}` : "") : "";
  return `${c.label}${who ? ` (${who})` : ""}`;
}

/** A bloc id in words ("nonaligned" -> "Non-aligned", "west" -> "West"). */
export function blocLabel(bloc: string): string {
  if (/^non_?aligned$/i.test(bloc)) return "Non-aligned";
  return capitalise(humanise(bloc));
}

/**
 * A sentence from elsewhere (an engine reason such as "Cut tariffs cannot target CHN.") with every
 * actor id replaced by the actor's name, so no id reaches a player.
 */
export function namesIn(scenario: Scenario, text: string): string {
  return text.replace(/\b[A-Za-z][A-Za-z0-9_]*\b/g, (word) => (scenario.actors[word] ? fullName(scenario, word) : word));
}
