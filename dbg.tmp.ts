import { launchChromium, startServer } from "./test/e2e/support.ts";
import { freePort } from "./test/support/free-port.ts";
const server = await startServer(await freePort());
const browser = await launchChromium();
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.goto(server.url);
  await page.fill("#player-name", "Shot");
  await page.click("#create-button");
  await page.click("[data-seat=KOR]");
  await page.waitForSelector("canvas[data-ready=true]", { timeout: 60000, state: "attached" });
  await page.waitForTimeout(1000);
  console.log(await page.evaluate(`(() => { const s = window.__faultlineGame.scene.getScene("MapScene"); const c = s.cameras.main; return JSON.stringify({ theatre: s.map.theatre, bounds: s.map.bounds, zoom: c.zoom, w: s.scale.width, h: s.scale.height, view: [c.worldView.x, c.worldView.y, c.worldView.width, c.worldView.height] }); })()`));
} finally { await browser.close(); await server.stop(); }
