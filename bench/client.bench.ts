// Client budgets (a benchmark, not a test): builds the client if its sources changed, then prints,
// next to the targets: bytes on the wire (compressed, as the browser received them) to the start
// screen and to the board; the time from navigation to an interactive board with a cold and a warm
// HTTP cache on loopback; idle and dragging frames per second; the initial JavaScript.
// Run: npm run bench:client   (PORT_BENCH to pick the port; a free one otherwise)
import { freePort } from "../test/support/free-port.ts";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { cpus, loadavg } from "node:os";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildClient, launchChromium, REPO, startServer } from "../test/e2e/support.ts";

const TARGETS = { startKb: 250, boardKb: 700, coldMs: 1500, initialKb: 550, fps: 55 };
const dist = join(REPO, "client", "dist");

/**
 * Page script that counts animation frames for `ms` and resolves with frames per second. A string,
 * not a function: tsx's name-keeping helpers do not exist in the page.
 */
const countFrames = (ms: number): string => `new Promise((resolve) => {
  let frames = 0;
  const start = performance.now();
  function tick() {
    frames++;
    if (performance.now() - start < ${ms}) requestAnimationFrame(tick);
    else resolve((frames * 1000) / (performance.now() - start));
  }
  requestAnimationFrame(tick);
})`;

/** JS the page loads before any interaction: the entry script and its modulepreloads. */
function initialJs(): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const files = [...new Set(refs)];
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const f of files) {
    const buf = readFileSync(join(dist, f));
    rawBytes += buf.length;
    gzipBytes += gzipSync(buf, { level: 9 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

function allJs(): number {
  const dir = join(dist, "assets");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
}

const kb = (b: number): string => (b / 1024).toFixed(1);
const verdict = (ok: boolean): string => (ok ? "OK" : "OVER");

/** Counts the bytes the page receives over HTTP (encoded: what crossed the wire, headers included). */
async function wireCounter(ctx: BrowserContext, page: Page): Promise<{ bytes: () => number; reset: () => void }> {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  let total = 0;
  cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => (total += e.encodedDataLength));
  return { bytes: () => total, reset: () => (total = 0) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

buildClient();
const init = initialJs();
const total = allJs();
const port = process.env["PORT_BENCH"] ? Number(process.env["PORT_BENCH"]) : await freePort();
const server = await startServer(port);
const browser: Browser = await launchChromium();
const ready = (page: Page) => page.waitForSelector("canvas[data-ready=true]", { timeout: 60_000, state: "attached" });
try {
  // Cold: a fresh context has an empty HTTP cache. The start screen is counted before the idle
  // prefetch of the board (1.5 s after start), the board from navigation until it is interactive.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  const wire = await wireCounter(ctx, page);
  await page.goto(server.url);
  await page.waitForSelector("#create-button");
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const startBytes = wire.bytes();
  await page.fill("#player-name", "Bench");
  await page.click("#create-button");
  await page.click("[data-seat=CHN]");
  await ready(page);
  await page.waitForTimeout(300);
  const boardBytes = wire.bytes();
  const storage = await ctx.storageState();

  // Navigation to an interactive board (the stored seat resumes straight into it).
  const cold: number[] = [];
  const coldBytes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: storage });
    const p = await c.newPage();
    const w = await wireCounter(c, p);
    const t0 = Date.now();
    await p.goto(server.url);
    await ready(p);
    cold.push(Date.now() - t0);
    coldBytes.push(w.bytes());
    await c.close();
  }
  const warm: number[] = [];
  const warmBytes: number[] = [];
  for (let i = 0; i < 5; i++) {
    wire.reset();
    const t0 = Date.now();
    await page.goto(server.url);
    await ready(page);
    warm.push(Date.now() - t0);
    warmBytes.push(wire.bytes());
  }

  await page.waitForTimeout(1000);
  const fps = (await page.evaluate(countFrames(5000))) as number;
  // While the map is being dragged the loop renders every frame.
  const box = await page.locator("#board").boundingBox();
  const panning = page.evaluate(countFrames(3000)) as Promise<number>;
  if (box) {
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const t0 = Date.now();
    for (let i = 0; Date.now() - t0 < 3000; i++) await page.mouse.move(cx + 120 * Math.sin(i / 10), cy + 60 * Math.cos(i / 10));
    await page.mouse.up();
  }
  const panFps = await panning;

  // What this machine's headless Chromium manages with nothing to draw: the ceiling for the figure above.
  const blank = await ctx.newPage();
  await blank.setContent("<p>idle</p>");
  const ceiling = (await blank.evaluate(countFrames(3000))) as number;
  await blank.close();
  const phaserFps = await page.evaluate(() => (window as unknown as { __faultlineGame?: { loop: { actualFps: number } } }).__faultlineGame?.loop.actualFps ?? NaN);

  const rows: [string, string, string, string][] = [
    ["on the wire to the start screen (cold)", `${kb(startBytes)} KB`, `<= ${TARGETS.startKb} KB`, verdict(startBytes / 1024 <= TARGETS.startKb)],
    ["on the wire to the board (cold, total)", `${kb(boardBytes)} KB`, `<= ${TARGETS.boardKb} KB`, verdict(boardBytes / 1024 <= TARGETS.boardKb)],
    ["board interactive, cold cache", `${median(cold)} ms (median of ${cold.length}: ${cold.join(", ")}; ${kb(median(coldBytes))} KB)`, `<= ${TARGETS.coldMs} ms`, verdict(median(cold) <= TARGETS.coldMs)],
    ["board interactive, warm cache", `${median(warm)} ms (median of ${warm.length}: ${warm.join(", ")}; ${kb(median(warmBytes))} KB)`, "(for reference)", ""],
    ["initial JS (gzip)", `${kb(init.gzipBytes)} KB (${init.files.length} file(s), ${kb(init.rawBytes)} KB raw)`, `<= ${TARGETS.initialKb} KB`, verdict(init.gzipBytes / 1024 <= TARGETS.initialKb)],
    ["all JS incl. lazy Phaser board (gzip)", `${kb(total)} KB`, "(for reference)", ""],
    ["idle FPS on the board", `${fps.toFixed(1)} (blank page ${ceiling.toFixed(1)}; render on demand)`, `>= ${TARGETS.fps}`, verdict(fps >= TARGETS.fps)],
    ["FPS while dragging the map", `${panFps.toFixed(1)} (Phaser loop ${phaserFps.toFixed(1)})`, "(for reference)", ""],
  ];
  console.log("\nFaultline client budgets (headless Chromium, loopback)\n");
  for (const [what, value, target, ok] of rows) console.log(`${what.padEnd(40)} ${value.padEnd(64)} ${target.padEnd(16)} ${ok}`);
  console.log(`load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores\n`);
} finally {
  await browser.close();
  await server.stop();
}
