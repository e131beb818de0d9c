// The names a scenario formula may use. The engine implements them (engine/env.ts); the
// validator checks formulas against this list, so both agree on one vocabulary.

/**
 * Context names bound to an actor id, depending on where the formula is. `other` is bound only
 * inside a forEach effect, to each actor in turn.
 */
export const ACTOR_BINDINGS = ["self", "target", "target2", "other"] as const;

/**
 * Dotted references:
 *   <actor>.<indicator>   self.stability, target.gdp, PRK.weapons  (actor = binding or actor id)
 *   world.<global>        world.tension
 *   derived.<id>          derived.china_leverage
 *   param.<name>          param.sector (a move's chosen parameter)
 * Bare names: self, target, target2, other (actor ids), turn (1-based), turns (count), progress (turn/turns).
 */
export const BARE_NAMES = ["self", "target", "target2", "other", "turn", "turns", "progress"] as const;

/** Domain functions: name -> [min args, max args, what it returns]. Actor arguments are actor ids. */
export const DOMAIN_FUNCTIONS: Record<string, { arity: [number, number]; doc: string }> = {
  relation: { arity: [2, 2], doc: "relation(a, b): -100..100, base plus opinion modifiers" },
  trade: { arity: [2, 2], doc: "trade(a, b): yearly goods trade between a and b, US$ bn" },
  tradeTotal: { arity: [1, 1], doc: "tradeTotal(a): a's total trade with every partner, US$ bn" },
  influence: { arity: [2, 2], doc: "influence(over, by): by's share (0..1) of all leverage over `over`" },
  sanctioned: {
    arity: [2, 3],
    doc: "sanctioned(by, on, sector?): enforcement 0..1 of by's sanction on `on` (in sector, or the strongest)",
  },
  sanctionsOn: { arity: [1, 1], doc: "sanctionsOn(a): sum of enforcement of every sanction in force on a" },
  treaty: { arity: [2, 3], doc: "treaty(a, b, kind?): true if a and b are parties to a treaty (of that kind)" },
  mandate: { arity: [1, 1], doc: 'mandate("panel"): true while the council mandate is active' },
  moved: { arity: [2, 2], doc: 'moved(a, "move"): true if a carried out that move in the turn just resolved' },
  monthsSince: {
    arity: [2, 2],
    doc: 'monthsSince(a, "move"): how many months ago a last carried out that move (1 if in the turn just resolved, 1000 if never); in requires, it spaces a move out: monthsSince(self, "summit") >= 6',
  },
  doneThisTurn: {
    arity: [2, 2],
    doc: 'doneThisTurn(a, "move"): true once a has carried out that move earlier in the turn now resolving (always false while orders are given); in requires, it allows one of a kind a month: the second lapses',
  },
  voted: {
    arity: [2, 3],
    doc: 'voted(a, "move", "veto"?): how member a voted on that council draft in the turn just resolved ("yes", "no", "abstain", "veto", or "" if it did not vote); with a third argument, true if a voted that way',
  },
  bloc: { arity: [1, 1], doc: 'bloc(a): the bloc an actor belongs to (its `bloc` field, e.g. "west"), or "" if none' },
  fired: { arity: [1, 1], doc: 'fired("event"): how many times the event has fired' },
  isSeat: { arity: [1, 1], doc: "isSeat(a): true if a is a playable seat" },
  onCouncil: { arity: [1, 1], doc: "onCouncil(a): true if a sits on the Security Council" },
  permanent: { arity: [1, 1], doc: "permanent(a): true if a is a permanent (veto) member" },
};

/** Effect targets: "<actor>.<indicator>" or "world.<global>". */
export const EFFECT_PATH = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)$/;
