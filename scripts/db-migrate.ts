// `npm run db:migrate`: applies the schema migrations the configured database lacks (DATABASE_URL
// for PostgreSQL, else the SQLite file FAULTLINE_DB) and says which it applied. The server applies
// them at start too; run this first when several processes start at once on a new database.
import { migrateSqlite, openDatabase } from "../server/store/db.ts";
import { LATEST_VERSION } from "../server/store/migrations.ts";
import { DEFAULT_SQLITE_FILE, isPostgresUrl } from "../server/store/open-store.ts";
import { PgGameStore } from "../server/store/pg-store.ts";

const url = process.env["DATABASE_URL"];
try {
  if (url && !isPostgresUrl(url)) throw new Error(`DATABASE_URL must start with postgres:// (got ${String(url).split(":")[0]}:); leave it unset for SQLite`);
  let applied: number[];
  let where: string;
  if (isPostgresUrl(url)) {
    const store = await PgGameStore.open(url, { migrate: false });
    try {
      applied = await store.migrate();
      where = store.where;
    } finally {
      await store.close();
    }
  } else {
    where = process.env["FAULTLINE_DB"] ?? DEFAULT_SQLITE_FILE;
    const db = openDatabase(where, { migrate: false });
    applied = migrateSqlite(db);
    db.close();
  }
  console.log(`${where}: schema at version ${LATEST_VERSION}${applied.length ? ` (applied ${applied.join(", ")})` : ""}.`);
} catch (e) {
  console.error(`db:migrate failed: ${(e as Error).message}`);
  process.exit(1);
}
