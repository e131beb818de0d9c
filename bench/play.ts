// How a bench bot plays a turn, shared by bench:load and bench:memory.
import type { ColyseusSession } from "../client/src/net/colyseus-session.ts";
import { moveOptions, type Rules } from "../shared/engine/index.ts";
import type { Order } from "../shared/engine/types.ts";

/** What a seat does in a turn: legal orders from its own view, a proposal, a chat line, then lock. */
export function playTurn(rules: Rules, s: ColyseusSession, seat: string): void {
  const view = s.snapshot().view;
  const opts = moveOptions(rules, view, seat);
  const orders: Order[] = [];
  let proposal: Order | undefined;
  for (const o of opts) {
    if (!o.available || o.covert) continue;
    const target = o.targets.find((t) => t.legal && !t.paramSets && !t.seconds);
    const order = target ? { move: o.move, target: target.id } : o.targets.length === 0 && !o.paramSets ? { move: o.move } : undefined;
    if (!order) continue;
    if (o.accept === "target" && !proposal) proposal = order;
    else if (o.accept === "none" && orders.length < 2) orders.push(order);
  }
  if (orders.length) s.submitOrders(orders);
  if (proposal) s.propose(proposal);
  s.chat("public", `${seat}: turn ${view.turn}, we hold our course.`);
  setTimeout(() => s.lock(true), 100);
}
