// Semantic checks beyond the broken fixtures, one rule per row: each takes the example scenario,
// makes one change, and expects exactly one error with its code and path.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../shared/scenario/load.ts";
import { ROOT } from "./helpers.ts";

const example = readFileSync(join(ROOT, "scenarios/examples/two-rivals.yaml"), "utf8");

const RULES: [rule: string, from: string, to: string, code: string, path: string, fragment: string][] = [
  ["relations stay within -100..100", "{ between: [NOR, SUD], value: -30 }", "{ between: [NOR, SUD], value: -130 }", "scenario/bad_range", "relations[0].value", "-130 is outside it"],
  ["trade is never negative", "{ between: [NOR, MID], value: 3.1 }", "{ between: [NOR, MID], value: -3.1 }", "scenario/bad_range", "trade[1].value", "cannot be negative"],
  ["an actor has no relation with itself", "{ between: [NOR, MID], value: 40 }", "{ between: [MID, MID], value: 40 }", "scenario/self_pair", "relations[1].between", "itself"],
  ["influence over an actor is given once", "    shares: { NOR: 3, SUD: 1 }\n", "    shares: { NOR: 3, SUD: 1 }\n  - over: MID\n    shares: { SUD: 2 }\n", "scenario/duplicate_entry", "influence[1].over", "already given at influence[0]"],
  ["influence is over a declared actor", "  - over: MID", "  - over: MDI", "scenario/unknown_actor", "influence[0].over", 'Did you mean "MID"?'],
  ["a world value starts within its limits", "max: 100, initial: 40 }", "max: 100, initial: 140 }", "scenario/bad_range", "world.tension.initial", "outside 0..100"],
  ["an objective can be met", "      atMost: 50\n", "      atLeast: 60\n      atMost: 50\n", "scenario/bad_range", "objectives.SUD[1].atLeast", "can never be met"],
  ["onReject only for proposals", "    cost: 1\n    accept: target\n", "    cost: 1\n", "scenario/misplaced_field", "moves.trade_deal.onReject", "set accept: target"],
  ["offer only names proposals", '    headline: "{self} sanctions {target}\'s {param.sector} sector"\n', '    headline: "{self} sanctions {target}\'s {param.sector} sector"\n    offer: "threat of sanctions"\n', "scenario/misplaced_field", "moves.sanction.offer", "set accept: target"],
  ["exposed only names covert moves", '    headline: "{self} sanctions {target}\'s {param.sector} sector"\n', '    headline: "{self} sanctions {target}\'s {param.sector} sector"\n    exposed: "covert sanctions"\n', "scenario/misplaced_field", "moves.sanction.exposed", "set visibility: covert"],
  ["discovery only for covert moves", "    cost: 1\n    accept: target\n", "    cost: 1\n    accept: target\n    discovery: 0.2\n", "scenario/misplaced_field", "moves.trade_deal.discovery", "set visibility: covert"],
  ["a placeholder the engine fills", 'headline: "{self} and {target} sign a trade deal"', 'headline: "{self} and {SUD} sign a trade deal"', "scenario/unknown_name", "moves.trade_deal.headline", "write SUD's name as plain text"],
  ["an event falls on a declared actor", "    affects: NOR", "    affects: NOX", "scenario/unknown_actor", "events.border_incident.affects", 'Did you mean "NOR"?'],
  ["an event has no target", "    text: Soldiers exchange fire on the border. {self} must respond.", "    text: Soldiers exchange fire on the border. {target} must respond.", "scenario/target_unbound", "events.border_incident.text", "events have no target"],
  ["an actor starts only with declared indicators", "      stability: 55\n", "      stabilty: 55\n", "scenario/unknown_indicator", "actors.NOR.indicators.stabilty", 'Did you mean "stability"?'],
  ["a change names <actor>.<indicator> or world.<name>, not a parameter's indicator", "      sector: { label: Sector, choices: [finance, energy] }\n    effects:\n", "      sector: { label: Sector, choices: [finance, energy] }\n      who: { label: Whom, choices: [MID, Atlantis] }\n    effects:\n      - { change: param.who.stability, by: -1 }\n", "scenario/bad_path", "moves.sanction.effects[0].change", "is not something a change can target"],
  ["a parameter read as an actor offers only actors", "      sector: { label: Sector, choices: [finance, energy] }\n    effects:\n", "      sector: { label: Sector, choices: [finance, energy] }\n      who: { label: Whom, choices: [MID, Atlantis] }\n    effects:\n      - { change: self.stability, by: \"-param.who.stability / 10\" }\n", "scenario/unknown_actor", "moves.sanction.effects[0].by", 'choice "Atlantis" is not an actor'],
  ["derived values are computed, never changed", "      - { change: world.tension, by: 5 }", "      - { change: derived.rivalry, by: 5 }", "scenario/bad_path", "moves.sanction.effects[2].change", "cannot be changed"],
  ["an actor code written the other way round is still recognised", "    affects: NOR", "    affects: RON", "scenario/unknown_actor", "events.border_incident.affects", 'Did you mean "NOR"?'],
  ["an observation names its actors: it has no self", "$schema: ../schema.json\n", "$schema: ../schema.json\nobservations:\n  - { date: \"2024-08\", label: Trade, measure: \"trade(self, SUD)\", value: 3 }\n", "scenario/target_unbound", "observations[0].measure", '"self" cannot be used in an observation'],
  ["an unknown name lists only the names bound where it is used", "    trigger: world.tension > 60", "    trigger: world.tension > 60 and tensoin > 1", "scenario/unknown_name", "events.border_incident.trigger", "Names here: self, turn, turns, progress or an actor id (NOR, SUD, MID)"],
  ["an actor starts within its indicator's limits", "      stability: 55\n", "      stability: 150\n", "scenario/bad_range", "actors.NOR.indicators.stability", "starting value 150 is outside 0..100"],
  ["a sourced starting value is checked too", "gdp: { value: 310,", "gdp: { value: -310,", "scenario/bad_range", "actors.NOR.indicators.gdp.value", "starting value -310 is outside 0..∞"],
  ["a discovery chance is at most 1", "    discovery: 0.3", "    discovery: 3", "scenario/invalid_value", "moves.fund_unrest.discovery", '"discovery" must be at most 1 (it is 3)'],
  ["an event's probability is at most 1", "    probability: 0.5", "    probability: 1.5", "scenario/invalid_value", "events.border_incident.probability", '"probability" must be at most 1 (it is 1.5)'],
  ["a chance effect's chance is at most 1", "      - chance: 0.5", "      - chance: 5", "scenario/invalid_value", "events.midland_election.effects[0].chance", '"chance" must be at most 1 (it is 5)'],
  ["a sanction's enforcement runs from 0 to 1", "        action: impose\n", "        action: impose\n        enforcement: 6\n", "scenario/invalid_value", "moves.sanction.effects[0].enforcement", '"enforcement" must be at most 1 (it is 6)'],
  ["an event's cooldown is not negative", "    cooldown: 2", "    cooldown: -1", "scenario/invalid_value", "events.midland_election.cooldown", '"cooldown" must be at least 0 (it is -1)'],
  ["a map id names a country the board draws", 'mapIds: ["858"]', 'mapIds: ["999"]', "scenario/invalid_value", "actors.MID.mapIds[0]", '"999" is not a country on the game\'s map, so MID would not be drawn there'],
  ["a map id written without its leading zero", 'mapIds: ["076"]', 'mapIds: ["76"]', "scenario/invalid_value", "actors.NOR.mapIds[0]", 'Did you mean "076" (Brazil)?'],
  ["a guessed country code is matched loosely", "    affects: NOR", "    affects: NRD", "scenario/unknown_actor", "events.border_incident.affects", 'Did you mean "NOR"?'],
  ["an actor's name where its id belongs", "{ between: [NOR, SUD], value: -30 }", "{ between: [NOR, Southland], value: -30 }", "scenario/unknown_actor", "relations[0].between[1]", '"Southland" is the name of SUD: write its id, "SUD"'],
  ["an actor's name in a formula", "    trigger: world.tension > 60", "    trigger: world.tension > 60 and relation(Northland, SUD) < 0", "scenario/unknown_name", "events.border_incident.trigger", '"Northland" is the name of NOR: write its id, "NOR"'],
  ["move and event ids in formulas are quoted", "    trigger: world.tension > 60", "    trigger: world.tension > 60 and not moved(NOR, sanction)", "scenario/unknown_name", "events.border_incident.trigger", 'written in quotes: "sanction"'],
];

