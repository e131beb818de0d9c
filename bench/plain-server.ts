// A plain Colyseus room server for bench/load.bench.ts, in its own process like Faultline's: six
// clients send a few messages per turn (an "order", a "chat" relayed to the room) and lock; when
// all six locked, `changes` state fields change and a report of `reportBytes` goes to everyone.
// PORT, PLAIN_CHANGES, PLAIN_REPORT_BYTES from the environment.
import "../server/node20-polyfill.ts";
import { defineRoom, defineServer, Room, type Client } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";

const PlainState = schema({ turn: t.uint16(), resolvedAt: t.float64(), values: t.map("float64") }, "PlainState");
type PlainState = SchemaType<typeof PlainState>;
const CHANGES = Number(process.env["PLAIN_CHANGES"] ?? 60);
const REPORT_BYTES = Number(process.env["PLAIN_REPORT_BYTES"] ?? 1500);

class PlainRoom extends Room<{ state: PlainState }> {
  state = new PlainState();
  // Six players and the latency probe (bench/probe-clients.ts).
  maxClients = 7;
  patchRate = 50;
  private lockedIn = new Set<string>();
  private tick = 0;

  onCreate() {
    for (let i = 0; i < 1000; i++) this.state.values.set(`v/${i}`, i);
    this.state.turn = 1;
    this.onMessage("order", () => undefined);
    this.onMessage("chat", (client: Client, text: string) => this.broadcast("chat", { from: client.sessionId, text }));
    this.onMessage("lock", (client: Client) => {
      this.lockedIn.add(client.sessionId);
      if (this.lockedIn.size < 6) return;
      this.lockedIn.clear();
      this.tick++;
      for (let i = 0; i < CHANGES; i++) this.state.values.set(`v/${(i * 7 + this.tick) % 1000}`, Math.random() * 1000);
      this.state.turn++;
      this.state.resolvedAt = Date.now();
      this.broadcast("report", { turn: this.state.turn - 1, text: "x".repeat(REPORT_BYTES) });
      this.broadcastPatch();
    });
  }
}

const server = defineServer({ rooms: { plain: defineRoom(PlainRoom) }, transport: new WebSocketTransport({ maxPayload: 64 * 1024 }), greet: false });
await server.listen(Number(process.env["PORT"] ?? 2599));
console.log("plain server ready");
