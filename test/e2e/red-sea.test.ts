// The second scenario's board in real Chromium, at 1280×720, 1920×1080 and 390×844: its seats
// around the Red Sea are in view (on a phone, part of Egypt) and clear of the map key and the
// zoom buttons (the key hid Yemen, the Houthis' seat); the distant actors' edge markers, many of
// them along the top (Europe), overlap neither one another nor those overlays (France, the United
// Kingdom, Switzerland and Slovenia were piled in the top-left corner); and the Houthis' country
// panel splits no word over two lines (their long indicator names squeezed "Now" to "No / w").
// One server and one browser for the whole file.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { SCREENSHOTS, splitWords } from "./support.ts";
import { serverAndBrowserPerFile } from "./suite.ts";

const suite = serverAndBrowserPerFile();

type Box = { x0: number; y0: number; x1: number; y1: number };
const overlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Creates a Red Sea game and watches it; resolves when the board is up (on a phone, on its tab). */
async function watchRedSea(width: number, height: number): Promise<Page> {
  const ctx = await suite.browser.newContext({ viewport: { width, height } });
  suite.contexts.push(ctx);
  const page = await ctx.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(suite.server.url);
  await page.fill("#player-name", "Rania");
  await page.selectOption("#create-scenario", "red-sea-2024");
  await page.click("#create-button");
  await page.click("#watch-button");
  await page.waitForSelector("canvas[data-ready=true]", { timeout: 60_000, state: "attached" });
  if (width <= 700) await page.click("#tab-map");
  await page.waitForTimeout(1200);
  return page;
}

/** Boxes on the board, relative to its canvas: an actor's countries, the visible markers, the overlays. */
async function boardBoxes(page: Page): Promise<{ W: number; H: number; seats: Record<string, Box[]>; markers: (Box & { text: string; edge: string; cut: boolean })[]; overlays: (Box & { id: string })[] }> {
  const canvas = (await page.locator("#board canvas").boundingBox())!;
  const seats: Record<string, Box[]> = {};
  for (const seat of ["EGY", "SAU", "HTH"]) seats[seat] = (await page.evaluate(`window.__faultlineGame.scene.getScene("MapScene").screenBoxes("${seat}")`)) as Box[];
  const dom = await page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    };
    return {
      markers: [...document.querySelectorAll<HTMLElement>(".edge-marker:not([hidden])")].map((e) => ({ ...box(e), text: e.textContent ?? "", edge: e.dataset["edge"] ?? "", cut: e.scrollWidth > e.clientWidth })),
      overlays: [...document.querySelectorAll("#legend, .zoom-controls")].map((e) => ({ ...box(e), id: e.id || e.className })),
    };
  });
  const local = <T extends Box>(b: T): T => ({ ...b, x0: b.x0 - canvas.x, x1: b.x1 - canvas.x, y0: b.y0 - canvas.y, y1: b.y1 - canvas.y });
  return { W: canvas.width, H: canvas.height, seats, markers: dom.markers.map(local), overlays: dom.overlays.map(local) };
}

describe("the Red Sea scenario's board", () => {
  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
    [390, 844],
  ] as const) {
    it(`at ${w}×${h}: Egypt, Saudi Arabia and Yemen are in view and clear of the map key and the zoom buttons; no edge marker overlaps another or an overlay; the Houthis' country panel splits no word`, async () => {
      const page = await watchRedSea(w, h);
      await page.screenshot({ path: join(SCREENSHOTS, `red-sea-board-${w}x${h}.png`) });
      const { W, H, seats, markers, overlays } = await boardBoxes(page);
      expect(overlays.map((o) => o.id).sort()).toEqual(["legend", "zoom-controls"]);
      expect(markers.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const [seat, list] of Object.entries(seats)) {
        if (list.length === 0) problems.push(`${seat} not drawn`);
        for (const b of list) {
          // A phone held upright crops the theatre's far sides (Egypt's west), showing the rest larger.
          if (w <= 700 && seat === "EGY") {
            if (!(b.x1 > W / 4 && b.x0 < W)) problems.push(`${seat} out of view`);
          } else if (!(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= W && b.y1 <= H)) problems.push(`${seat} not wholly in view`);
          for (const o of overlays) if (overlap(b, o)) problems.push(`${seat} under ${o.id}`);
        }
      }
      for (const [i, m] of markers.entries()) {
        if (m.x0 < 0 || m.y0 < 0 || m.x1 > W || m.y1 > H) problems.push(`${m.text} outside the board`);
        // Along the top and the bottom a name takes no room from the map: it is never cut short ("European …" on a phone).
        if ((m.edge === "top" || m.edge === "bottom") && m.cut) problems.push(`${m.text} cut short`);
        for (const o of overlays) if (overlap(m, o)) problems.push(`${m.text} under ${o.id}`);
        for (const n of markers.slice(i + 1)) if (overlap(m, n)) problems.push(`${m.text} on ${n.text}`);
      }
      expect(problems).toEqual([]);
      // In the projector's larger type too, every name at the edge is whole ("United Sta…" was not).
      if (w === 1920) {
        await page.keyboard.press("p");
        await page.waitForTimeout(1000);
        expect((await boardBoxes(page)).markers.filter((m) => m.cut).map((m) => m.text)).toEqual([]);
        await page.keyboard.press("p");
      }
      // The Houthis' long indicator names squeezed the "Now" column of the country panel to "No / w".
      await page.click("#tab-country");
      await page.selectOption("#country-select", "HTH");
      await page.waitForSelector(".indicators tbody tr");
      expect(await splitWords(page, "#side-panel")).toEqual([]);
    }, 120_000);
  }
});
