import { buildClient, launchChromium, startServer, SCREENSHOTS } from "/work/wt/client/test/e2e/support.ts";
import { freePort } from "/work/wt/client/test/support/free-port.ts";
const skip = process.argv.includes("--nobuild");
if (!skip) buildClient();
const server = await startServer(await freePort());
const browser = await launchChromium();
try {
  for (const [w, h] of [[1280, 720], [1920, 1080], [390, 844]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } });
    const page = await ctx.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    page.on("console", (m) => { if (m.type() === "error") console.error("console:", m.text()); });
    await page.goto(server.url);
    await page.fill("#player-name", "Shot");
    await page.click("#create-button");
    await page.click("[data-seat=KOR]");
    await page.waitForSelector("canvas[data-ready=true]", { timeout: 60000, state: "attached" });
    if (w < 700) { await page.click("#tab-map"); }
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${SCREENSHOTS}/board-${w}x${h}.png` });
    await ctx.close();
  }
} finally { await browser.close(); await server.stop(); }