describe("semantic rules", () => {
  it("a country too small for the map may stand in an actor shown as an edge marker (map.insets)", () => {
    const inset = example.replace('mapIds: ["858"]', 'mapIds: ["470"]');
    expect(parseScenarioText(inset, "s.yaml").ok).toBe(false);
    const r = parseScenarioText(inset.replace("relations:\n", "map:\n  insets: [MID]\n\nrelations:\n"), "s.yaml");
    expect(r.ok ? [] : r.error.map((e) => e.message)).toEqual([]);
  });

  it("a world value's limits are checked against its initial value only (it has no default)", () => {
    const from = "tension: { label: Regional tension, min: 0, max: 100, initial: 40 }";
    expect(example).toContain(from);
    const r = parseScenarioText(example.replace(from, "tension: { label: Regional tension, min: 10, max: 100, initial: 40 }"), "s.yaml");
    expect(r.ok ? [] : r.error.map((e) => e.message)).toEqual([]);
  });

  it.each(RULES)("%s", (_rule, from, to, code, path, fragment) => {
    expect(example).toContain(from);
    const r = parseScenarioText(example.replace(from, to), "s.yaml");
    const errors = r.ok ? [] : r.error.map((e) => ({ code: e.code, path: e.path, message: e.message }));
    expect(errors).toEqual([{ code, path, message: expect.stringContaining(fragment) as unknown as string }]);
  });
});

