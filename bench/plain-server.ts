// A plain Colyseus room server for bench/load.bench.ts, in its own process like Faultline's: six
// clients send a few messages per turn (an "order", a "chat" relayed to the room) and lock; when
// all six locked, `changes` state fields change and a report of `reportBytes` goes to everyone.
// PORT, PLAIN_CHANGES, PLAIN_REPORT_BYTES from the environment.
// PLAIN_DB=file: the same room doing two things Faultline does by design, to show what they cost
// a plain room: every message is committed to SQLite (WAL, synchronous=NORMAL, as Faultline's
// store) before it is acted on, the turn's state and report are committed before they go out,
// and each lock-in is shown to everyone at once (a patch per lock).
import "../server/node20-polyfill.ts";
import { defineRoom, defineServer, Room, type Client } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";
import Database from "better-sqlite3";

const PlainState = schema({ turn: t.uint16(), resolvedAt: t.float64(), values: t.map("float64"), locked: t.map("boolean") }, "PlainState");
type PlainState = SchemaType<typeof PlainState>;
const CHANGES = Number(process.env["PLAIN_CHANGES"] ?? 60);
// About what a Faultline player's report of a turn takes since reports travel as positional
// arrays (tenth session; it was 1,500 B before, and this room kept that size until then).
const REPORT_BYTES = Number(process.env["PLAIN_REPORT_BYTES"] ?? 700);

/** The commits of the durable variant; undefined for the plain room. */
const store = (() => {
  const file = process.env["PLAIN_DB"];
  if (!file) return undefined;
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE actions (id INTEGER PRIMARY KEY, room TEXT NOT NULL, turn INTEGER NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, at REAL NOT NULL)");
  db.exec("CREATE TABLE turns (room TEXT NOT NULL, turn INTEGER NOT NULL, state TEXT NOT NULL, report TEXT NOT NULL, PRIMARY KEY (room, turn))");
  const action = db.prepare("INSERT INTO actions (room, turn, kind, payload, at) VALUES (?, ?, ?, ?, ?)");
  const turn = db.prepare("INSERT INTO turns (room, turn, state, report) VALUES (?, ?, ?, ?)");
  return {
    action: db.transaction((room: string, t: number, kind: string, payload: unknown) => action.run(room, t, kind, JSON.stringify(payload ?? null), Date.now())),
    turn: db.transaction((room: string, t: number, state: unknown, report: string) => turn.run(room, t, JSON.stringify(state), report)),
  };
})();

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
    this.onMessage("order", (client: Client, order: unknown) => store?.action(this.roomId, this.state.turn, "order", order));
    this.onMessage("chat", (client: Client, text: string) => {
      store?.action(this.roomId, this.state.turn, "chat", text);
      this.broadcast("chat", { from: client.sessionId, text });
    });
    this.onMessage("lock", (client: Client) => {
      store?.action(this.roomId, this.state.turn, "lock", client.sessionId);
      this.lockedIn.add(client.sessionId);
      if (this.lockedIn.size < 6) {
        if (store) {
          this.state.locked.set(client.sessionId, true);
          this.broadcastPatch();
        }
        return;
      }
      this.lockedIn.clear();
      this.state.locked.clear();
      this.tick++;
      for (let i = 0; i < CHANGES; i++) this.state.values.set(`v/${(i * 7 + this.tick) % 1000}`, Math.random() * 1000);
      const report = { turn: this.state.turn, text: "x".repeat(REPORT_BYTES) };
      store?.turn(this.roomId, this.state.turn, this.state.values.toJSON(), report.text);
      this.state.turn++;
      this.state.resolvedAt = Date.now();
      this.broadcast("report", report);
      this.broadcastPatch();
    });
  }
}

const server = defineServer({ rooms: { plain: defineRoom(PlainRoom) }, transport: new WebSocketTransport({ maxPayload: 64 * 1024 }), greet: false });
await server.listen(Number(process.env["PORT"] ?? 2599));
console.log("plain server ready");
