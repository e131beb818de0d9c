// One abusive client for bench/attack.bench.ts, in its own process (its own CPU, like a real
// attacker's machine): prints "ready" once set up, runs until SIGTERM, then prints what it got.
//   node --import tsx bench/attacker.ts <flood|big|create> <url> <gameId>
import "../server/node20-polyfill.ts";
import { Client, type Room } from "@colyseus/sdk";
import { request as httpRequest } from "node:http";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";

const [kind, url, gameId] = process.argv.slice(2) as [string, string, string];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let running = true;
const stopped = new Promise<void>((r) => process.once("SIGTERM", () => r()));
void stopped.then(() => (running = false));
const join = (options: unknown) =>
  new Client(url).joinById(gameId, options).then((room) => {
    room.reconnection.enabled = false;
    room.onMessage("*", () => undefined);
    return room;
  });

async function flood(): Promise<string> {
  // One seat: chat as fast as the socket takes it; when cut off (4002), rejoin on the credential.
  const session = await new ColyseusGameServer(url).join(gameId, { seat: "JPN", name: "flooder" });
  const token = session.credential.token;
  await session.leave();
  let room: Room | undefined;
  let sent = 0;
  let rejoins = 0;
  console.log("ready");
  while (running) {
    room ??= await join({ token }).catch(() => undefined);
    if (!room) {
      await sleep(20);
      continue;
    }
    const r: Room = room;
    let open = true;
    r.onLeave(() => (open = false));
    while (running && open) {
      for (let k = 0; k < 100 && open; k++, sent++) r.send("act", { type: "chat", channel: "public", text: `spam ${sent}` });
      await sleep(1);
    }
    if (!open) rejoins++;
    room = undefined;
  }
  return `${sent} chats sent, ${rejoins} rejoins after being cut off`;
}

async function big(): Promise<string> {
  // Sixteen observer sockets asking for the ~80 KB scenario as fast as answers come.
  const rooms = await Promise.all(Array.from({ length: 16 }, (_, i) => join({ claim: { observer: true, name: `big${i}` } })));
  let served = 0;
  let refused = 0;
  console.log("ready");
  await Promise.all(
    rooms.map(async (room) => {
      while (running) await room.request("scenario").then(() => served++, () => refused++);
    }),
  );
  return `${served} served, ${refused} refused (request/rate_limited)`;
}

async function create(): Promise<string> {
  // POST /api/games, eight at a time, as fast as answers come.
  const { hostname, port } = new URL(url);
  const codes = new Map<number, number>();
  const post = () =>
    new Promise<number>((resolve) => {
      const req = httpRequest({ host: hostname, port, method: "POST", path: "/api/games", headers: { "content-type": "application/json", "content-length": "2" } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", () => resolve(0));
      req.end("{}");
    });
  console.log("ready");
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (running) {
        const code = await post();
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }),
  );
  return [...codes].map(([c, n]) => `${n}× ${c}`).join(", ");
}

const result = await (kind === "flood" ? flood() : kind === "big" ? big() : create());
console.log(`result: ${result}`);
process.exit(0);
