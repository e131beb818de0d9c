// What the server knows about its database right now: the start-up integrity check and whether
// the last write went through. /health reports it; rooms tell their facilitator when writes fail.

/** A database read or write failed (full disk, read-only file, corruption, I/O error). */
export class StorageError extends Error {
  constructor(
    /** The SQLite result code, e.g. SQLITE_FULL, SQLITE_READONLY, SQLITE_CORRUPT. */
    readonly sqliteCode: string,
    message: string,
  ) {
    super(message);
    this.name = "StorageError";
  }

  /** The same code: SQLITE_* for SQLite, PG_<SQLSTATE> (or PG_TIMEOUT, PG_ECONNREFUSED) for PostgreSQL. */
  get code(): string {
    return this.sqliteCode;
  }
}

/** True for errors better-sqlite3 raises (SqliteError has a SQLITE_* code). */
export function isSqliteError(e: unknown): e is Error & { code: string } {
  const code = e instanceof Error ? (e as unknown as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("SQLITE_");
}

export interface StorageStatus {
  /** Whether the last write (or the start-up probe) went through. */
  writable: boolean;
  /** "ok", or what PRAGMA quick_check found at start-up. */
  integrity: string;
  /** The last failure: its SQLite code, message and time. */
  lastError?: { code: string; message: string; at: number };
}

type Listener = (status: StorageStatus) => void;

export class StorageHealth {
  private status: StorageStatus = { writable: true, integrity: "ok" };
  private listeners = new Set<Listener>();

  get(): StorageStatus {
    return { ...this.status };
  }

  /** Whether the database may be written and passed its check. */
  ok(): boolean {
    return this.status.writable && this.status.integrity === "ok";
  }

  setChecked(integrity: string, writable: boolean, writeError?: string): void {
    this.status = { ...this.status, integrity, writable };
    if (writeError) this.status.lastError = { code: writeError.split(":")[0] ?? "error", message: writeError, at: Date.now() };
  }

  /** A write went through: the database is writable (again). */
  wrote(): void {
    if (this.status.writable) return;
    this.status = { ...this.status, writable: true };
    this.emit();
  }

  /**
   * A read or write failed; returns the error to throw. A write the database refused for its
   * data (a conflict with a row another request just wrote) leaves the database writable: only
   * the rest (full or read-only disk, lost connection, timeout) makes /health say it is not.
   */
  failed(e: Error & { code: string }, write: boolean): StorageError {
    const was = this.status.writable;
    this.status = { ...this.status, lastError: { code: e.code, message: e.message, at: Date.now() } };
    if (write && !refusedForItsData(e.code)) this.status.writable = false;
    if (was !== this.status.writable) this.emit();
    return new StorageError(e.code, e.message);
  }

  /** Called when writability changes. */
  onChange(cb: Listener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(): void {
    for (const cb of this.listeners) cb(this.get());
  }
}

/**
 * Failures that say nothing about whether the database takes writes: a constraint the data
 * broke (SQLite's SQLITE_CONSTRAINT_*, PostgreSQL's class 23) or a transaction the database
 * rolled back for a concurrent one (PostgreSQL's class 40: serialization failure, deadlock).
 */
export const refusedForItsData = (code: string): boolean => code.startsWith("SQLITE_CONSTRAINT") || /^PG_(23|40)/.test(code);
