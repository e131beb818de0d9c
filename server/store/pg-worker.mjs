// The PostgreSQL side of PgGameStore, in a worker thread (synckit): the main thread blocks on each
// call, so the store stays synchronous like the SQLite one and the game code is the same for both.
// Plain JavaScript so that it loads the same under tsx, vitest and node. One connection runs the
// store's transactions; a second holds the session advisory locks that say which process hosts
// which game (PostgreSQL drops them when the connection ends, e.g. when the process is killed).
// Errors come back as values ({ error: { code, message } }): thrown errors lose their code
// crossing threads.
import pg from "pg";
import { runAsWorker } from "synckit";

/** @type {Map<string, Promise<pg.Client>>} */
const clients = new Map();

async function client(req, role) {
  const url = req.url;
  const key = `${req.id} ${role}`;
  let c = clients.get(key);
  if (!c) {
    c = (async () => {
      const cl = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5000, application_name: `faultline ${role}` });
      cl.on("error", () => clients.delete(key));
      cl.on("end", () => clients.delete(key));
      await cl.connect();
      return cl;
    })();
    clients.set(key, c);
    c.catch(() => clients.delete(key));
  }
  return c;
}

function failure(e) {
  return { error: { code: String(e?.code ?? "PG_ERROR"), message: String(e?.message ?? e) } };
}

runAsWorker(async (req) => {
  try {
    if (req.op === "close") {
      const all = [];
      for (const [key, c] of clients) {
        if (!key.startsWith(`${req.id} `)) continue;
        clients.delete(key);
        all.push(c);
      }
      await Promise.all(all.map((p) => p.then((c) => c.end(), () => undefined)));
      return { ok: true };
    }
    if (req.op === "lock" || req.op === "unlock") {
      const c = await client(req, "locks");
      const fn = req.op === "lock" ? "pg_try_advisory_lock" : "pg_advisory_unlock";
      const r = await c.query(`SELECT ${fn}(hashtextextended($1, 7)) AS ok`, [req.key]);
      return { ok: r.rows[0].ok === true };
    }
    if (req.op === "migrate") {
      // One transaction under a transaction-level advisory lock: processes starting together
      // apply each migration once.
      const c = await client(req, "store");
      try {
        await c.query("BEGIN");
        await c.query("SELECT pg_advisory_xact_lock(hashtextextended('faultline migrations', 7))");
        await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)");
        const done = new Set((await c.query("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
        const applied = [];
        for (const m of req.migrations) {
          if (done.has(m.version)) continue;
          await c.query(m.sql);
          await c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
          applied.push(m.version);
        }
        await c.query("COMMIT");
        return { rows: [applied.map((version) => ({ version }))] };
      } catch (e) {
        await c.query("ROLLBACK").catch(() => undefined);
        return failure(e);
      }
    }
    // op "tx": the statements in one transaction (a single statement runs on its own).
    const c = await client(req, "store");
    const many = req.statements.length > 1;
    try {
      if (many) await c.query("BEGIN");
      const results = [];
      for (const s of req.statements) results.push((await c.query(s.text, s.values)).rows);
      if (many) await c.query("COMMIT");
      return { rows: results };
    } catch (e) {
      if (many) await c.query("ROLLBACK").catch(() => undefined);
      return failure(e);
    }
  } catch (e) {
    return failure(e);
  }
});
