// Semantic checks of a scenario that already has the right shape: every id it refers to exists,
// every formula parses and uses known names, derived values do not loop, every seat is scored.
// Each problem is reported with its path (and offset inside a formula); load.ts adds positions.
import { hasIndicator } from "./scope.ts";
import { sourcedValue, type Move, type Scenario } from "./schema.ts";
import type { PathSegment, ScenarioIssue } from "./errors.ts";
import { Checker, declaredIds, NO_SALVAGE, type Declared, type SalvageNotes, type Scope } from "./validate-context.ts";
import { checkExpr } from "./validate-expr.ts";
import { checkEffects, checkTemplate } from "./validate-effects.ts";
import { didYouMean, listOf } from "./suggest.ts";
import { parseArm } from "./arms.ts";
import { MAP_COUNTRIES, paddedMapId } from "./map-ids.ts";
import { turnOfMonth } from "./calendar.ts";

export type { Declared } from "./validate-context.ts";

/**
 * Every semantic problem in a structurally valid scenario. `extraIds` adds ids that exist in the
 * file but were dropped because their entry failed the schema, so one typo does not also show
 * up as a dozen "unknown actor" errors; `salvaged` says what the salvage of a file of the wrong
 * shape left out or stood in for (see prune.ts), which the checks skip.
 */
export function validateScenario(
  s: Scenario,
  extraIds: Partial<Record<keyof Declared, Iterable<string>>> = {},
  salvaged: SalvageNotes = NO_SALVAGE,
): ScenarioIssue[] {
  const ck = new Checker(s, declaredIds(s, extraIds), salvaged);
  checkDeclarations(ck);
  checkBilateral(ck);
  checkCouncil(ck);
  checkDerived(ck);
  checkDynamics(ck);
  for (const [id, m] of Object.entries(s.moves)) checkMove(ck, id, m);
  checkEvents(ck);
  s.map?.insets?.forEach((a, i) => actor(ck, a, ["map", "insets", i]));
  checkObjectives(ck);
  checkDoctrine(ck);
  checkRoles(ck);
  checkObservations(ck);
  checkClaims(ck);
  return ck.issues;
}

function actor(ck: Checker, id: string, path: PathSegment[], at?: "key"): void {
  if (!ck.ids.actors.has(id))
    ck.report(path, "scenario/unknown_actor", `unknown actor "${id}".${ck.actorHint(id)} Actors: ${listOf([...ck.ids.actors])}`, { at });
}

