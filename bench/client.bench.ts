// Client budgets (a benchmark, not a test): builds the client, then prints the initial JavaScript
// size (gzip), the time from navigation to an interactive board on loopback, and idle frames per
// second on the board in headless Chromium, next to the targets.
// Run: npm run bench:client   (PORT_BENCH to pick the port; a free one otherwise)
import { freePort } from "../test/support/free-port.ts";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { cpus, loadavg } from "node:os";
import { buildClient, launchChromium, REPO, startServer } from "../test/e2e/support.ts";

const TARGETS = { initialKb: 550, interactiveMs: 2000, fps: 55 };
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

buildClient();
const init = initialJs();
const total = allJs();
const port = process.env["PORT_BENCH"] ? Number(process.env["PORT_BENCH"]) : await freePort();
const server = await startServer(port);
const browser = await launchChromium();
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  // Set up a seat once; every later navigation resumes straight into the board.
  await page.goto(server.url);
  await page.fill("#player-name", "Bench");
  await page.click("#create-button");
  await page.click("[data-seat=CHN]");
  await page.waitForSelector("canvas[data-ready=true]", { timeout: 60_000 });

  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForSelector("canvas[data-ready=true]", { timeout: 60_000 });
    runs.push(Date.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] ?? NaN;

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
    ["initial JS (gzip)", `${kb(init.gzipBytes)} KB (${init.files.length} file(s), ${kb(init.rawBytes)} KB raw)`, `<= ${TARGETS.initialKb} KB`, verdict(init.gzipBytes / 1024 <= TARGETS.initialKb)],
    ["all JS incl. lazy Phaser board (gzip)", `${kb(total)} KB`, "(for reference)", ""],
    ["navigation -> interactive board", `${median} ms (median of ${runs.length}: ${runs.join(", ")})`, `< ${TARGETS.interactiveMs} ms`, verdict(median < TARGETS.interactiveMs)],
    ["idle FPS on the board", `${fps.toFixed(1)} (blank page ${ceiling.toFixed(1)}; render on demand)`, `>= ${TARGETS.fps}`, verdict(fps >= TARGETS.fps)],
    ["FPS while dragging the map", `${panFps.toFixed(1)} (Phaser loop ${phaserFps.toFixed(1)})`, "(for reference)", ""],
  ];
  console.log("\nFaultline client budgets (headless Chromium, loopback)\n");
  for (const [what, value, target, ok] of rows) console.log(`${what.padEnd(40)} ${value.padEnd(48)} ${target.padEnd(16)} ${ok}`);
  console.log(`load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores\n`);
} finally {
  await browser.close();
  await server.stop();
}
