// An author in Chromium: opens the workbench, loads the example, introduces an error and sees it
// at the right line, fixes it, runs 100 bot games and sees the charts, starts a game from it and
// takes a seat on a map framed on its actors. Writes screenshots for people.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { freePort } from "../support/free-port.ts";
import { buildClient, launchChromium, SCREENSHOTS, startServer, type RunningServer } from "./support.ts";

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  buildClient();
  server = await startServer(await freePort());
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

describe("the scenario workbench in Chromium", () => {
  it("loads the example, which validates, with its actors on the map preview", async () => {
    await page.goto(`${server.url}/workbench`);
    await page.evaluate(() => localStorage.clear());
    await page.click("#wb-example");
    await page.waitForSelector("#wb-valid", { timeout: 20_000 });
    await page.waitForSelector(".map-canvas[data-framed]");
    expect(await page.getAttribute(".map-canvas", "data-framed")).toBe("NOR SUD MID");
  }, 60_000);

  it("opens the guide's other example, and the server's own scenarios, from one list", async () => {
    const groups = await page.$$eval("#wb-server-files optgroup", (gs) => gs.map((g) => [g.getAttribute("label"), g.children.length]));
    expect(groups).toEqual([
      ["On this server", 2],
      ["Examples", 2],
    ]);
    await page.selectOption("#wb-server-files", "example:essequibo-2023.yaml");
    await page.waitForFunction(() => document.querySelector("#wb-file")?.textContent === "essequibo-2023.yaml");
    await page.waitForSelector("#wb-valid", { timeout: 20_000 });
    await page.click("#wb-example");
    await page.waitForFunction(() => document.querySelector("#wb-file")?.textContent === "two-rivals.yaml");
    await page.waitForSelector(".map-canvas[data-framed='NOR SUD MID']", { timeout: 20_000 });
  }, 60_000);

  it("shows a mistake at its line as the author types, and clears it once fixed", async () => {
    // Line 11 of the example is "  count: 6".
    const line = page.locator(".cm-line", { hasText: "count: 6" });
    await line.click();
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("six");
    const problem = page.locator("#wb-problems li", { hasText: "turns.count" });
    await problem.waitFor({ timeout: 10_000 });
    expect(await problem.textContent()).toMatch(/^line 11, column 10 turns\.count: /);
    // The editor marks the same line: a lint marker in the gutter and the word underlined.
    await page.waitForSelector(".cm-lintRange-error");
    expect(await page.locator(".cm-lintRange-error").first().textContent()).toBe("six");
    // The map still shows the last version that validated, and says so.
    expect(await page.getAttribute("#wb-map", "class")).toContain("stale");
    await shot("workbench-error");
    // Clicking the problem puts the cursor on it.
    await problem.locator("button").click();
    // The cursor is at the start of the word: delete it forwards.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Delete");
    await page.keyboard.type("6");
    await page.waitForSelector("#wb-valid", { timeout: 10_000 });
    expect(await page.getAttribute("#wb-map", "class")).not.toContain("stale");
  }, 60_000);

  it("completes the formula language inside a formula: functions with what they give, and the file's world values", async () => {
    const line = page.locator(".cm-line", { hasText: "trigger: world.tension > 60" });
    // The editor draws only the lines in view: scroll down to the event's trigger.
    for (let i = 0; i < 40 && (await line.count()) === 0; i++) await page.locator(".cm-scroller").evaluate((el) => el.scrollBy(0, 300));
    await line.scrollIntoViewIfNeeded();
    await line.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" and monthsS");
    const popup = page.locator(".cm-tooltip-autocomplete");
    await popup.locator("li", { hasText: "monthsSince" }).waitFor({ timeout: 10_000 });
    await page.locator(".cm-completionInfo", { hasText: "how many months ago" }).waitFor({ timeout: 10_000 });
    await shot("workbench-completion");
    await page.keyboard.press("Enter");
    expect(await line.textContent()).toBe("    trigger: world.tension > 60 and monthsSince(");
    // After "world." it offers the file's world values.
    await page.keyboard.type("self, 'x') < world.");
    await popup.locator("li", { hasText: "tension" }).waitFor({ timeout: 10_000 });
    await page.keyboard.press("Escape");
    // Undo the typing: the file is valid again.
    for (let i = 0; i < 12 && (await line.textContent()) !== "    trigger: world.tension > 60"; i++) await page.keyboard.press("Control+z");
    expect(await line.textContent()).toBe("    trigger: world.tension > 60");
    await page.waitForSelector("#wb-valid", { timeout: 10_000 });
  }, 60_000);

  it("runs 100 bot games in a worker with progress, and draws the report's charts", async () => {
    await page.fill("#wb-games", "100");
    await page.click("#wb-run");
    await page.waitForFunction(() => /^100 games, seed 1/.test(document.querySelector("#sim-summary")?.textContent ?? ""), null, { timeout: 120_000 });
    for (const chart of ["scores", "moves", "events", "objectives"]) {
      const box = await page.locator(`[data-chart=${chart}] canvas`).boundingBox();
      expect(box?.width ?? 0, chart).toBeGreaterThan(200);
    }
    expect(await page.textContent(".scores tbody")).toContain("Northland");
    // The values at the end against their start, where the guide sends authors to check thresholds.
    const ends = (await page.textContent("#end-values")) ?? "";
    expect(ends).toContain("Values at the end of the game");
    expect(ends).toMatch(/Relations.*start.*mean.*p10.*p90/s);
    await page.locator("[data-chart=scores]").scrollIntoViewIfNeeded();
    await shot("workbench-report");
  }, 150_000);

  it("starts a game from it and seats the author on a map framed on its actors", async () => {
    await page.click("#wb-start");
    await page.waitForFunction(() => (document.querySelector("#create-scenario") as HTMLSelectElement | null)?.value === "__upload__", null, { timeout: 20_000 });
    expect(await page.textContent("#scenario-info")).toContain("2 seats (Northland, Southland) · 6 turns");
    await page.click("#create-button");
    await page.click("[data-seat=NOR]", { timeout: 20_000 });
    // No name typed on the start page: taking the seat asks for one.
    await page.fill("#name-prompt-input", "Author");
    await page.click("#name-prompt-go");
    await page.waitForSelector("canvas[data-ready=true]", { timeout: 30_000 });
    const inView = (await page.evaluate(`(() => {
      const scene = window.__faultlineGame.scene.getScene("MapScene");
      const view = scene.cameras.main.worldView;
      return ["NOR", "SUD", "MID"].map((id) => { const a = scene.anchors.get(id); return !!a && view.contains(a.x, a.y); });
    })()`)) as boolean[];
    expect(inView).toEqual([true, true, true]);
    await shot("workbench-game");
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 90_000);

  it("labels every row of a long moves chart, and opens the report with its balance and each move's targets", async () => {
    const wide = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await wide.goto(`${server.url}/workbench`);
    await wide.selectOption("#wb-server-files", "red-sea-2024.yaml");
    await wide.waitForSelector("#wb-valid", { timeout: 20_000 });
    await wide.fill("#wb-games", "3");
    await wide.click("#wb-run");
    await wide.waitForFunction(() => /^3 games, seed 1/.test(document.querySelector("#sim-summary")?.textContent ?? ""), null, { timeout: 120_000 });
    // Chart.js used to draw every other label of 10 or more moves.
    const shown = await wide.$$eval("[data-labels-shown]", (fs) => fs.map((f) => [(f as HTMLElement).dataset.chart, (f as HTMLElement).dataset.labelsShown]));
    expect(shown.map(([chart]) => chart)).toEqual(expect.arrayContaining(["moves", "events", "objectives"]));
    for (const [chart, labels] of shown) {
      const [drawn, of] = (labels ?? "").split(" of ").map(Number);
      expect(of, chart).toBeGreaterThan(0);
      expect(drawn, chart).toBe(of);
    }
    const moves = await wide.$$eval("#moves-table tbody th", (ths) => ths.map((t) => t.textContent));
    expect(moves.length).toBe(Number((shown.find(([c]) => c === "moves")![1] ?? "").split(" of ")[1]));
    expect(await wide.textContent("#moves-table tbody")).toMatch(/on [A-Z][a-z]+/);
    expect(await wide.textContent("#balance")).toMatch(/Mean score as a share of the maximum: .*%/);
    await wide.click("#moves-table summary");
    await wide.locator("[data-chart=moves]").screenshot({ path: join(SCREENSHOTS, "workbench-moves-chart.png") });
    await wide.context().close();
  }, 150_000);

  it("fits a phone: one column, every toolbar button on screen, nothing scrolls sideways", async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(`${server.url}/workbench`);
    await phone.click("#wb-example");
    await phone.waitForSelector("#wb-valid", { timeout: 20_000 });
    // The server's scenario list (a select as wide as its longest title) pushed the page to 491 px.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const offScreen = await phone.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(".wb-toolbar > select, .wb-toolbar > label, .wb-toolbar > button")]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
        .map((e) => e.id || e.textContent),
    );
    expect(offScreen).toEqual([]);
    // The map, bot games and comparison come below the editor.
    const [editor, side] = await Promise.all([phone.locator(".wb-editor-col").boundingBox(), phone.locator(".wb-side").boundingBox()]);
    expect(side!.y).toBeGreaterThanOrEqual(editor!.y + editor!.height);
    await phone.screenshot({ path: join(SCREENSHOTS, "workbench-390x844.png") });
    await phone.context().close();
  }, 60_000);
});