function checkDeclarations(ck: Checker): void {
  const s = ck.scenario;
  // A limit or start that is itself broken has its own error; the checks that read it are skipped
  // (not those of a declaration whose label alone is missing).
  const shaky = (section: "indicators" | "world", id: string, ...fields: string[]) => fields.some((f) => ck.unsure(section, id, f));
  const ranges = (section: "indicators" | "world", defs: Record<string, { min?: number; max?: number; default: number; initial?: unknown }>) => {
    for (const [id, d] of Object.entries(defs)) {
      if (shaky(section, id, "min", "max", "default")) continue;
      if (d.min !== undefined && d.max !== undefined && d.min > d.max)
        ck.report([section, id, "min"], "scenario/bad_range", `min (${d.min}) is above max (${d.max})`);
      // A world value starts at its `initial` (checked below); its `default` is never used, so a
      // default left at 0 outside min..max is no mistake of the author's.
      else if (section === "indicators" && ((d.min !== undefined && d.default < d.min) || (d.max !== undefined && d.default > d.max)))
        ck.report([section, id, "default"], "scenario/bad_range", `default ${d.default} is outside ${d.min ?? "-∞"}..${d.max ?? "∞"}`);
    }
  };
  ranges("indicators", s.indicators);
  ranges("world", s.world);
  for (const [id, d] of Object.entries(s.world)) {
    if (shaky("world", id, "min", "max", "initial")) continue;
    const v = sourcedValue(d.initial);
    if ((d.min !== undefined && v < d.min) || (d.max !== undefined && v > d.max))
      ck.report(["world", id, "initial"], "scenario/bad_range", `initial value ${v} is outside ${d.min ?? "-∞"}..${d.max ?? "∞"}`);
  }
  const seen = new Set<string>();
  s.sectors.forEach((sec, i) => {
    if (seen.has(sec)) ck.report(["sectors", i], "scenario/duplicate_entry", `sector "${sec}" is listed twice`);
    seen.add(sec);
  });
  for (const [id, a] of Object.entries(s.actors)) {
    for (const ind of Object.keys(a.indicators)) {
      if (!ck.ids.indicators.has(ind)) {
        const hint = ck.ids.world.has(ind) ? ` "${ind}" is a world value: set it under world.${ind}.initial.` : didYouMean(ind, ck.ids.indicators);
        ck.report(["actors", id, "indicators", ind], "scenario/unknown_indicator", `unknown indicator "${ind}".${hint} Declare it under indicators first; declared: ${listOf([...ck.ids.indicators])}`, { at: "key" });
      } else if (s.indicators?.[ind]?.actors && !hasIndicator(s, id, ind) && !ck.unsure("indicators", ind, "actors")) {
        ck.report(
          ["actors", id, "indicators", ind],
          "scenario/indicator_out_of_scope",
          `${id} does not have "${ind}": indicators.${ind}.actors lists only ${listOf(s.indicators[ind]!.actors ?? [])}. Add ${id} there, or remove this value`,
          { at: "key" },
        );
      } else {
        // Checked like a world value's initial: values are kept inside min..max from the first
        // turn, so a start outside them would silently become the limit.
        // An indicator dropped for its own error is unsure: no limits to check against.
        const def = s.indicators[ind];
        const raw = a.indicators[ind]!;
        const v = sourcedValue(raw);
        const limitsOk = def !== undefined && (def.min === undefined || def.max === undefined || def.min <= def.max);
        if (def && limitsOk && !shaky("indicators", ind, "min", "max") && ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max)))
          ck.report(
            ["actors", id, "indicators", ind, ...(typeof raw === "number" ? [] : ["value"])],
            "scenario/bad_range",
            `starting value ${v} is outside ${def.min ?? "-∞"}..${def.max ?? "∞"}, the limits of indicators.${ind}`,
          );
      }
    }
    checkMapIds(ck, id, a.mapIds);
  }
  for (const [ind, def] of Object.entries(s.indicators ?? {})) (def?.actors ?? []).forEach((a, i) => actor(ck, a, ["indicators", ind, "actors", i]));
}

/**
 * Every map id names a country the board draws; an actor listed under map.insets is shown as a
 * marker at the edge instead, so a country too small for the map (Malta, "470") may stand there.
 */
function checkMapIds(ck: Checker, id: string, mapIds: readonly string[]): void {
  // Insets that are themselves broken have their own error: any actor may be meant among them.
  if (ck.scenario.map?.insets?.includes(id) || ck.unsure("map", "insets")) return;
  mapIds.forEach((m, i) => {
    if (MAP_COUNTRIES.has(m)) return;
    const code = paddedMapId(m);
    const padded = code ? ` Did you mean "${code}" (${MAP_COUNTRIES.get(code)})? Codes have three digits.` : "";
    ck.report(
      ["actors", id, "mapIds", i],
      "scenario/invalid_value",
      `"${m}" is not a country on the game's map, so ${id} would not be drawn there.${padded} Map ids are ISO 3166-1 numeric codes, e.g. "156" for China, "840" for the United States; a country too small for the map (Malta, "470") can be shown as a marker at its edge: list ${id} under map.insets`,
    );
  });
}

