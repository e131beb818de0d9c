// Opens the SQLite file in WAL mode and creates the tables. WAL with synchronous=NORMAL keeps a
// committed transaction through a process crash (kill -9), which is the failure we design for.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS } from "./migrations.ts";

/** Applies the migrations the file lacks; returns the versions applied now. */
export function migrateSqlite(db: Database.Database): number[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)");
  const done = new Set((db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version));
  const has = { column: (table: string, column: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column) };
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(typeof m.sqlite === "string" ? m.sqlite : m.sqlite(has));
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return applied;
}

/**
 * Opens (and if needed creates) the database file; ":memory:" works for tests. `readonly` opens an
 * existing file without write access (tests use it to prove every write path copes).
 */
export function openDatabase(file: string, o: { readonly?: boolean; migrate?: boolean } = {}): Database.Database {
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
  if (o.migrate !== false) migrateSqlite(db);
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
