// The scenario file format: the single source of truth. `npm run schema` turns it into
// scenarios/schema.json so editors can autocomplete and flag mistakes while the author types.
// Everything here is structure only; cross-references (unknown ids, bad expressions, cycles)
// are checked by validate.ts, which reports every problem with file, line and column.
import { z } from "zod";

/** An identifier: actors, indicators, moves, events, sectors. */
export const Id = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "an id starts with a letter and has only letters, digits and _")
  .describe("Identifier: letters, digits and _, starting with a letter");

/** A formula in the expression language (docs/scenario-authoring.md), or a plain number. */
export const Expr = z
  .union([z.number(), z.string().min(1)])
  .describe("A number or a formula, e.g. `0.5 * relation(self, target) - world.tension / 10`");

/** A chance or a share: a number from 0 to 1, or a formula (its result is kept in 0..1 when it runs). */
export const Fraction = z
  .union([z.number().min(0).max(1), z.string().min(1)])
  .describe("A number from 0 to 1 (0.4 for 40%), or a formula giving one, e.g. `0.2 + world.tension / 500`");

/** A condition in the expression language; a boolean literal is allowed. */
export const Condition = z
  .union([z.boolean(), z.string().min(1)])
  .describe("A condition, e.g. `treaty(self, target, \"defence\") and target.stability < 40`");

/**
 * A date as the author writes it: "2024-06", "19 June 2024", or a bare year. YAML reads an
 * unquoted 2023 as a number, so numbers are accepted and turned into text.
 */
export const DateText = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .describe("A date or a year, e.g. 2024-06-19, June 2024 or 2023");

/** A real figure with where it comes from, so a seminar can argue about it. */
export const Sourced = z.union([
  z.number(),
  z
    .object({
      value: z.number(),
      source: z.string().optional().describe("Who published the figure"),
      date: DateText.optional().describe("When the figure was true or published"),
      note: z.string().optional(),
    })
    .strict(),
]).describe("A number, or { value, source, date } so a seminar can check where a real figure comes from");

/**
 * Who an effect or reference is about: "self" (the actor making the move, or the actor an event
 * falls on), "target", "target2", "param.<name>" (a chosen parameter) or a literal actor id.
 */
export const ActorRef = z.string().min(1).describe('"self", "target", "target2", "param.<name>" or an actor id');

const Amount = {
  by: Expr.optional().describe("Add this amount"),
  times: Expr.optional().describe("Multiply by this factor (trade shocks are multiplicative)"),
  to: Expr.optional().describe("Set to this value"),
};

const because = z.string().optional().describe("Short cause shown in the 'why did this change' panel");

export const ChangeEffect = z
  .object({
    change: z.string().describe('Indicator to change: "<actor ref>.<indicator>" or "world.<global>"'),
    ...Amount,
    because,
  })
  .strict()
  .describe("Change an indicator: { change: self.stability, by: -5 } (or times:, to:)");

export const RelationEffect = z
  .object({
    relation: z.tuple([ActorRef, ActorRef]).describe("The pair whose relation changes"),
    by: Expr.describe("Size of the opinion modifier, on the -100..100 relation scale"),
    fades: z.number().min(0).max(1).default(0.8).describe("Each turn the modifier keeps this fraction of itself"),
    label: z.string().describe("What the modifier is, e.g. 'Rebuked over the Seoul summit'"),
  })
  .strict()
  .describe("Add a fading opinion modifier to a relation: { relation: [self, target], by: -10, label: ... }");

export const TradeEffect = z
  .object({ trade: z.tuple([ActorRef, ActorRef]).describe("The trading pair"), ...Amount, because })
  .strict()
  .describe("Change trade between two actors: { trade: [self, target], times: 0.8 }");

export const InfluenceEffect = z
  .object({
    influence: z.object({ over: ActorRef, by: ActorRef }).strict().describe("Whose leverage over whom"),
    ...Amount,
    because,
  })
  .strict()
  .describe("Change one actor's leverage over another: { influence: { over: PRK, by: self }, by: 1 }");

export const SanctionEffect = z
  .object({
    sanction: z.object({ by: ActorRef, on: ActorRef, sector: z.string() }).strict(),
    action: z.enum(["impose", "lift"]),
    enforcement: Fraction.optional().describe("0..1: how strictly it is enforced (default 1)"),
    un: z.boolean().optional().describe("A UN Security Council sanction rather than a unilateral one"),
  })
  .strict()
  .describe("Impose or lift a sanction: { sanction: { by: self, on: target, sector: finance }, action: impose }");