function checkBilateral(ck: Checker): void {
  const s = ck.scenario;
  for (const section of ["relations", "trade"] as const) {
    const pairs = new Map<string, number>();
    s[section].forEach((entry, i) => {
      const [a, b] = entry.between;
      actor(ck, a, [section, i, "between", 0]);
      actor(ck, b, [section, i, "between", 1]);
      if (a === b) ck.report([section, i, "between"], "scenario/self_pair", `${section} between "${a}" and itself: a pair needs two different actors`);
      const v = sourcedValue(entry.value);
      if (section === "relations" && (v < -100 || v > 100))
        ck.report([section, i, "value"], "scenario/bad_range", `a relation runs from -100 to 100; ${v} is outside it`);
      if (section === "trade" && v < 0) ck.report([section, i, "value"], "scenario/bad_range", `trade cannot be negative (${v})`);
      const key = [a, b].sort().join("|");
      const first = pairs.get(key);
      if (first !== undefined)
        ck.report([section, i, "between"], "scenario/duplicate_pair", `${a}–${b} is already listed at ${section}[${first}]: each pair appears once (order does not matter)`);
      else pairs.set(key, i);
    });
  }
  const over = new Map<string, number>();
  s.influence.forEach((entry, i) => {
    actor(ck, entry.over, ["influence", i, "over"]);
    for (const by of Object.keys(entry.shares)) actor(ck, by, ["influence", i, "shares", by], "key");
    const first = over.get(entry.over);
    if (first !== undefined)
      ck.report(["influence", i, "over"], "scenario/duplicate_entry", `influence over "${entry.over}" is already given at influence[${first}]: put all shares in one entry`);
    else over.set(entry.over, i);
  });
  s.sanctions.forEach((entry, i) => {
    actor(ck, entry.by, ["sanctions", i, "by"]);
    actor(ck, entry.on, ["sanctions", i, "on"]);
    if (!ck.ids.sectors.has(entry.sector))
      ck.report(["sanctions", i, "sector"], "scenario/unknown_sector", `unknown sector "${entry.sector}".${didYouMean(entry.sector, ck.ids.sectors)} Sectors: ${listOf([...ck.ids.sectors])}`);
  });
  s.treaties.forEach((entry, i) => entry.parties.forEach((p, j) => actor(ck, p, ["treaties", i, "parties", j])));
}

function checkCouncil(ck: Checker): void {
  const c = ck.scenario.council;
  if (!c) return;
  const members = new Map<string, string>();
  for (const group of ["permanent", "elected"] as const) {
    c[group].forEach((id, i) => {
      actor(ck, id, ["council", group, i]);
      const prev = members.get(id);
      if (prev) ck.report(["council", group, i], "scenario/duplicate_entry", `"${id}" is already a council member (listed under ${prev})`);
      else members.set(id, group);
    });
  }
  // A member list that is itself broken has its own error: the count is not known.
  if (c.votesNeeded > members.size && !ck.unsure("council", "permanent") && !ck.unsure("council", "elected"))
    ck.report(["council", "votesNeeded"], "scenario/invalid_value", `votesNeeded is ${c.votesNeeded} but the council has only ${members.size} members, so no draft could ever pass`);
}

function checkDerived(ck: Checker): void {
  const deps = new Map<string, Set<string>>();
  for (const [id, d] of Object.entries(ck.scenario.derived)) {
    const refs = new Set<string>();
    checkExpr(ck, d.formula, ["derived", id, "formula"], { where: `derived.${id}`, noTarget: "derived values have no target", noTarget2: "derived values have no target", derivedRefs: refs });
    deps.set(id, refs);
  }
  // Depth-first search; a grey node met again closes a cycle, reported once per cycle.
  const state = new Map<string, "grey" | "black">();
  const reported = new Set<string>();
  const visit = (id: string, stack: string[]) => {
    state.set(id, "grey");
    for (const next of deps.get(id) ?? []) {
      if (!deps.has(next)) continue;
      if (state.get(next) === "grey") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...new Set(cycle)].sort().join("|");
        if (!reported.has(key)) {
          reported.add(key);
          ck.report(["derived", next, "formula"], "scenario/derived_cycle", `derived values refer to each other in a loop: ${cycle.map((c) => `derived.${c}`).join(" -> ")}. Each derived value must be computable from the others in some order`);
        }
      } else if (!state.has(next)) visit(next, [...stack, next]);
    }
    state.set(id, "black");
  };
  for (const id of deps.keys()) if (!state.has(id)) visit(id, [id]);
}

