// One voice for every headline: for every seat, move, legal target and parameter choice at turn 1
// of the first scenario, the headline the orders panel previews is word for word the headline the
// news shows once the turn resolves (through the report codec, as a browser receives it).
import { describe, expect, it } from "vitest";
import { answerProposal, moveOptions, propose, publicScenario, resolveTurn, seatsOf, submitOrders, viewFor } from "../../shared/engine/api.ts";
import type { MoveOption, Order, ParamValue } from "../../shared/engine/types.ts";
import { packReport, unpackReport } from "../../shared/report-codec.ts";
import { previewOrder } from "../../client/src/orders/order-builder.ts";
import { writeNews } from "../../client/src/news/write-news.ts";
import { freshGame } from "./fixtures.ts";

/** Every combination of parameter choices of a move. */
function paramChoices(o: MoveOption): Record<string, ParamValue>[] {
  let out: Record<string, ParamValue>[] = [{}];
  for (const [name, spec] of Object.entries(o.params)) out = out.flatMap((p) => spec.choices.map((c) => ({ ...p, [name]: c })));
  return out;
}

describe("order preview and resolved news", () => {
  it("write the same headline for every move at turn 1 of pyongyang-2024", { timeout: 300_000 }, () => {
    const { scenario, rules, state } = freshGame();
    let checked = 0;
    const mismatches: string[] = [];
    for (const seat of seatsOf(rules)) {
      const view = viewFor(rules, state, seat);
      const client = publicScenario(rules, seat);
      for (const o of moveOptions(rules, view, seat)) {
        if (!o.available) continue;
        const pair = scenario.moves[o.move]?.target === "pair";
        const legal = o.targets.filter((t) => t.legal).map((t) => t.id);
        const targets: { target?: string; target2?: string }[] =
          o.targets.length === 0 ? [{}] : pair ? legal.flatMap((a) => legal.filter((b) => b !== a).slice(0, 3).map((b) => ({ target: a, target2: b }))) : legal.map((t) => ({ target: t }));
        for (const t of targets) {
          for (const params of paramChoices(o)) {
            const order: Order = { move: o.move, ...t, ...(Object.keys(params).length > 0 ? { params } : {}) };
            let st = state;
            if (o.accept === "none") {
              const r = submitOrders(rules, st, seat, [order]);
              if (!r.ok) continue; // legal per target but refused for this parameter choice
              st = r.value;
            } else {
              const r = propose(rules, st, seat, order);
              if (!r.ok) continue;
              st = r.value.state;
              if (o.accept === "target" && order.target) {
                const a = answerProposal(rules, st, order.target, r.value.proposal.id, "accept");
                if (a.ok) st = a.value;
              }
            }
            const preview = previewOrder(client, seat, order).headline;
            const { report } = resolveTurn(rules, st);
            const received = unpackReport(client, JSON.parse(JSON.stringify(packReport(client, report))) as ReturnType<typeof packReport>);
            const index = received.entries.findIndex((e) => e.id === o.move && e.actor === seat && e.kind !== "discovery");
            if (index < 0) {
              mismatches.push(`${seat} ${o.move} ${JSON.stringify(t)} ${JSON.stringify(params)}: no news entry`);
              continue;
            }
            const news = writeNews(client, received).find((s) => s.id.endsWith(`:${index}:${o.move}`));
            if (news?.headline !== preview) mismatches.push(`${seat} ${o.move} ${JSON.stringify(t)} ${JSON.stringify(params)}: preview "${preview}" vs news "${news?.headline}"`);
            checked++;
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });
});
