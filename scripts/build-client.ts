// Builds client/dist only when it is missing or its sources changed since the last build, so
// `npm start` starts in seconds instead of rebuilding every time. The sources' fingerprint (every
// file the client bundle is made from, plus the lock file) is kept in client/dist/.source-hash.
// Run: node --import tsx scripts/build-client.ts [--force]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "..");
const DIST = join(REPO, "client", "dist");
const STAMP = join(DIST, ".source-hash");
/** What the bundle is made from: the client, the shared code it imports, the build set-up. */
const SOURCES = ["client", "shared", "scenarios/examples", "scenarios/schema.json", "package-lock.json", "tsconfig.json"];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !relative(REPO, f).split(/[\\/]/).includes("dist") && !f.includes("node_modules"));
}

/** A fingerprint of every source file (path and content). */
export function sourceHash(): string {
  const h = createHash("sha256");
  for (const f of SOURCES.flatMap((s) => files(join(REPO, s))).sort()) {
    h.update(relative(REPO, f));
    h.update("\0");
    h.update(readFileSync(f));
  }
  return h.digest("hex");
}

/** Builds the client unless dist/ is there and was built from the same sources. Returns true if it built. */
export function ensureClientBuilt(force = false): boolean {
  const hash = sourceHash();
  const built = existsSync(join(DIST, "index.html")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash;
  if (built && !force) return false;
  const vite = [join(REPO, "node_modules/vite/bin/vite.js"), "build", "client", "--logLevel", "warn"];
  // The game first (it empties dist/), then the workbench beside it (client/vite.config.ts).
  execFileSync(process.execPath, vite, { cwd: REPO, stdio: "inherit" });
  execFileSync(process.execPath, vite, { cwd: REPO, stdio: "inherit", env: { ...process.env, FAULTLINE_PAGE: "workbench" } });
  writeFileSync(STAMP, hash);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = Date.now();
  const didBuild = ensureClientBuilt(process.argv.includes("--force"));
  console.log(didBuild ? `client built in ${((Date.now() - t0) / 1000).toFixed(1)} s` : `client is up to date (checked in ${Date.now() - t0} ms)`);
}