function checkDynamics(ck: Checker): void {
  const seen = new Set<string>();
  ck.scenario.dynamics.forEach((d, i) => {
    if (seen.has(d.id)) ck.report(["dynamics", i, "id"], "scenario/duplicate_entry", `dynamics id "${d.id}" is used twice`);
    seen.add(d.id);
    const hasTarget = d.each === "sanction" || d.each === "pair";
    // An "each" that is itself wrong has its own error: what its rule binds is not known.
    const eachKnown = !ck.unsure("dynamics", i, "each");
    const scope: Scope = {
      where: `dynamics "${d.id}" (each: ${d.each})`,
      noTarget: hasTarget || !eachKnown ? undefined : `only "each: sanction" and "each: pair" rules have a target`,
      noTarget2: "rules never have a second target",
      params: d.each === "sanction" ? new Set(["sector"]) : undefined,
      paramsUnreadable: !eachKnown,
    };
    checkExpr(ck, d.when, ["dynamics", i, "when"], scope);
    checkEffects(ck, d.effects, ["dynamics", i, "effects"], scope);
  });
}

function checkMove(ck: Checker, id: string, m: Move): void {
  const path = ["moves", id];
  // A parameter whose entry is broken is still declared (its uses are not reported again), but
  // its choices are unknown; a params block broken as a whole declares names nobody can read.
  const params = Object.entries(m.params ?? {});
  const scope: Scope = {
    where: `move "${id}"`,
    // A target that is itself wrong has its own error: which targets the move has is not known.
    noTarget: m.target === "none" && !ck.unsure(...path, "target") ? "the move has target: none" : undefined,
    noTarget2: m.target === "pair" || ck.unsure(...path, "target") ? undefined : `the move has target: ${m.target} (target2 needs target: pair)`,
    params: new Set([...params.map(([k]) => k), ...ck.lostKeys(...path, "params")]),
    paramsUnreadable: ck.lost(...path, "params"),
    paramChoices: Object.fromEntries(params.filter(([k]) => !ck.unsure(...path, "params", k, "choices")).map(([k, p]) => [k, p.choices])),
  };
  if (m.actors !== "all") m.actors.forEach((a, i) => actor(ck, a, [...path, "actors", i]));
  checkExpr(ck, m.targets, [...path, "targets"], scope);
  m.requires.forEach((r, i) => checkExpr(ck, r.when, [...path, "requires", i, "when"], scope));
  checkExpr(ck, m.discovery, [...path, "discovery"], scope);
  checkExpr(ck, m.support, [...path, "support"], scope);
  checkEffects(ck, m.effects, [...path, "effects"], scope);
  checkEffects(ck, m.onReject, [...path, "onReject"], scope);
  checkEffects(ck, m.onFail, [...path, "onFail"], scope);
  checkEffects(ck, m.onDiscovered, [...path, "onDiscovered"], scope);
  // Per-vote effects: self is the voting member and target the draft's author.
  const voteScope: Scope = { ...scope, where: `the onVote effects of move "${id}"`, noTarget: undefined, noTarget2: "per-vote effects have self (the member) and target (the author) only" };
  for (const [vote, list] of Object.entries(m.onVote ?? {})) checkEffects(ck, list, [...path, "onVote", vote], voteScope);
  checkTemplate(ck, m.headline, [...path, "headline"], scope);
  checkTemplate(ck, m.exposed, [...path, "exposed"], scope);
  for (const [name, p] of Object.entries(m.params ?? {})) {
    if (ck.unsure(...path, "params", name, "choices")) continue;
    const choices = p.choices.map(String);
    for (const choice of Object.keys(p.labels ?? {}))
      if (!choices.includes(choice))
        ck.report([...path, "params", name, "labels", choice], "scenario/invalid_value", `"${choice}" has a label but is not one of the choices (${choices.join(", ")}).${didYouMean(choice, choices)}`, { at: "key" });
  }
  // Once accept, visibility or target is itself invalid, its error is enough: the fields that
  // depend on it are not misplaced as far as anyone knows.
  const misplaced = (field: string, why: string, dependsOn: string) => {
    if (!ck.unsure(...path, dependsOn)) ck.report([...path, field], "scenario/misplaced_field", why, { at: "key" });
  };
  if (m.accept === "target" && m.target === "none") misplaced("accept", `accept: target needs someone to accept, but the move has target: none`, "target");
  if (m.onReject && m.accept !== "target") misplaced("onReject", `onReject only happens for proposals: set accept: target`, "accept");
  if (m.offer !== undefined && m.accept !== "target") misplaced("offer", `offer only names a proposal in the news: set accept: target`, "accept");
  if (m.onFail && m.accept !== "council") misplaced("onFail", `onFail only happens for council drafts: set accept: council`, "accept");
  if (m.support !== undefined && m.accept !== "council") misplaced("support", `support only matters for council drafts: set accept: council`, "accept");
  if (m.onDiscovered && m.visibility !== "covert") misplaced("onDiscovered", `onDiscovered only happens for covert moves: set visibility: covert`, "visibility");
  if (m.onVote && m.accept !== "council") misplaced("onVote", `onVote only happens for council drafts: set accept: council`, "accept");
  if (m.exposed !== undefined && m.visibility !== "covert") misplaced("exposed", `exposed only names a covert move in the news: set visibility: covert`, "visibility");
  if (m.discovery !== undefined && m.visibility !== "covert") misplaced("discovery", `discovery only applies to covert moves: set visibility: covert`, "visibility");
}