export const EnforceEffect = z
  .object({
    enforce: z
      .object({ by: ActorRef, on: ActorRef, sector: z.string() })
      .strict()
      .describe("Change how strictly `by` enforces the sanction on `on` in `sector`"),
    by: Expr,
  })
  .strict()
  .describe("Tighten (by > 0) or loosen (by < 0) how strictly a sanction is enforced");

export const TreatyEffect = z
  .object({
    treaty: z
      .object({ kind: Id, parties: z.array(ActorRef).min(2), name: z.string().optional() })
      .strict(),
    action: z.enum(["sign", "end"]),
  })
  .strict()
  .describe("Sign or end a treaty: { treaty: { kind: defence, parties: [self, target] }, action: sign }");

export const MandateEffect = z
  .object({ mandate: Id.describe("A Security Council mandate, e.g. the sanctions panel"), active: z.boolean() })
  .strict()
  .describe("Switch a Security Council mandate on or off: { mandate: panel, active: false }");

export const NewsEffect = z
  .object({ news: z.string().describe("Headline template; {self}, {target}, {param.x} are filled in") })
  .strict()
  .describe("Publish a headline: { news: '{self} walks out of the talks' }");

export type Effect =
  | { forEach: "actors" | "seats" | "council"; where?: string | boolean; effects: Effect[] }
  | z.infer<typeof ChangeEffect>
  | z.infer<typeof RelationEffect>
  | z.infer<typeof TradeEffect>
  | z.infer<typeof InfluenceEffect>
  | z.infer<typeof SanctionEffect>
  | z.infer<typeof EnforceEffect>
  | z.infer<typeof TreatyEffect>
  | z.infer<typeof MandateEffect>
  | z.infer<typeof NewsEffect>
  | { if: string | boolean; then: Effect[]; else?: Effect[] }
  | { chance: string | number; then: Effect[]; else?: Effect[] };

export const Effect: z.ZodType<Effect> = z.lazy(() =>
  z.union([
    ChangeEffect,
    RelationEffect,
    TradeEffect,
    InfluenceEffect,
    SanctionEffect,
    EnforceEffect,
    TreatyEffect,
    MandateEffect,
    NewsEffect,
    z
      .object({ if: Condition, then: z.array(Effect), else: z.array(Effect).optional() })
      .strict()
      .describe("Effects that only happen when a condition holds: { if: ..., then: [...], else: [...] }"),
    z
      .object({
        forEach: z.enum(["actors", "seats", "council"]).describe("Repeat for every actor, every playable seat, or every council member"),
        where: Condition.optional().describe("Only for those where this holds; `other` is the actor in turn, e.g. bloc(other) == 'west'"),
        effects: z.array(Effect).describe("Effects run once per matching actor, with `other` bound to it"),
      })
      .strict()
      .describe("Third parties react: { forEach: actors, where: \"bloc(other) == 'west'\", effects: [{ relation: [other, self], by: -3, label: ... }] }"),
    z
      .object({
        chance: Fraction.describe("Probability 0..1, drawn from the game's seeded random stream"),
        then: z.array(Effect),
        else: z.array(Effect).optional(),
      })
      .strict()
      .describe("Effects that happen with a probability: { chance: 0.3, then: [...], else: [...] }"),
  ]).describe("One effect: change, relation, trade, influence, sanction, enforce, treaty, mandate, news, if, forEach or chance"),
);

export const Requirement = z
  .object({
    when: Condition,
    otherwise: z.string().describe("Why the move is unavailable, shown to the player"),
  })
  .strict();

export const Param = z
  .object({
    label: z.string(),
    choices: z.array(z.union([z.string(), z.number()])).min(1),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        "How each choice reads inside a headline, e.g. { mutual_assistance: 'mutual-assistance' }; menus capitalise it. Choices without one read as their id in plain words",
      ),
  })
  .strict();

export const MoveCategory = z.enum(["trade", "sanctions", "alignment", "security", "council"]);

