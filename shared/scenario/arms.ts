// The text form of an experiment's arm (a lever pulled or not), checked against a scenario:
//
//   "arms: force PRK munitions_shipment; force RUS military_technology"
//   "no arms: exclude munitions_shipment; exclude military_technology"
//   "abstain: vote CHN un_new_sanctions abstain"
//   "arm Moscow: force RUS arms_request CHN; accept CHN arms_request"
//
// Statements: `force SEAT MOVE [TARGET [TARGET2]] [param=value ...]` (ordered or proposed every
// turn it is legal), `exclude MOVE` (no bot uses it), `vote SEAT DRAFT yes|no|abstain`,
// `accept SEAT MOVE` (the seat accepts every such deal).
import type { BotPolicy, Order, Result, Vote } from "../engine/types.ts";
import type { Scenario } from "./schema.ts";

export interface Arm {
  name: string;
  /** The statements as written, for the report. */
  text: string;
  policy: BotPolicy;
}

/** Parses an arm ("name: statement; statement"), checking every id against the scenario. */
export function parseArm(s: Scenario, text: string): Result<Arm, string> {
  const colon = text.indexOf(":");
  const name = (colon >= 0 ? text.slice(0, colon) : text).trim();
  const body = colon >= 0 ? text.slice(colon + 1) : "";
  if (!name) return { ok: false, error: `an arm needs a name before ":" (got "${text}")` };
  const policy: BotPolicy = {};
  const fail = (msg: string): Result<Arm, string> => ({ ok: false, error: `arm "${name}": ${msg}` });
  const seat = (id: string | undefined) => id !== undefined && s.actors[id]?.playable === true;
  for (const raw of body.split(";")) {
    const words = raw.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [verb, ...args] = words;
    if (verb === "exclude") {
      for (const m of args) if (!s.moves[m]) return fail(`unknown move "${m}"`);
      policy.exclude = [...(policy.exclude ?? []), ...args];
    } else if (verb === "force") {
      const [who, move, ...rest] = args;
      if (!seat(who)) return fail(`"${who ?? ""}" is not a seat`);
      const m = move !== undefined ? s.moves[move] : undefined;
      if (!m || move === undefined) return fail(`unknown move "${move ?? ""}"`);
      const order: Order = { move };
      const targets = rest.filter((w) => !w.includes("="));
      const params = rest.filter((w) => w.includes("="));
      if (targets[0] !== undefined) order.target = targets[0];
      if (targets[1] !== undefined) order.target2 = targets[1];
      for (const t of targets) if (!s.actors[t]) return fail(`unknown actor "${t}"`);
      for (const p of params) {
        const [k = "", v = ""] = p.split("=");
        const def = m.params?.[k];
        if (!def) return fail(`${move} has no parameter "${k}"`);
        const choice = def.choices.find((c) => String(c) === v);
        if (choice === undefined) return fail(`"${v}" is not a choice of ${move}.${k} (${def.choices.join(", ")})`);
        order.params = { ...order.params, [k]: choice };
      }
      policy.force = { ...policy.force, [who!]: [...(policy.force?.[who!] ?? []), order] };
    } else if (verb === "vote") {
      const [who, move, vote] = args;
      if (!seat(who)) return fail(`"${who ?? ""}" is not a seat`);
      if (!move || s.moves[move]?.accept !== "council") return fail(`"${move ?? ""}" is not a council draft`);
      if (vote !== "yes" && vote !== "no" && vote !== "abstain") return fail(`a vote is yes, no or abstain (got "${vote ?? ""}")`);
      policy.votes = { ...policy.votes, [who!]: { ...policy.votes?.[who!], [move]: vote as Vote } };
    } else if (verb === "accept") {
      const [who, move] = args;
      if (!seat(who)) return fail(`"${who ?? ""}" is not a seat`);
      if (!move || s.moves[move]?.accept !== "target") return fail(`"${move ?? ""}" is not a deal (accept: target)`);
      policy.accept = { ...policy.accept, [who!]: [...(policy.accept?.[who!] ?? []), move] };
    } else return fail(`unknown statement "${verb}": use force, exclude, vote or accept`);
  }
  return { ok: true, value: { name, text: body.trim(), policy } };
}