function checkEvents(ck: Checker): void {
  for (const [id, ev] of Object.entries(ck.scenario.events)) {
    const path = ["events", id];
    const scope: Scope = { where: `event "${id}"`, noTarget: "events have no target", noTarget2: "events have no target" };
    if (ev.affects !== undefined && !ck.ids.actors.has(ev.affects))
      ck.report([...path, "affects"], "scenario/unknown_actor", `"affects" names the actor the event falls on, by its id; "${ev.affects}" is not one.${ck.actorHint(ev.affects)} Actors: ${listOf([...ck.ids.actors])}`);
    checkExpr(ck, ev.trigger, [...path, "trigger"], scope);
    checkExpr(ck, ev.probability, [...path, "probability"], scope);
    checkEffects(ck, ev.effects, [...path, "effects"], scope);
    checkTemplate(ck, ev.title, [...path, "title"], scope);
    checkTemplate(ck, ev.text, [...path, "text"], scope);
    const options = Object.keys(ev.options ?? {});
    for (const [oid, opt] of Object.entries(ev.options ?? {})) checkEffects(ck, opt.effects, [...path, "options", oid, "effects"], scope);
    if (options.length > 0 && ev.default === undefined && !ck.unsure(...path, "default"))
      ck.report([...path, "options"], "scenario/missing_default", `event "${id}" has options but no default: add default: <one of ${options.join(", ")}> for when nobody answers`, { at: "key" });
    // An option left out for its own error is still one; a label missing in an option changes nothing here.
    const optionLost = (o: string) => ck.lost(...path, "options") || ck.lostKeys(...path, "options").includes(o);
    if (ev.default !== undefined && !options.includes(ev.default) && !optionLost(ev.default))
      ck.report([...path, "default"], "scenario/default_not_option", options.length ? `default "${ev.default}" is not one of the options (${options.join(", ")}).${didYouMean(ev.default, options)}` : `default "${ev.default}" is given but the event has no options`);
    if (options.length > 0 && ev.affects === undefined && !ck.unsure(...path, "affects"))
      ck.report([...path, "options"], "scenario/options_without_affects", `event "${id}" has options but no "affects": say which actor chooses between them`, { at: "key" });
  }
}

function checkObjectives(ck: Checker): void {
  const s = ck.scenario;
  const playable = Object.entries(s.actors).filter(([, a]) => a.playable).map(([id]) => id);
  for (const [id, list] of Object.entries(s.objectives)) {
    if (!ck.ids.actors.has(id)) {
      actor(ck, id, ["objectives", id], "key");
      continue;
    }
    if (s.actors[id] && !s.actors[id].playable && !ck.unsure("actors", id, "playable"))
      ck.report(["objectives", id], "scenario/objectives_not_playable", `"${id}" has objectives but is not a playable seat: set playable: true on actors.${id} or remove these objectives. Playable seats: ${listOf(playable)}`, { at: "key" });
    list.forEach((o, i) => {
      checkExpr(ck, o.measure, ["objectives", id, i, "measure"], { where: `an objective of ${id}`, noTarget: "objectives have no target", noTarget2: "objectives have no target" });
      if (o.atLeast !== undefined && o.atMost !== undefined && o.atLeast > o.atMost)
        ck.report(["objectives", id, i, "atLeast"], "scenario/bad_range", `atLeast (${o.atLeast}) is above atMost (${o.atMost}), so this objective can never be met`);
    });
  }
  for (const id of playable) {
    if (!ck.ids.objectives.has(id) && !ck.unsure("objectives", id))
      ck.report(["actors", id, "playable"], "scenario/missing_objectives", `"${id}" is a playable seat but has no objectives, so it could never score: add objectives.${id}`);
  }
}

