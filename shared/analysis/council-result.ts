// How a Security Council vote reads, in one place: the projector's council card and the debrief's
// turning points used to word it each their own way ("China abstain, France yes, Russia no, …"
// in the debrief, with no outcome at all).
import { capitalise, fullName } from "../engine/index.ts";
import type { Scenario } from "../scenario/schema.ts";

/** A resolved draft's outcome as the screen says it. */
export const OUTCOME_WORDS: Readonly<Record<string, string>> = { passed: "Adopted", vetoed: "Vetoed", failed: "Failed" };

export interface VoteGroup {
  vote: "yes" | "no" | "abstain";
  names: string[];
}

const VOTES = ["yes", "no", "abstain"] as const;

/** Members by vote, in the council's order within each: yes, no, abstain (empty groups left out). */
export function voteGroups(scenario: Scenario, votes: Readonly<Record<string, string>>): VoteGroup[] {
  return VOTES.map((vote) => ({ vote, names: Object.entries(votes).filter(([, v]) => v === vote).map(([a]) => fullName(scenario, a)) })).filter((g) => g.names.length > 0);
}

/** The permanent members whose "no" vetoed a draft (none unless it was vetoed). */
export function vetoedBy(scenario: Scenario, votes: Readonly<Record<string, string>>, outcome: string | undefined): string[] {
  if (outcome !== "vetoed") return [];
  const permanent = new Set(scenario.council?.permanent ?? []);
  return Object.entries(votes)
    .filter(([a, v]) => v === "no" && permanent.has(a))
    .map(([a]) => fullName(scenario, a));
}

/** "13 yes · 1 no · 1 abstain". */
export function voteCount(votes: Readonly<Record<string, string>>): string {
  const n = (v: string) => Object.values(votes).filter((x) => x === v).length;
  return VOTES.map((v) => `${n(v)} ${v}`).join(" · ");
}

/** "Vetoed (veto: Russia) · 13 yes · 1 no · 1 abstain. Yes: France, …; no: Russia; abstain: China." */
export function councilResult(scenario: Scenario, votes: Readonly<Record<string, string>>, outcome: string | undefined): string {
  const vetoes = vetoedBy(scenario, votes, outcome);
  const word = OUTCOME_WORDS[outcome ?? ""] ?? outcome ?? "";
  const head = [word + (vetoes.length > 0 ? ` (veto: ${vetoes.join(", ")})` : ""), voteCount(votes)].filter(Boolean).join(" · ");
  const groups = voteGroups(scenario, votes).map((g, i) => `${i === 0 ? capitalise(g.vote) : g.vote}: ${g.names.join(", ")}`);
  return groups.length > 0 ? `${head}. ${groups.join("; ")}.` : `${head}.`;
}
