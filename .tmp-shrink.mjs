import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const names = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const n of names) {
  const src = `test-results/screenshots/${n}.png`;
  const b64 = readFileSync(src).toString("base64");
  const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  await page.setContent(`<html><body style="margin:0"><img id=i style="width:960px;display:block" src="data:image/png;base64,${b64}"></body></html>`);
  await page.waitForFunction(() => document.getElementById("i").complete);
  await page.locator("#i").screenshot({ path: `docs/img/${n}.png` });
  await page.close();
}
await browser.close();
