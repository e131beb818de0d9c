// Versioned schema migrations for both stores. Each migration has a version (applied in order,
// once), a name, and its statements per backend. A database records what it has in
// schema_migrations; `npm run db:migrate` applies what is missing (the server does too at start).
// Never edit a released migration: add the next one.

export interface Migration {
  version: number;
  name: string;
  /** SQLite: SQL text, or a function for steps SQL cannot express idempotently. */
  sqlite: string | ((has: { column(table: string, column: string): boolean }) => string);
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "games, turns, actions, credentials, team codes",
    // IF NOT EXISTS: files made before migrations were versioned already have these tables.
    sqlite: `
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
);`,
    postgres: `
CREATE TABLE games (
  id TEXT PRIMARY KEY,
  join_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  scenario TEXT NOT NULL,
  seed TEXT NOT NULL,
  options TEXT NOT NULL,
  status TEXT NOT NULL,
  turn INTEGER NOT NULL,
  deadline DOUBLE PRECISION,
  paused BOOLEAN NOT NULL DEFAULT FALSE,
  remaining_ms DOUBLE PRECISION,
  bots TEXT NOT NULL DEFAULT '{}',
  created_at DOUBLE PRECISION NOT NULL,
  updated_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX games_unfinished ON games (created_at DESC, id DESC) WHERE status <> 'over';
CREATE TABLE turns (
  game_id TEXT NOT NULL REFERENCES games(id),
  turn INTEGER NOT NULL,
  state TEXT NOT NULL,
  at DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (game_id, turn)
);
CREATE TABLE actions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  game_id TEXT NOT NULL REFERENCES games(id),
  turn INTEGER NOT NULL,
  at DOUBLE PRECISION NOT NULL,
  kind TEXT NOT NULL,
  seat TEXT,
  who TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX actions_by_game ON actions (game_id, turn, id);
CREATE INDEX actions_by_kind ON actions (game_id, kind, id);
CREATE TABLE credentials (
  token_hash TEXT PRIMARY KEY,
  game_id TEXT NOT NULL REFERENCES games(id),
  role TEXT NOT NULL,
  seat TEXT,
  name TEXT NOT NULL,
  created_at DOUBLE PRECISION NOT NULL,
  seq BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX credentials_by_game ON credentials (game_id);
CREATE TABLE team_codes (
  game_id TEXT NOT NULL REFERENCES games(id),
  seat TEXT NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (game_id, seat)
);
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);`,
  },
  {
    version: 2,
    name: "turn report and history point next to the turn's state",
    sqlite: (has) =>
      [!has.column("turns", "report") && "ALTER TABLE turns ADD COLUMN report TEXT;", !has.column("turns", "point") && "ALTER TABLE turns ADD COLUMN point TEXT;"]
        .filter(Boolean)
        .join("\n"),
    postgres: "ALTER TABLE turns ADD COLUMN report TEXT; ALTER TABLE turns ADD COLUMN point TEXT;",
  },
  {
    version: 3,
    name: "each game keeps the text of its scenario (by hash, stored once per distinct text)",
    // Games stored before have no hash and play by the folder's file of their scenario's name.
    sqlite: (has) =>
      [
        !has.column("games", "scenario_hash") && "ALTER TABLE games ADD COLUMN scenario_hash TEXT;",
        "CREATE TABLE IF NOT EXISTS scenario_texts (hash TEXT PRIMARY KEY, text TEXT NOT NULL, created_at REAL NOT NULL);",
      ]
        .filter(Boolean)
        .join("\n"),
    postgres: `
ALTER TABLE games ADD COLUMN scenario_hash TEXT;
CREATE TABLE scenario_texts (hash TEXT PRIMARY KEY, text TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL);`,
  },
  {
    version: 4,
    name: "a player's team role (seminars)",
    sqlite: (has) => (has.column("credentials", "team_role") ? "" : "ALTER TABLE credentials ADD COLUMN team_role TEXT;"),
    postgres: "ALTER TABLE credentials ADD COLUMN team_role TEXT;",
  },
  {
    version: 5,
    name: "a seat claim counts as delivered once its holder has the credential",
    // Claims stored before count as delivered: their holders were told their credentials.
    sqlite: (has) => (has.column("credentials", "delivered") ? "" : "ALTER TABLE credentials ADD COLUMN delivered INTEGER NOT NULL DEFAULT 1;"),
    postgres: "ALTER TABLE credentials ADD COLUMN delivered BOOLEAN NOT NULL DEFAULT TRUE;",
  },
  {
    version: 6,
    name: "seats the facilitator keeps for a bot (seminars)",
    // A JSON list of seat ids, like `bots`; games stored before keep none.
    sqlite: (has) => (has.column("games", "kept") ? "" : "ALTER TABLE games ADD COLUMN kept TEXT NOT NULL DEFAULT '[]';"),
    postgres: "ALTER TABLE games ADD COLUMN kept TEXT NOT NULL DEFAULT '[]';",
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
