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
CREATE INDEX IF NOT EXISTS actions_by_kind ON actions (game_id, kind, id);
CREATE TABLE IF NOT EXISTS team_codes (
  game_id TEXT NOT NULL REFERENCES games(id),
  seat TEXT NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (game_id, seat)
);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/**
 * Opens (and if needed creates) the database file; ":memory:" works for tests. `readonly` opens an
 * existing file without write access (tests use it to prove every write path copes).
 */
export function openDatabase(file: string, o: { readonly?: boolean } = {}): Database.Database {
  if (o.readonly) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma("foreign_keys = ON");
    return db;
  }
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
  // Team roles (seminars) came later: a person without one has the seat's first role.
  const credColumns = new Set((db.pragma("table_info(credentials)") as { name: string }[]).map((c) => c.name));
  if (!credColumns.has("team_role")) db.exec("ALTER TABLE credentials ADD COLUMN team_role TEXT");
  return db;
}

export interface DatabaseCheck {
  /** "ok", or what PRAGMA quick_check found (first lines). */
  integrity: string;
  /** Whether a small write went through. */
  writable: boolean;
  /** The SQLite error of the failed write, when not writable. */
  writeError?: string;
}

/**
 * The start-up check: PRAGMA quick_check (structure of every page, in seconds even for large
 * files) and one small write, so a read-only or full database is known before anyone plays.
 */
export function checkDatabase(db: Database.Database): DatabaseCheck {
  let integrity: string;
  try {
    const rows = db.pragma("quick_check(20)", { simple: false }) as { quick_check: string }[];
    integrity = rows.map((r) => r.quick_check).join("; ") || "ok";
  } catch (e) {
    integrity = `${(e as { code?: string }).code ?? "error"}: ${(e as Error).message}`;
  }
  const probe = probeWrite(db);
  return { integrity, writable: probe === undefined, ...(probe ? { writeError: probe } : {}) };
}

/** Writes one row; returns the error text when the database refuses it. */
export function probeWrite(db: Database.Database): string | undefined {
  try {
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', ?)").run(String(Date.now()));
    return undefined;
  } catch (e) {
    return `${(e as { code?: string }).code ?? "error"}: ${(e as Error).message}`;
  }
}