export const Move = z
  .object({
    name: z.string(),
    category: MoveCategory,
    description: z.string(),
    actors: z.union([z.literal("all"), z.array(Id)]).default("all").describe("Which actors may use it"),
    cost: z.number().int().min(0).describe("Political capital spent from the per-turn budget"),
    target: z
      .enum(["none", "actor", "pair"])
      .default("actor")
      .describe("none; one other actor (target); or two (target, target2), e.g. mediation"),
    targets: Condition.optional().describe("Which actors are valid targets (self, target bound)"),
    targetsOtherwise: z
      .string()
      .optional()
      .describe("Why an actor the targets condition rules out is not a valid target, shown to the player beside it, e.g. 'Only a partner you have raised tariffs on.'"),
    params: z.record(Id, Param).optional(),
    requires: z.array(Requirement).default([]),
    accept: z
      .enum(["none", "target", "council"])
      .default("none")
      .describe("none: happens on resolution; target: a proposal the target accepts or rejects; council: a Security Council draft every member votes on"),
    visibility: z.enum(["public", "covert"]).default("public"),
    discovery: Fraction.optional().describe("Covert moves: chance each turn (0..1) that it becomes public"),
    effects: z.array(Effect).default([]),
    onReject: z.array(Effect).optional().describe("Proposals: effects when the target rejects"),
    offer: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Proposals: what is proposed, as the words after the proposer's name, e.g. 'request for weapons' reads 'Beijing turns down Moscow's request for weapons'. Default: 'offer of a trade deal' for a name 'Propose a trade deal', otherwise 'proposal “<name>”'",
      ),
    onFail: z.array(Effect).optional().describe("Council drafts: effects when the draft fails"),
    onDiscovered: z.array(Effect).optional().describe("Covert moves: effects when exposed"),
    exposed: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Covert moves: what came to light, as the words after the actor's name ({target}, {param.<name>} allowed), e.g. 'covert sales of dual-use goods to Russia' reads 'Beijing's covert sales of dual-use goods to Russia came to light'. Default: 'covert operation “<name>”', plus 'aimed at <target>'",
      ),
    onVote: z
      .object({
        yes: z.array(Effect).optional(),
        no: z.array(Effect).optional(),
        abstain: z.array(Effect).optional(),
        veto: z.array(Effect).optional().describe("A permanent member's no on a draft that had the votes"),
      })
      .strict()
      .optional()
      .describe("Council drafts: effects for each member by how it voted (self = the member, target = the draft's author), after the outcome's effects"),
    support: Expr.optional().describe(
      "Council drafts: how much a voting member (self) supports it; > 0.25 yes, < -0.25 no, otherwise abstain",
    ),
    headline: z.string().optional().describe("News headline template, e.g. '{self} and {target} sign trade deal'"),
  })
  .strict();

export const EventOption = z
  .object({
    label: z.string(),
    description: z.string().optional(),
    effects: z.array(Effect).default([]),
  })
  .strict();

export const GameEvent = z
  .object({
    title: z.string(),
    text: z.string().describe("Briefing shown when the event fires; {self} is filled in"),
    trigger: Condition.default(true).describe("Checked after every turn's resolution"),
    probability: Fraction.default(1).describe("Chance (0..1) that it fires in a turn when the trigger holds"),
    affects: ActorRef.optional().describe("The actor (self) that chooses an option; omit for world events"),
    once: z.boolean().default(true),
    cooldown: z.number().int().min(0).default(0),
    effects: z.array(Effect).default([]).describe("Applied when it fires, before any option"),
    options: z.record(Id, EventOption).optional(),
    default: Id.optional().describe("Option taken when nobody answers before the next resolution"),
    injectOnly: z.boolean().default(false).describe("Only a facilitator can fire it"),
    opening: z.boolean().default(false).describe("Also checked as the game begins, so it can fire before the first month's orders and its choice be made in the first month"),
  })
  .strict();

export const Objective = z
  .object({
    label: z.string(),
    description: z.string().optional(),
    secret: z.boolean().default(false),
    measure: Expr.describe("What is measured, with self bound to the actor"),
    atLeast: z.number().optional().describe("Met when the measure is at least this"),
    atMost: z.number().optional().describe("Met when the measure is at most this"),
    slack: z
      .number()
      .positive()
      .optional()
      .describe(
        "For an objective already met at the start: how far the measure may slip past the threshold before it earns nothing (partial credit in between). Default: the larger of the start's margin and 10% of the threshold",
      ),
    points: z.number().positive(),
  })
  .strict();

export const Doctrine = z
  .object({
    prefer: z
      .record(z.string(), z.number())
      .default({})
      .describe("Bonus (in objective points, negative to avoid) each time a bot uses a move of this category or this move id, or takes an event option (<event>.<option>), e.g. { trade: 0.3, security: -0.5, worker_dispute.stall: 0.5 }"),
    never: z.array(Id).default([]).describe("Red lines: moves a bot of this actor never orders, proposes or accepts"),
    allies: z.array(Id).default([]).describe("Actors whose council drafts and deals the bot leans towards"),
    loyalty: z.number().min(0).default(1).describe("How much (in objective points) voting with or dealing with an ally is worth"),
    wellbeing: z
      .record(Id, z.number())
      .optional()
      .describe("Points a bot gives a full-range rise in its own indicators, so it never idles; default { stability: 2, gdp: 2 }"),
    note: z.string().optional().describe("Why: the doctrine in words, shown in the scenario guide"),
  })
  .strict()
  .describe("How a government plays when a bot holds its seat: preferences and red lines");