/** The example with each [from, to] replacement made (each `from` must exist); its errors as "path: message". */
function errorsWith(...edits: [from: string, to: string][]): string[] {
  let text = example;
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  const r = parseScenarioText(text, "s.yaml");
  return r.ok ? [] : r.error.map((e) => `${e.path}: ${e.message}`);
}

describe("a mistake of shape neither hides nor invents other mistakes", () => {
  it("a number outside its limits leaves the rest of the file checked", () => {
    const errors = errorsWith(["      atLeast: 0.6\n      points: 3", "      atLeast: 0.6\n      points: 0"], ["    affects: NOR", "    affects: NOX"]);
    expect(errors).toEqual([
      expect.stringContaining('events.border_incident.affects: "affects" names the actor'),
      'objectives.NOR[0].points: "points" must be more than 0 (it is 0)',
    ]);
  });

  it("a turn count of the wrong type is not read as a one-turn game", () => {
    const observation = '\nobservations:\n  - { date: "2024-09", label: Tension, measure: world.tension, value: 40 }\n';
    const errors = errorsWith(["  count: 6", "  count: six"], ["    text: This example is fictional; real scenarios list what actually happened for the debrief.\n", `    text: This example is fictional; real scenarios list what actually happened for the debrief.\n${observation}`]);
    expect(errors).toEqual(['turns.count: "count" should be a number, not text ("six")']);
  });

  it("an invalid visibility does not also make its covert fields misplaced", () => {
    const errors = errorsWith(["    visibility: covert", "    visibility: secret"]);
    expect(errors).toEqual([expect.stringContaining('moves.fund_unrest.visibility: "secret" is not allowed for "visibility"')]);
  });

  it("an invalid playable does not make the seat's objectives or doctrine wrong", () => {
    const doctrine = "doctrine:\n  NOR: { prefer: { trade: 0.5 } }\n\nhistory:";
    const errors = errorsWith(["    playable: true\n    bloc: east", "    playable: yes please\n    bloc: east"], ["history:", doctrine]);
    expect(errors).toEqual(['actors.NOR.playable: "playable" should be true or false, not text ("yes please")']);
  });
});

