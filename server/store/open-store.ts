// Picks the store from the environment: DATABASE_URL=postgres://... selects PostgreSQL, anything
// else the SQLite file FAULTLINE_DB (default data/faultline.sqlite), so `npm start` needs nothing.
import { resolve } from "node:path";
import { openDatabase } from "./db.ts";
import { SqliteGameStore, type GameStore } from "./game-store.ts";
import { PgGameStore } from "./pg-store.ts";

export const DEFAULT_SQLITE_FILE = resolve(import.meta.dirname, "..", "..", "data", "faultline.sqlite");

/** True for a postgres:// or postgresql:// URL. */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

/** Opens the configured store and applies missing migrations; rejects when it cannot be opened. */
export async function openStore(env: { DATABASE_URL?: string; FAULTLINE_DB?: string } = process.env): Promise<GameStore> {
  if (env.DATABASE_URL && !isPostgresUrl(env.DATABASE_URL)) throw new Error(`DATABASE_URL must start with postgres:// (got ${String(env.DATABASE_URL).split(":")[0]}:)`);
  if (isPostgresUrl(env.DATABASE_URL)) return PgGameStore.open(env.DATABASE_URL);
  const file = env.FAULTLINE_DB ?? DEFAULT_SQLITE_FILE;
  return new SqliteGameStore(openDatabase(file), file);
}
