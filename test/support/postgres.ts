// A fresh PostgreSQL database per test file (or per test), on the server at FAULTLINE_TEST_PG
// (default postgres://postgres@127.0.0.1:5432/postgres, the machine's server with trust auth),
// dropped afterwards, so runs and parallel agents never share tables. When PostgreSQL is not
// reachable the test FAILS with a message saying how to start it: no silent skip.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const ADMIN_URL = process.env["FAULTLINE_TEST_PG"] ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is needed for this test and is not reachable at ${ADMIN_URL} (${(e as Error).message}). Start it (.ci/run does: pg_ctlcluster <version> main start) or point FAULTLINE_TEST_PG at a server.`,
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database with a unique name; `drop()` removes it (closing stray connections). */
export async function freshDatabase(label = "t"): Promise<TestDatabase> {
  const name = `faultline_${label}_${process.pid}_${randomBytes(4).toString("hex")}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