/** The example with each [from, to] replacement made; its errors as the author reads them: "line:column path: message". */
function locatedErrorsWith(...edits: [from: string, to: string][]): string[] {
  let text = example;
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  const r = parseScenarioText(text, "s.yaml");
  return r.ok ? [] : r.error.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`);
}

/** A second, independent mistake in the same move: it must be reported whatever else is broken there. */
const GPD: [string, string] = ["target.gdp, times: 0.98", "target.gpd, times: 0.98"];
const GPD_ERROR = (line: number) => `${line}:26 moves.sanction.effects[1].change: unknown indicator "gpd". Did you mean "gdp"? Indicators: gdp, stability, standing`;
/** A second, independent mistake in the same actor. */
const STABILTY: [string, string] = ["      stability: 55\n  SUD:", "      stabilty: 55\n  SUD:"];
const STABILTY_ERROR = '39:7 actors.NOR.indicators.stabilty: unknown indicator "stabilty". Did you mean "stability"? Declare it under indicators first; declared: gdp, stability, standing';

describe("a broken params block is reported once, at its place; its uses are not reported again", () => {
  const SECTOR = "    params:\n      sector: { label: Sector, choices: [finance, energy] }\n";

  it("params of the wrong type (a number)", () => {
    expect(locatedErrorsWith([SECTOR, "    params: 3\n"], GPD)).toEqual([
      '101:13 moves.sanction.params: "params" should be a mapping (key: value lines), not the number 3',
      GPD_ERROR(105),
    ]);
  });

  it("params written as a list", () => {
    expect(locatedErrorsWith([SECTOR, "    params:\n      - sector: { label: Sector, choices: [finance, energy] }\n"], GPD)).toEqual([
      '102:7 moves.sanction.params: "params" should be a mapping (key: value lines), not a list',
      GPD_ERROR(106),
    ]);
  });

  it("a parameter without its choices is still declared, and the rest of its move is still checked", () => {
    expect(locatedErrorsWith([SECTOR, "    params:\n      sector: { label: Sector }\n"], GPD)).toEqual([
      '102:7 moves.sanction.params.sector.choices: missing required field "choices" (a list)',
      GPD_ERROR(106),
    ]);
  });

  it("a parameter that is no mapping at all", () => {
    expect(locatedErrorsWith([SECTOR, "    params:\n      sector: [finance, energy]\n"], GPD)).toEqual([
      '102:15 moves.sanction.params.sector: "sector" should be a mapping (key: value lines), not a list',
      GPD_ERROR(106),
    ]);
  });

  it("next to a broken parameter, the readable ones still count: an undeclared name is still reported", () => {
    const errors = locatedErrorsWith(
      ["      sector: { label: Sector, choices: [finance, energy] }\n", "      sector: { label: Sector, choices: [finance, energy] }\n      who: { label: Whom }\n"],
      ["sector: param.sector }", "sector: param.sectr }"],
      ["{param.sector} sector", "{param.sector} sector ({param.who})"],
    );
    expect(errors).toEqual([
      '103:7 moves.sanction.params.who.choices: missing required field "choices" (a list)',
      '105:51 moves.sanction.effects[0].sanction.sector: unknown parameter "param.sectr": move "sanction" declares sector, who. Did you mean "sector"?',
    ]);
  });
});

describe("a wrong map id entry is reported once; the rest of its actor is still checked", () => {
  it("a map id written as a number (076 without quotes reads as 76)", () => {
    expect(locatedErrorsWith(['    mapIds: ["076"] ', "    mapIds: [076] "], STABILTY)).toEqual([
      '35:14 actors.NOR.mapIds[0]: "mapIds[0]" should be text, not the number 76: write it in quotes, "076" (Brazil); without them YAML reads 076 as the number 76',
      STABILTY_ERROR,
    ]);
  });

  it("a map id written as a mapping", () => {
    expect(locatedErrorsWith(['    mapIds: ["076"] ', '    mapIds: [{ id: "076" }] '], STABILTY)).toEqual([
      '35:14 actors.NOR.mapIds[0]: "mapIds[0]" should be text, not a mapping',
      STABILTY_ERROR,
    ]);
  });

  it("the other map ids of the actor are still checked", () => {
    expect(locatedErrorsWith(['    mapIds: ["076"] ', '    mapIds: [076, "999"] '])).toEqual([
      '35:14 actors.NOR.mapIds[0]: "mapIds[0]" should be text, not the number 76: write it in quotes, "076" (Brazil); without them YAML reads 076 as the number 76',
      expect.stringContaining('35:19 actors.NOR.mapIds[1]: "999" is not a country on the game\'s map, so NOR would not be drawn there.') as unknown as string,
    ]);
  });
});

describe("a required value of the wrong shape is reported once; its move, actor, event or list is still checked", () => {
  it("an actor's starting value written as text (55%)", () => {
    expect(locatedErrorsWith(["      stability: 55\n  SUD:", "      stability: 55%\n  SUD:"], ['    mapIds: ["076"] ', '    mapIds: ["999"] '])).toEqual([
      expect.stringContaining('35:14 actors.NOR.mapIds[0]: "999" is not a country on the game\'s map, so NOR would not be drawn there.') as unknown as string,
      '39:18 actors.NOR.indicators.stability: "stability" should be a number, or { value, source, date } so a seminar can check where a real figure comes from, not text ("55%")',
    ]);
  });

  it("a move without its name", () => {
    expect(locatedErrorsWith(["    name: Sanction a sector\n", ""], GPD)).toEqual(['95:3 moves.sanction.name: missing required field "name" (text)', GPD_ERROR(105)]);
  });

  it("a move's category misspelt", () => {
    expect(locatedErrorsWith(["    category: sanctions\n", "    category: sanction\n"], GPD)).toEqual([
      '97:15 moves.sanction.category: "sanction" is not allowed for "category": use one of "trade", "sanctions", "alignment", "security", "council". Did you mean "sanctions"?',
      GPD_ERROR(106),
    ]);
  });

  it("an objective without its label: the seat's other objectives are still checked", () => {
    expect(locatedErrorsWith(["    - label: Grow the economy\n      measure: self.gdp", "    - measure: self.gdp"], ["      measure: influence(MID, self)\n      atLeast: 0.6", "      measure: influence(MID, slef)\n      atLeast: 0.6"])).toEqual([
      '184:31 objectives.NOR[0].measure: unknown name "slef". Did you mean "self"? Names here: self, turn, turns, progress or an actor id (NOR, SUD, MID)',
      '187:7 objectives.NOR[1].label: missing required field "label" (text)',
    ]);
  });

  it("a relation's value written as a word: the other relations are still checked", () => {
    expect(locatedErrorsWith(["{ between: [NOR, SUD], value: -30 }", "{ between: [NOR, SUD], value: strong }"], ["{ between: [SUD, MID], value: 10 }", "{ between: [SUD, MDI], value: 10 }"])).toEqual([
      '56:35 relations[0].value: "value" should be a number, or { value, source, date } so a seminar can check where a real figure comes from, not text ("strong")',
      '58:22 relations[2].between[1]: unknown actor "MDI". Did you mean "MID"? Actors: NOR, SUD, MID',
    ]);
  });

  it("an event option without its label: the event's default is still checked against its options", () => {
    expect(locatedErrorsWith(["        label: Mobilise\n", ""], ["    default: calm", "    default: clam"])).toEqual([
      '158:7 events.border_incident.options.escalate.label: missing required field "label" (text)',
      '162:14 events.border_incident.default: default "clam" is not one of the options (calm, escalate). Did you mean "calm"?',
    ]);
  });

  it("sectors written without brackets still declare their sectors", () => {
    expect(locatedErrorsWith(["sectors: [finance, energy]", "sectors: finance, energy"], ["sector: param.sector }", "sector: param.sectr }"])).toEqual([
      '15:10 sectors: "sectors" should be a list, not text ("finance, energy") (Sanction and trade sectors, e.g. finance, energy, labour): write the items in brackets, [finance, energy]',
      '104:51 moves.sanction.effects[0].sanction.sector: unknown parameter "param.sectr": move "sanction" declares sector. Did you mean "sector"?',
    ]);
  });

  it("a seat whose playable is broken is not reported again by the claims that name it", () => {
    const claim = 'claims:\n  - id: courting\n    claim: Courting Midland pays\n    arms: ["no: exclude court_midland", "yes: force NOR court_midland"]\n    expect: [{ key: "score:NOR", change: up }, { key: "score:NRO", change: up }]\n\nhistory:';
    expect(locatedErrorsWith(["    playable: true\n    bloc: east", "    playable: yes please\n    bloc: east"], ["history:", claim])).toEqual([
      '33:15 actors.NOR.playable: "playable" should be true or false, not text ("yes please")',
      expect.stringContaining('"score:NRO" is not a number the games record') as unknown as string,
    ]);
  });
});

describe("a broken item of a list is reported once; the items around it keep their places and are still checked", () => {
  const MDI: [string, string] = ["{ between: [SUD, MID], value: 10 }", "{ between: [SUD, MDI], value: 10 }"];
  const MDI_ERROR = '58:22 relations[2].between[1]: unknown actor "MDI". Did you mean "MID"? Actors: NOR, SUD, MID';

  it("a relation naming one actor", () => {
    expect(locatedErrorsWith(["{ between: [NOR, SUD], value: -30 }", "{ between: [NOR], value: -30 }"], MDI)).toEqual([
      '56:16 relations[0].between: "between" must have at least 2 items (it has 1)',
      MDI_ERROR,
    ]);
  });

  it("a relation written as a line of text", () => {
    expect(locatedErrorsWith(["{ between: [NOR, SUD], value: -30 }", "NOR-SUD -30"], MDI)).toEqual([
      '56:5 relations[0]: "relations[0]" should be a mapping (key: value lines), not text ("NOR-SUD -30")',
      MDI_ERROR,
    ]);
  });

  it("an objective written as a line of text", () => {
    const objective = "    - label: Grow the economy\n      measure: self.gdp\n      atLeast: 320\n      points: 2\n      secret: true\n";
    expect(locatedErrorsWith([objective, "    - Grow the economy\n"], ["      measure: influence(MID, self)\n      atLeast: 0.6", "      measure: influence(MID, slef)\n      atLeast: 0.6"])).toEqual([
      '184:31 objectives.NOR[0].measure: unknown name "slef". Did you mean "self"? Names here: self, turn, turns, progress or an actor id (NOR, SUD, MID)',
      '187:7 objectives.NOR[1]: "NOR[1]" should be a mapping (key: value lines), not text ("Grow the economy")',
    ]);
  });

  it("an objective without its measure", () => {
    expect(locatedErrorsWith(["    - label: Win Midland over\n      measure: influence(MID, self)\n", "    - label: Win Midland over\n"], ["      measure: world.tension\n", "      measure: world.tensoin\n"])).toEqual([
      '193:7 objectives.SUD[0].measure: missing required field "measure" (a number or a formula: What is measured, with self bound to the actor)',
      '197:22 objectives.SUD[1].measure: unknown world value "world.tensoin". Did you mean "tension"? Declared under world: tension',
    ]);
  });

  it("a rule without its id: its effects are still checked", () => {
    expect(locatedErrorsWith(["  - id: tension_cools\n", "  - \n"], ["      - { change: world.tension, times: 0.95,", "      - { change: world.tensoin, times: 0.95,"])).toEqual([
      '74:5 dynamics[0].id: missing required field "id" (text: Identifier: letters, digits and _, starting with a letter)',
      '76:25 dynamics[0].effects[0].change: unknown world value "world.tensoin". Did you mean "tension"? Declared under world: tension',
    ]);
  });
});

describe("a section that declares names, written in the wrong shape, is one error; the uses of its names are not reported again", () => {
  const MDI: [string, string] = ["{ between: [SUD, MID], value: 10 }", "{ between: [SUD, MDI], value: 10 }"];

  it("indicators written as a list of items: their names still count, so a misspelt use is still caught", () => {
    const list = "  - gdp: { label: GDP, unit: US$ bn, min: 0 }\n  - stability: { label: Domestic stability, min: 0, max: 100, default: 60 }\n  - standing:";
    expect(locatedErrorsWith(["  gdp: { label: GDP, unit: US$ bn, min: 0 }\n  stability: { label: Domestic stability, min: 0, max: 100, default: 60 }\n  standing:", list], MDI, GPD)).toEqual([
      '18:3 indicators: "indicators" should be a mapping (key: value lines), not a list (Indicators of the actors (every actor, or those listed in its `actors`))',
      '58:22 relations[2].between[1]: unknown actor "MDI". Did you mean "MID"? Actors: NOR, SUD, MID',
      GPD_ERROR(106),
    ]);
  });

  it("world written as one word: no 'unknown world value' at each use of world.tension", () => {
    expect(locatedErrorsWith(["world:\n  tension: { label: Regional tension, min: 0, max: 100, initial: 40 }\n", "world: tension\n"], MDI)).toEqual([
      '22:8 world: "world" should be a mapping (key: value lines), not text ("tension") (Global indicators, e.g. regional tension)',
      '57:22 relations[2].between[1]: unknown actor "MDI". Did you mean "MID"? Actors: NOR, SUD, MID',
    ]);
  });

  it("world's entries written at its column: one error at them, none at the uses", () => {
    expect(locatedErrorsWith(["world:\n  tension:", "world:\ntension:"], MDI)).toEqual([
      '23:1 tension: "world" is empty, and "tension" below it starts at its column: indent it further than "world" to put it inside it',
      '58:22 relations[2].between[1]: unknown actor "MDI". Did you mean "MID"? Actors: NOR, SUD, MID',
    ]);
  });

  it("an option's field written at the options' column: one error that says so, and the default is still checked", () => {
    expect(locatedErrorsWith(["        label: Mobilise\n        effects:\n", "        label: Mobilise\n      effects:\n"], ["    default: calm", "    default: clam"])).toEqual([
      '161:11 events.border_incident.options.effects: "effects" should be a mapping (key: value lines), not a list. "effects" is a field of each entry of "options": it may be indented too little; move it under the entry above it',
      '163:14 events.border_incident.default: default "clam" is not one of the options (calm, escalate). Did you mean "calm"?',
    ]);
  });

  it("an event's default of the wrong type is not also a missing default", () => {
    expect(locatedErrorsWith(["    default: calm", "    default: [calm]"], MDI)).toEqual([
      '58:22 relations[2].between[1]: unknown actor "MDI". Did you mean "MID"? Actors: NOR, SUD, MID',
      '163:14 events.border_incident.default: "default" should be text, not a list (Option taken when nobody answers before the next resolution)',
    ]);
  });
});

describe("a field that others depend on, when it is itself wrong, is its only error", () => {
  it("a misspelt target does not make the move's target2 unbound", () => {
    expect(locatedErrorsWith(["    cost: 2\n    targets: target != self", "    cost: 2\n    target: pairr\n    targets: target != self"], ["{param.sector} sector\"", "{param.sector} sector, with {target2}\""], GPD)).toEqual([
      '100:13 moves.sanction.target: "pairr" is not allowed for "target": use one of "none", "actor", "pair". Did you mean "pair"?',
      GPD_ERROR(107),
    ]);
  });

  it("a broken item of an indicator's actors does not put an actor's value out of its scope", () => {
    expect(locatedErrorsWith(["default: 60 }", "default: 60, actors: [NOR, [MID]] }"], ["{ between: [SUD, MID], value: 10 }", "{ between: [SUD, MDI], value: 10 }"])).toEqual([
      '19:88 indicators.stability.actors[1]: "actors[1]" should be text, not a list (Identifier: letters, digits and _, starting with a letter)',
      '58:22 relations[2].between[1]: unknown actor "MDI". Did you mean "MID"? Actors: NOR, SUD, MID',
    ]);
  });

  it("events that cannot be read do not make a doctrine's event options unknown", () => {
    const events = example.slice(example.indexOf("events:\n"), example.indexOf("objectives:\n"));
    const doctrine = "doctrine:\n  NOR: { prefer: { border_incident.calm: 0.5, trade: 0.2, sanctoin: 1 } }\n\nhistory:";
    expect(locatedErrorsWith([events, "events: none\n\n"], ["history:", doctrine])).toEqual([
      '146:9 events: "events" should be a mapping (key: value lines), not text ("none")',
      '170:59 doctrine.NOR.prefer.sanctoin: "sanctoin" is neither a move category (trade, sanctions, alignment, security, council), a move, nor an event option (<event>.<option>). Did you mean "sanction"?',
    ]);
  });
});

describe("a broken field of an effect is reported once; the rest of the same effect is still checked", () => {
  it("a relation effect without its label", () => {
    expect(locatedErrorsWith(["      - { relation: [self, target], by: 10, label: Signed a trade deal }", "      - { relation: [self, targt], by: 10 }"])).toEqual([
      "87:9 moves.trade_deal.effects[1].label: missing required field \"label\" (text: What the modifier is, e.g. 'Rebuked over the Seoul summit')",
      '87:28 moves.trade_deal.effects[1].relation[1]: unknown actor "targt". Did you mean "target"? Use self, target, target2, other (inside forEach), param.<name> or an actor id: NOR, SUD, MID',
    ]);
  });

  it("a relation effect's amount written as a list: its pair is still checked", () => {
    expect(locatedErrorsWith(["      - { relation: [self, target], by: 10, label: Signed a trade deal }", "      - { relation: [self, targt], by: [10], label: Signed a trade deal }"])).toEqual([
      '87:28 moves.trade_deal.effects[1].relation[1]: unknown actor "targt". Did you mean "target"? Use self, target, target2, other (inside forEach), param.<name> or an actor id: NOR, SUD, MID',
      '87:40 moves.trade_deal.effects[1].by: "by" should be a number or a formula (size of the opinion modifier, on the -100..100 relation scale), not a list',
    ]);
  });

  it("an amount written as a list is not also an effect without an amount", () => {
    expect(locatedErrorsWith(["      - { change: world.tension, by: 5 }", "      - { change: world.tensoin, by: [5] }"])).toEqual([
      '107:25 moves.sanction.effects[2].change: unknown world value "world.tensoin". Did you mean "tension"? Declared under world: tension',
      '107:38 moves.sanction.effects[2].by: "by" should be a number or a formula, e.g. `0.5 * relation(self, target) - world.tension / 10`, not a list',
    ]);
  });

  it("a sanction effect with a misspelt action, nested fields still checked", () => {
    expect(locatedErrorsWith(["      - sanction: { by: self, on: target, sector: param.sector }\n        action: impose", "      - sanction: { by: self, on: targt, sector: param.sector }\n        action: impos"])).toEqual([
      '104:35 moves.sanction.effects[0].sanction.on: unknown actor "targt". Did you mean "target"? Use self, target, target2, other (inside forEach), param.<name> or an actor id: NOR, SUD, MID',
      '105:17 moves.sanction.effects[0].action: "impos" is not allowed for "action": use one of "impose", "lift". Did you mean "impose"?',
    ]);
  });

  it("a field of another kind of effect, in an effect nested under if", () => {
    expect(locatedErrorsWith(["          - { change: self.standing, by: 2, because: Seen as Midland's patron }", "          - { change: self.standin, by: 2, fades: 0.5 }"])).toEqual([
      '125:28 moves.court_midland.effects[1].then[0].change: unknown indicator "standin". Did you mean "standing"? Indicators: gdp, stability, standing',
      '125:44 moves.court_midland.effects[1].then[0].fades: "fades" is not a field of a change effect; it belongs to relation effects. Fields of a change effect: change, by, times, to, because',
    ]);
  });
});

describe("a month written another way", () => {
  it("says which YYYY-MM it is, and the rest of the file is still checked", () => {
    expect(locatedErrorsWith(["start: 2024-06", "start: June 2024"], GPD)).toEqual(['9:8 start: "June 2024" is not a valid "start": start is YYYY-MM. Did you mean "2024-06"?', GPD_ERROR(106)]);
  });
});

describe("a number or yes/no written in quotes", () => {
  it("says to drop the quotes, and the rest of the move is still checked", () => {
    expect(locatedErrorsWith(["    cost: 2\n    targets", '    cost: "2"\n    targets'], GPD)).toEqual([
      '99:11 moves.sanction.cost: "cost" should be a number, not text ("2") (Political capital spent from the per-turn budget): write it without quotes, 2',
      GPD_ERROR(106),
    ]);
  });
});

describe("claims name what the other sections declare", () => {
  it("moves that cannot be read do not make a claim's moves unknown; a misspelt seat is still reported", () => {
    const moves = example.slice(example.indexOf("moves:\n"), example.indexOf("events:\n"));
    const claim = 'claims:\n  - id: courting\n    claim: Courting Midland pays\n    arms: ["no: exclude court_midland", "yes: force NOR court_midland"]\n    expect: [{ key: "chosen:NOR:court_midland", change: up }, { key: "score:NRO", change: up }]\n\nhistory:';
    const errors = locatedErrorsWith([moves, "moves: none\n\n"], ["history:", claim]);
    expect(errors).toEqual([
      '78:8 moves: "moves" should be a mapping (key: value lines), not text ("none")',
      expect.stringContaining('"score:NRO" is not a number the games record') as unknown as string,
    ]);
  });
});
