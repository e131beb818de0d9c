// Two scripted players against a running Faultline server: creates a game (bots on the empty
// seats), claims two seats, and plays every turn to the end with simple legal orders.
//   npm start                                   (in one terminal)
//   node --import tsx scripts/play-two-clients.ts [http://localhost:2567] [CHN] [RUS]
import "../server/node20-polyfill.ts";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../client/src/net/colyseus-session.ts";
import { compileRules, moveOptions } from "../shared/engine/index.ts";
import type { Order } from "../shared/engine/index.ts";
import { turnDate } from "../shared/engine/index.ts";

const url = process.argv[2] ?? process.env.FAULTLINE_URL ?? `http://localhost:${process.env.PORT ?? 2567}`;
const seats = [process.argv[3] ?? "CHN", process.argv[4] ?? "RUS"] as const;

/** The first legal, affordable order that needs nobody's consent. */
function pickOrders(p: ColyseusSession): Order[] {
  const seat = p.credential.seat!;
  const view = p.snapshot().view;
  const left = (view.budget?.total ?? 0) - (view.budget?.spent ?? 0);
  for (const o of moveOptions(compileRules(p.scenario), view, seat)) {
    if (!o.available || o.accept !== "none" || o.cost > left) continue;
    const target = o.targets.find((t) => t.legal)?.id;
    if (o.targets.length > 0 && !target) continue;
    const params = Object.fromEntries(Object.entries(o.params).map(([k, v]) => [k, v.choices[0]!]));
    return [{ move: o.move, ...(target ? { target } : {}), ...(Object.keys(params).length ? { params } : {}) }];
  }
  return [];
}

async function untilTurn(p: ColyseusSession, turn: number): Promise<void> {
  while (p.snapshot().view.turn < turn && p.snapshot().status !== "over") await new Promise((r) => setTimeout(r, 25));
}

const server = new ColyseusGameServer(url);
const facilitator = await server.createGame({ name: "Scripted two-player game", turnMinutes: 0, missingSeats: "bot" });
const gameId = facilitator.credential.gameId;
console.log(`game ${gameId} on ${url}`);
const players = [await server.join(gameId, { seat: seats[0], name: "Script A" }), await server.join(gameId, { seat: seats[1], name: "Script B" })];
for (const p of players) p.onError((e) => console.error(`${p.credential.seat}: ${e.code} ${e.message}`));
const turns = players[0]!.scenario.turns.count;
const started = Date.now();

for (let turn = 1; turn <= turns; turn++) {
  for (const p of players) await untilTurn(p, turn);
  const line: string[] = [];
  for (const p of players) {
    const orders = pickOrders(p);
    if (orders.length) {
      const r = await p.request({ type: "orders", turn, orders });
      if (!r.ok) throw new Error(`${p.credential.seat} orders refused: ${r.error.code}`);
    }
    const r = await p.request({ type: "lock", turn, locked: true });
    if (!r.ok) throw new Error(`${p.credential.seat} lock refused: ${r.error.code}`);
    line.push(`${p.credential.seat} ${orders.map((o) => `${o.move}${o.target ? `→${o.target}` : ""}`).join(", ") || "(holds)"}`);
  }
  const { start, turns: { length } } = players[0]!.scenario;
  console.log(`turn ${String(turn).padStart(2)} (${turnDate(start, length, turn)}): ${line.join(" | ")}`);
}

while (players[0]!.snapshot().status !== "over") await new Promise((r) => setTimeout(r, 25));
const final = players[0]!.snapshot().view;
console.log(`game over after ${turns} turns in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const [seat, card] of Object.entries(final.scores)) console.log(`  ${seat.padEnd(4)} ${card.total.toFixed(1)} / ${card.max}`);
for (const p of [...players, facilitator]) await p.leave();
process.exit(0);