export const Indicator = z
  .object({
    label: z.string(),
    description: z.string().optional(),
    unit: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    default: z.number().default(0),
  })
  .strict();

/** An actor indicator: like a world value, and optionally held only by some actors. */
export const ActorIndicator = Indicator.extend({
  actors: z
    .array(Id)
    .min(1)
    .optional()
    .describe("Only these actors have it (e.g. [HTH] for the Houthi arsenal): the others' panels and charts leave it out. Default: every actor"),
  reference: z
    .boolean()
    .default(false)
    .describe("A fixed figure the formulas compare with (a starting level, a trend): players' country panels and charts leave it out; exports keep it"),
}).strict();

export const Actor = z
  .object({
    name: z.string(),
    short: z.string().optional().describe("Name used in headlines, e.g. 'Beijing' for China"),
    demonym: z.string().optional().describe("Adjective for its people and officials in the news, e.g. 'Chinese'"),
    playable: z.boolean().default(false),
    bloc: z.string().optional().describe("Bloc shown on the map, e.g. 'west', 'east', 'nonaligned'"),
    mapIds: z
      .array(z.string())
      .default([])
      .describe("ISO 3166-1 numeric codes of the countries it covers on the map, e.g. '156' for China"),
    briefing: z.string().optional(),
    indicators: z.record(Id, Sourced).default({}),
  })
  .strict();

const Pair = z.tuple([Id, Id]);

const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).describe("[longitude, latitude] in degrees");

/** How the board frames the scenario's region; every field is optional with a default from the seats' geometry. */
export const MapSection = z
  .object({
    centre: LonLat.optional().describe("Centre of the projection, e.g. [127, 38]; default: the middle of the theatre"),
    bounds: z
      .tuple([LonLat, LonLat])
      .optional()
      .describe("The theatre the default view frames: [[west, south], [east, north]]; default: the seats that lie close together"),
    insets: z
      .array(Id)
      .optional()
      .describe("Actors drawn as edge markers rather than framed, e.g. distant powers; default: every actor outside the theatre"),
  })
  .strict()
  .describe("Map framing: the region the default view shows and which distant actors appear as markers at its edge");

/** The scenario format this code reads; older files are migrated on load (shared/scenario/migrate.ts). */
export const FORMAT_VERSION = 1;

/** One role on a country's team (seminars): what its holder may draft, approve and say. */
export const Role = z
  .object({
    label: z.string().describe("What people see, e.g. 'Trade minister'"),
    description: z.string().optional(),
    moves: z
      .union([z.literal("all"), z.array(z.string())])
      .default("all")
      .describe("Move categories (trade, sanctions, alignment, security, council) or move ids this role may draft; 'all' for every move"),
    approves: z.boolean().default(false).describe("Locks in (approves) the team's final orders; when a team has an approving role, only it may lock in"),
    speaks: z.boolean().default(false).describe("Speaks for the team: proposals, answers, votes and messages to other seats; when a team has a speaking role, only it may"),
    seats: z.union([z.literal("all"), z.array(Id)]).default("all").describe("The seats that have this role"),
  })
  .strict();
export type Role = z.output<typeof Role>;

