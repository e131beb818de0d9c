// Several real server processes (node --import tsx server/main.ts) on one Redis and one fresh
// PostgreSQL database, as docs/deploy.md runs them: each with its own port and public address,
// all sharing a Redis key prefix of their own so test runs never see each other's rooms. Redis
// must answer at `redisUrl` (default the machine's 127.0.0.1:6379); if not, the test fails saying so.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { spawnServer, type ServerProcess } from "../server/process.ts";
import { freePort } from "./free-port.ts";
import { freshDatabase, type TestDatabase } from "./postgres.ts";

export const REDIS_URL = process.env["FAULTLINE_TEST_REDIS"] ?? "redis://127.0.0.1:6379";

export interface Node extends ServerProcess {
  port: number;
  /** The Colyseus process id it printed at start. */
  processId: string;
}

export interface TestCluster {
  db: TestDatabase;
  prefix: string;
  redisUrl: string;
  nodes: Node[];
  /** Starts one more process; `env` adds to (or overrides) its variables, say its public address. */
  start(env?: Record<string, string>): Promise<Node>;
  /** A Redis client on the same prefix (to read the room listings). */
  redis(): Redis;
  /** The process id listed as hosting a game, if any. */
  hostOf(gameId: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Fails with a clear message when Redis does not answer. */
export async function requireRedis(url = REDIS_URL): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(`Redis is needed for this test and does not answer at ${url} (${(e as Error).message}). Start it (.ci/run does: redis-server --daemonize yes) or set FAULTLINE_TEST_REDIS.`);
  } finally {
    r.disconnect();
  }
}

export async function startCluster(o: { redisUrl?: string; env?: Record<string, string> } = {}): Promise<TestCluster> {
  const redisUrl = o.redisUrl ?? REDIS_URL;
  await requireRedis(redisUrl);
  const db = await freshDatabase("scale");
  const prefix = `faultline-test-${process.pid}-${randomBytes(3).toString("hex")}:`;
  const clients: Redis[] = [];
  let reader: Redis | undefined;
  const c: TestCluster = {
    db,
    prefix,
    redisUrl,
    nodes: [],
    async start(env) {
      const port = await freePort();
      const p = await spawnServer({
        port,
        db: "/nonexistent/unused.sqlite",
        env: { DATABASE_URL: db.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, FAULTLINE_PUBLIC_ADDRESS: `127.0.0.1:${port}`, ...o.env, ...env },
      });
      const until = Date.now() + 10_000;
      let processId: string | undefined;
      while (!(processId = /process (\S+) on Redis/.exec(p.output())?.[1])) {
        if (Date.now() > until) throw new Error(`no process id printed:\n${p.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const node: Node = Object.assign(p, { port, processId });
      c.nodes.push(node);
      return node;
    },
    redis() {
      const r = new Redis(redisUrl, { keyPrefix: prefix, maxRetriesPerRequest: 1 });
      r.on("error", () => undefined); // the outage test stops Redis on purpose
      clients.push(r);
      return r;
    },
    async hostOf(gameId) {
      const raw = await (reader ??= c.redis()).hget("roomcaches", gameId);
      return raw ? (JSON.parse(raw) as { processId: string }).processId : undefined;
    },
    async close() {
      for (const n of c.nodes) await n.kill9();
      for (const r of clients) r.disconnect();
      const cleaner = new Redis(redisUrl);
      try {
        const keys = await cleaner.keys(`${prefix}*`);
        if (keys.length) await cleaner.del(...keys);
      } finally {
        cleaner.disconnect();
      }
      await db.drop();
    },
  };
  return c;
}