const CATEGORIES = ["trade", "sanctions", "alignment", "security", "council"];

function checkRoles(ck: Checker): void {
  const roles = ck.scenario.roles;
  if (!roles) return;
  const ids = Object.keys(roles);
  if (ids.length === 0) ck.report(["roles"], "scenario/invalid_value", "roles is empty: leave it out for one role that may do everything, or list at least one role");
  for (const [id, r] of Object.entries(roles)) {
    if (r.moves !== "all")
      r.moves.forEach((m, i) => {
        if (!CATEGORIES.includes(m) && !ck.ids.moves.has(m))
          ck.report(["roles", id, "moves", i], "scenario/unknown_move", `"${m}" is neither a move category (${CATEGORIES.join(", ")}) nor a move.${didYouMean(m, [...CATEGORIES, ...ck.ids.moves])}`);
      });
    if (r.seats !== "all") r.seats.forEach((a, i) => actor(ck, a, ["roles", id, "seats", i]));
  }
  // Every seat needs a role its first person can take.
  for (const [seat, a] of Object.entries(ck.scenario.actors)) {
    if (!a.playable || ck.unsureWhere((p) => p[0] === "roles" && (p.length <= 2 || p[2] === "seats"))) continue;
    if (!Object.values(roles).some((r) => r.seats === "all" || r.seats.includes(seat)))
      ck.report(["roles"], "scenario/invalid_value", `no role is open to the seat "${seat}": give one role seats: all, or list ${seat}`);
  }
}

function checkDoctrine(ck: Checker): void {
  const s = ck.scenario;
  for (const [id, d] of Object.entries(s.doctrine)) {
    const path = ["doctrine", id];
    if (!ck.ids.actors.has(id)) {
      actor(ck, id, path, "key");
      continue;
    }
    if (s.actors[id]?.playable !== true && !ck.unsure("actors", id, "playable"))
      ck.report(path, "scenario/invalid_value", `"${id}" is not a playable seat, so no bot plays it: doctrine is for seats`, { at: "key" });
    const options = [...ck.ids.options];
    for (const key of Object.keys(d.prefer)) {
      // An option of an event whose options cannot be read may well exist.
      const [event = "", option] = key.split(".");
      if (option !== undefined && (ck.lost("events") || (ck.ids.events.has(event) && ck.unsure("events", event, "options")))) continue;
      if (!CATEGORIES.includes(key) && !ck.ids.moves.has(key) && !options.includes(key))
        ck.report([...path, "prefer", key], "scenario/unknown_move", `"${key}" is neither a move category (${CATEGORIES.join(", ")}), a move, nor an event option (<event>.<option>).${didYouMean(key, [...CATEGORIES, ...ck.ids.moves, ...options])}`, { at: "key" });
    }
    d.never.forEach((m, i) => {
      if (!ck.ids.moves.has(m)) ck.report([...path, "never", i], "scenario/unknown_move", `unknown move "${m}".${didYouMean(m, ck.ids.moves)}`);
    });
    d.allies.forEach((a, i) => actor(ck, a, [...path, "allies", i]));
  }
}

