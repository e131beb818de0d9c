// Opens the SQLite file in WAL mode and creates the tables. WAL with synchronous=NORMAL keeps a
// committed transaction through a process crash (kill -9), which is the failure we design for.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS games (
  id TEXT PRIMARY KEY,
  join_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  scenario TEXT NOT NULL,
  seed TEXT NOT NULL,
  options TEXT NOT NULL,
  status TEXT NOT NULL,
  turn INTEGER NOT NULL,
  deadline REAL,
  paused INTEGER NOT NULL DEFAULT 0,
  remaining_ms REAL,
  bots TEXT NOT NULL DEFAULT '{}',
  created_at REAL NOT NULL,
  updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
  game_id TEXT NOT NULL REFERENCES games(id),
  turn INTEGER NOT NULL,
  state TEXT NOT NULL,
  at REAL NOT NULL,
  -- the report of the resolution that led to this turn (null for turn 1) and the history point
  report TEXT,
  point TEXT,
  PRIMARY KEY (game_id, turn)
);
CREATE TABLE IF NOT EXISTS actions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  game_id TEXT NOT NULL REFERENCES games(id),
  turn INTEGER NOT NULL,
  at REAL NOT NULL,
  kind TEXT NOT NULL,
  seat TEXT,
  who TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_by_game ON actions (game_id, turn, id);
CREATE TABLE IF NOT EXISTS credentials (
  token_hash TEXT PRIMARY KEY,
  game_id TEXT NOT NULL REFERENCES games(id),
  role TEXT NOT NULL,
  seat TEXT,
  name TEXT NOT NULL,
  created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS credentials_by_game ON credentials (game_id);
`;

/** Opens (and if needed creates) the database file; ":memory:" works for tests. */
export function openDatabase(file: string): Database.Database {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  // Files made before reports left the engine state gain the two columns (their rows have none).
  const columns = new Set((db.pragma("table_info(turns)") as { name: string }[]).map((c) => c.name));
  if (!columns.has("report")) db.exec("ALTER TABLE turns ADD COLUMN report TEXT");
  if (!columns.has("point")) db.exec("ALTER TABLE turns ADD COLUMN point TEXT");
  return db;
}