export const Scenario = z
  .object({
    $schema: z.string().optional(),
    version: z
      .number()
      .int()
      .min(1)
      .max(FORMAT_VERSION)
      .default(FORMAT_VERSION)
      .describe("The scenario format's version (default 1); older files are migrated when they load"),
    id: Id,
    title: z.string(),
    summary: z.string(),
    start: z.string().regex(/^\d{4}-\d{2}$/, "start is YYYY-MM"),
    turns: z
      .object({
        count: z.number().int().min(1).max(200),
        length: z.enum(["week", "month", "quarter"]).default("month"),
        budget: z.number().int().min(1).describe("Political capital each seat gets every turn"),
      })
      .strict(),
    sectors: z.array(Id).min(1).describe("Sanction and trade sectors, e.g. finance, energy, labour"),
    indicators: z.record(Id, ActorIndicator).describe("Indicators of the actors (every actor, or those listed in its `actors`)"),
    world: z
      .record(Id, Indicator.extend({ initial: Sourced }))
      .default({})
      .describe("Global indicators, e.g. regional tension"),
    derived: z
      .record(Id, z.object({ label: z.string(), formula: Expr }).strict())
      .default({})
      .describe("Computed values usable in formulas as derived.<id>; may refer to each other, never in a cycle"),
    actors: z.record(Id, Actor),
    map: MapSection.optional(),
    relations: z
      .array(z.object({ between: Pair, value: Sourced }).strict())
      .default([])
      .describe("Starting relations, -100..100; pairs not listed start at 0"),
    trade: z
      .array(z.object({ between: Pair, value: Sourced }).strict())
      .default([])
      .describe("Yearly goods trade in US$ bn"),
    influence: z
      .array(
        z
          .object({
            over: Id,
            shares: z.record(Id, z.number().min(0)),
            source: z.string().optional(),
            date: DateText.optional(),
          })
          .strict(),
      )
      .default([])
      .describe("Leverage over an actor, as weights; an actor's share is its weight over the sum"),
    sanctions: z
      .array(
        z
          .object({
            by: Id,
            on: Id,
            sector: Id,
            enforcement: z.number().min(0).max(1).default(1),
            un: z.boolean().default(false),
            source: z.string().optional(),
            date: DateText.optional(),
          })
          .strict(),
      )
      .default([]),
    treaties: z
      .array(
        z
          .object({
            kind: Id,
            name: z.string(),
            parties: z.array(Id).min(2),
            since: DateText.optional(),
            source: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    council: z
      .object({
        permanent: z.array(Id).describe("Members with a veto"),
        elected: z.array(Id),
        votesNeeded: z.number().int().min(1).default(9),
        mandates: z
          .record(Id, z.object({ label: z.string(), active: z.boolean() }).strict())
          .default({}),
      })
      .strict()
      .optional(),
    dynamics: z
      .array(
        z
          .object({
            id: Id,
            label: z.string(),
            each: z.enum(["world", "actor", "sanction", "pair"]).default("world").describe(
              "Run once, once per actor (self), once per sanction in force (self=by, target=on, param.sector), or once per trading pair (self, target)",
            ),
            when: Condition.default(true),
            effects: z.array(Effect),
          })
          .strict(),
      )
      .default([])
      .describe("Rules applied at the end of every turn, in this order (sanction costs, drift, inertia)"),
    moves: z.record(Id, Move),
    events: z.record(Id, GameEvent).default({}),
    objectives: z.record(Id, z.array(Objective)).describe("Per actor id: what that seat is scored on"),
    doctrine: z.record(Id, Doctrine).default({}).describe("Per actor id: how its bots play (optional)"),
    roles: z
      .record(Id, Role)
      .optional()
      .describe("Team roles for seminars, in the order people fill them (the first person on a team gets the first role); default: one role that may do everything"),
    history: z
      .array(z.object({ date: DateText, title: z.string(), text: z.string(), source: z.string().optional() }).strict())
      .default([])
      .describe("What actually happened, for a seminar debrief to compare against"),
    claims: z
      .array(
        z
          .object({
            id: Id,
            claim: z.string().describe("The causal claim, as the source makes it"),
            source: z.string().optional(),
            arms: z
              .tuple([z.string(), z.string()])
              .describe("Two experiment arms on the same seeds, e.g. 'no arms: exclude munitions_shipment' then 'arms: force PRK munitions_shipment'"),
            expect: z
              .array(z.object({ key: z.string().describe("A recorded number, e.g. influence:PRK:CHN or score:CHN"), change: z.enum(["up", "down"]) }).strict())
              .min(1)
              .describe("How each number must move from the first arm to the second, beyond noise"),
          })
          .strict(),
      )
      .default([])
      .describe("The scenario's causal claims as experiments: the fidelity suite checks each one over bot games"),
    observations: z
      .array(
        z
          .object({
            date: z.string().regex(/^\d{4}-\d{2}$/, "a month, YYYY-MM").describe("The month the figure describes: compared with the game after that month's turn"),
            label: z.string(),
            measure: Expr.describe("What the game measures, e.g. trade(CHN, KOR)"),
            value: z.number().describe("What it really was"),
            source: z.string().optional(),
            note: z.string().optional(),
          })
          .strict(),
      )
      .default([])
      .describe("Real figures at dated points of the game: the history backtest compares bot games with them"),
  })
  .strict();

export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;
export type Move = z.output<typeof Move>;
export type GameEventDef = z.output<typeof GameEvent>;
export type Objective = z.output<typeof Objective>;
export type Doctrine = z.output<typeof Doctrine>;
export type MapSection = z.output<typeof MapSection>;
export type SourcedValue = z.output<typeof Sourced>;

/** The number inside a sourced figure. */
export const sourcedValue = (v: SourcedValue): number => (typeof v === "number" ? v : v.value);