function checkObservations(ck: Checker): void {
  const s = ck.scenario;
  s.observations.forEach((o, i) => {
    const path = ["observations", i];
    checkExpr(ck, o.measure, [...path, "measure"], { where: "an observation", noSelf: "an observation measures the game, not one seat's view of it: name the actor", noTarget: "observations have no target", noTarget2: "observations have no target" });
    // A start or turn count that is itself wrong has its own error; a date is not checked against a guess.
    if (ck.unsure("start") || ck.unsure("turns", "count") || ck.unsure("turns", "length")) return;
    const turn = turnOfMonth(s.start, s.turns.length, o.date);
    if (turn < 1 || turn > s.turns.count)
      ck.report([...path, "date"], "scenario/invalid_value", `${o.date} is outside the game (turn ${turn}; the game runs turns 1 to ${s.turns.count} from ${s.start})`);
  });
}

/** The record keys a claim can name: counts and scores per id, or a quantity of the state. */
function checkRecordKey(ck: Checker, key: string, path: PathSegment[]): void {
  const s = ck.scenario;
  const [kind, a = "", b = "", c = ""] = key.split(":");
  // A name of a section that cannot be read (left out or stood in for) may well exist.
  const known = (section: "actors" | "moves" | "events" | "indicators" | "world" | "derived", x: string) => ck.ids[section].has(x) || ck.lost(section);
  const isActor = (x: string) => known("actors", x);
  const isMove = (x: string) => known("moves", x);
  // An actor left out for a mistake of its own, or whose playable is broken, may well be a seat.
  const isSeat = (x: string) => s.actors[x]?.playable === true || (isActor(x) && ck.unsure("actors", x, "playable"));
  const ok = (() => {
    switch (kind) {
      case "score":
        return isSeat(a);
      case "objective":
      case "met":
        return isSeat(a) && Number(b) >= 0 && (Number(b) < (s.objectives[a]?.length ?? 0) || ck.lost("objectives", a));
      case "chosen":
      case "done":
      case "lapsed":
      case "exposed":
        return isSeat(a) && isMove(b);
      case "event":
        return known("events", a);
      case "option":
        return ck.ids.options.has(`${a}.${b}`) || ck.lost("events") || (ck.ids.events.has(a) && ck.unsure("events", a, "options"));
      case "draft":
        return isMove(a) && ["tabled", "passed", "failed", "vetoed", "lapsed"].includes(b);
      case "vote":
        return isMove(a) && isActor(b) && ["yes", "no", "abstain", "veto"].includes(c);
      case "relation":
      case "trade":
        return isActor(a) && isActor(b);
      case "influence":
        return isActor(a) && isActor(b);
      default: {
        const [head = "", id = ""] = key.split(".");
        if (head === "world") return known("world", id);
        if (head === "derived") return known("derived", id);
        return isActor(head) && known("indicators", id);
      }
    }
  })();
  if (!ok)
    ck.report(path, "scenario/invalid_value", `"${key}" is not a number the games record: use score:SEAT, objective:SEAT:i, met:SEAT:i, chosen:SEAT:MOVE, done:SEAT:MOVE, event:ID, option:EVENT:OPTION, draft:MOVE:passed, vote:MOVE:MEMBER:veto, SEAT.indicator, world.id, derived.id, relation:A:B, trade:A:B or influence:OVER:BY`);
}

function checkClaims(ck: Checker): void {
  const seen = new Set<string>();
  // An arm names seats, moves, drafts, deals and parameters: when a mistake of shape left one of
  // those out or stood in for it, an arm that fails may fail for the salvage, not the author.
  const armsShaky = ck.unsureWhere(
    (p) => (p[0] === "actors" && (p.length <= 2 || p[2] === "playable")) || (p[0] === "moves" && (p.length <= 2 || p[2] === "accept" || p[2] === "params")),
  );
  ck.scenario.claims.forEach((cl, i) => {
    const path = ["claims", i];
    if (seen.has(cl.id)) ck.report([...path, "id"], "scenario/duplicate_entry", `claim id "${cl.id}" is used twice`);
    seen.add(cl.id);
    if (!armsShaky) cl.arms.forEach((arm, j) => {
      const r = parseArm(ck.scenario, arm);
      if (!r.ok) ck.report([...path, "arms", j], "scenario/invalid_value", r.error);
    });
    cl.expect.forEach((e, j) => checkRecordKey(ck, e.key, [...path, "expect", j, "key"]));
  });
}
