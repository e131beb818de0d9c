// Shared plumbing for the browser tests and the client benchmark: build the client, start the real
// server on a private port with a temporary database, and launch Debian's Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import { ensureClientBuilt } from "../../scripts/build-client.ts";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const REPO = resolve(import.meta.dirname, "../..");
export const SCREENSHOTS = join(REPO, "test-results", "screenshots");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Builds client/dist with Vite (what `npm start` serves), unless it is already built from these sources. */
export function buildClient(): void {
  ensureClientBuilt();
}

export interface RunningServer {
  url: string;
  /** Folder with the database (and TMPDIR); removed by stop() unless kept. */
  dataDir: string;
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts `node --import tsx server/main.ts` on `port` with a fresh database, or the one in
 * `dataDir` (a restart); resolves when /health answers.
 */
export async function startServer(port: number, opts: { dataDir?: string } = {}): Promise<RunningServer> {
  const dir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "faultline-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), FAULTLINE_DB: join(dir, "e2e.sqlite"), TMPDIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 30_000) {
      child.kill("SIGTERM");
      throw new Error(`server did not answer /health within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir: dir,
    stop: async ({ keepData = false } = {}) => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (!keepData) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium from /usr/bin/chromium. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Words under `root` (of up to 12 letters: longer ones may break anywhere) that the layout splits over two lines. */
export async function splitWords(page: Page, root: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const split: string[] = [];
    const walker = document.createTreeWalker(document.querySelector(sel)!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of (n.textContent ?? "").matchAll(/[\p{L}\p{N}]{2,12}/gu)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
    return split;
  }, root);
}
