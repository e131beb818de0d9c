// `npm run scenario -- new <name>`: a small valid scenario with a comment on each section, to be
// filled in. Written to scenarios/<name>.yaml (or to <name> when it is a path ending in .yaml).
import { existsSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";

export const SCENARIO_ROOT = resolve(import.meta.dirname, "..", "scenarios");

/** The first month when the name gives no year. */
const DEFAULT_YEAR = 2025;
// Title case leaves these small words lower case unless they begin the title.
const SMALL_WORDS = new Set(["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs"]);

/** Where `new <name>` writes, and the scenario id, title and first month it derives from the name. */
export function scaffoldTarget(name: string, cwd = process.cwd()): { file: string; id: string; title: string; start: string } {
  const file = /\.ya?ml$/.test(name) ? resolve(cwd, name) : join(SCENARIO_ROOT, `${name}.yaml`);
  const stem = basename(file).replace(/\.ya?ml$/, "");
  const id = stem.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").replace(/^(\d)/, "s_$1") || "my_scenario";
  const words = stem.split(/[-_\s]+/).filter(Boolean);
  // A word the author capitalised somewhere (NATO, McKinsey) is kept as typed.
  const title = words.map((w, i) => (w !== w.toLowerCase() || (i > 0 && SMALL_WORDS.has(w)) ? w : w[0]!.toUpperCase() + w.slice(1))).join(" ");
  const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(stem)?.[1] ?? String(DEFAULT_YEAR);
  return { file, id, title: title || "My scenario", start: `${year}-01` };
}

/** The scaffold's text; `schema` is the path of scenarios/schema.json from the file's folder. */
export function scaffoldText(id: string, title: string, start: string, schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# ${title}: a new Faultline scenario. Every section below is small but complete, so the file
# validates and plays as it is: change one thing at a time and check it with
#   npm run scenario -- validate <this file>
#   npm run scenario -- simulate <this file> --games 100
# or open it in the workbench (/workbench). The guide: docs/scenario-authoring.md.
$schema: ${schema}
version: 1

# --- Header: the id (letters, digits, _), the title players see, one paragraph of summary,
# the month of the first turn, and how many turns of what length. Each seat spends up to
# \`budget\` political capital a turn on its moves.
id: ${id}
title: ${title}
summary: Two governments compete for a neighbour's loyalty while a dispute between them simmers.
start: ${start}
turns:
  count: 6
  length: month
  budget: 3

# --- Sectors that sanctions and trade deals can name.
sectors: [finance, energy]

# --- Indicators every actor has (or only those listed in \`actors:\`). min and max are hard
# limits; \`default\` is the value of an actor that gives none (give one when 0 is out of range).
indicators:
  gdp: { label: GDP, unit: US$ bn, min: 0, default: 10 }
  stability: { label: Domestic stability, min: 0, max: 100, default: 60 }

# --- World values belong to nobody; each starts at \`initial\`. A figure may carry its source:
# { value: 40, source: "Who published it", date: ${start} } (npm run scenario -- sources lists them).
world:
  tension: { label: Tension over the dispute, min: 0, max: 100, initial: 40 }

# --- Actors: the seats (playable: true) and the others. mapIds are ISO 3166-1 numeric codes of
# the countries each one covers on the map (here Argentina, Chile and Bolivia: put your own).
actors:
  ALPHA:
    name: Alphaland
    playable: true
    bloc: west
    mapIds: ["032"]
    briefing: SITUATION. You lead Alphaland. GOALS. Keep Gammaland on your side and tension low.
    indicators:
      gdp: { value: 640, source: "Replace with the real figure and who published it", date: "${Number(start.slice(0, 4)) - 1}" }
  BETA:
    name: Betaland
    playable: true
    bloc: east
    mapIds: ["152"]
    briefing: SITUATION. You lead Betaland. GOALS. Win Gammaland over and grow your economy.
    indicators:
      gdp: 330
  GAMMA:
    name: Gammaland
    mapIds: ["068"]
    indicators:
      gdp: 45
      stability: 50

# --- Starting relations (-100..100), trade (US$ bn a year) and shares of influence over an actor.
relations:
  - { between: [ALPHA, BETA], value: -20 }
  - { between: [ALPHA, GAMMA], value: 20 }
  - { between: [BETA, GAMMA], value: 20 }
trade:
  - { between: [ALPHA, BETA], value: 8 }
influence:
  - over: GAMMA
    shares: { ALPHA: 1, BETA: 1 }

# --- Dynamics run every turn after the moves: the world's own drift.
dynamics:
  - id: tension_fades
    label: Tension fades without new incidents
    effects:
      - { change: world.tension, times: 0.95, because: Time passes }

# --- Moves: what a seat may do. \`cost\` is paid from the budget; \`target\` (an actor, or none);
# \`requires\` is checked when the order is given; \`accept: target\` makes it a proposal. Bots
# value a move by what its effects do to their objectives (docs/scenario-authoring.md).
moves:
  court_gamma:
    name: Court Gammaland
    category: alignment
    description: Aid and envoys to win influence in Gammaland.
    cost: 1
    target: none
    effects:
      - influence: { over: GAMMA, by: self }
        by: 1
        because: Aid and envoys
    headline: "{self} courts Gammaland"
  trade_deal:
    name: Propose a trade deal
    category: trade
    description: If the target accepts, trade between you grows by a fifth.
    cost: 1
    accept: target
    effects:
      - { trade: [self, target], times: 1.2, because: Trade deal }
      - { relation: [self, target], by: 10, label: Signed a trade deal }
      - { change: world.tension, by: -3 }
    headline: "{self} and {target} sign a trade deal"
  protest:
    name: Protest loudly
    category: security
    description: Denounce the target; popular at home, it raises tension.
    cost: 1
    targets: target != self
    effects:
      - { relation: [self, target], by: -8, label: Denounced us }
      - { change: self.stability, by: 2, because: Rally round the flag }
      - { change: world.tension, by: 6 }
    headline: "{self} denounces {target}"

# --- Events fire on their own when \`trigger\` holds (with \`probability\`); \`affects\` chooses an option.
events:
  border_clash:
    title: Border clash
    text: Patrols exchange fire on the disputed border.
    trigger: world.tension > 60
    probability: 0.5
    effects:
      - { change: world.tension, by: 10 }
      - { change: GAMMA.stability, by: -5, because: Fear of war }

# --- Objectives score each seat at the end: a measure (a formula) at least or at most a level.
# Secret ones are shown only to their seat until the end.
objectives:
  ALPHA:
    - { label: Keep Gammaland close, measure: "influence(GAMMA, self)", atLeast: 0.5, points: 3 }
    - { label: Keep tension in check, measure: world.tension, atMost: 70, points: 2 }
  BETA:
    - { label: Win Gammaland over, measure: "influence(GAMMA, self)", atLeast: 0.5, points: 3 }
    - { label: Grow the economy, measure: self.gdp, atLeast: 335, points: 2, secret: true }

# --- History: what really happened, for the debrief.
history:
  - { date: ${start}, title: Replace me, text: "What actually happened, in a sentence or two.", source: "Who reported it" }
`;
}

/** Writes the scaffold; refuses to overwrite. Returns the path written, or an error. */
export function writeScaffold(name: string): { ok: true; file: string } | { ok: false; error: string } {
  if (!name) return { ok: false, error: "new needs a name, e.g. npm run scenario -- new baltic-2025" };
  const { file, id, title, start } = scaffoldTarget(name);
  if (existsSync(file)) return { ok: false, error: `${relative(process.cwd(), file)} exists already: choose another name` };
  const schema = relative(dirname(file), join(SCENARIO_ROOT, "schema.json")).split("\\").join("/");
  writeFileSync(file, scaffoldText(id, title, start, schema.startsWith(".") ? schema : `./${schema}`), { flag: "wx" });
  return { ok: true, file };
}
