// The end of a game in real Chromium: a facilitator and one player (bots on the other seats) play
// the first scenario to its end; the player is taken to the end screen (final standings as
// shares, secret aims, turning points), downloads the after-action report and steps through the
// replay; the facilitator downloads the participation CSV. Screenshots of the end screen and the
// report at 1280x720, 1920x1080 and 390x844.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { freePort } from "../support/free-port.ts";
import { loadScenario } from "../client/fixtures.ts";
import { buildClient, launchChromium, SCREENSHOTS, startServer, type RunningServer } from "./support.ts";

const scenario = loadScenario();
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const cspViolations: string[] = [];
const SIZES = [
  [1280, 720],
  [1920, 1080],
  [390, 844],
] as const;

async function newPage(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const boardReady = (page: Page) => page.waitForSelector("canvas[data-ready=true]", { timeout: 30_000 });

beforeAll(async () => {
  buildClient();
  server = await startServer(await freePort());
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe("the end screen, the report and the replay in Chromium", () => {
  let fay: Page;
  let alice: Page;
  let reportFile = "";

  it("plays a game with bots to its end; the player lands on the end screen", async () => {
    fay = await newPage();
    // "Resolve turn now" asks first while a team with people has not locked in.
    fay.on("dialog", (d) => void d.accept());
    await fay.goto(server.url);
    await fay.fill("#player-name", "Fay");
    await fay.click("details.advanced summary");
    await fay.fill("#game-name", "Debrief e2e");
    await fay.selectOption("#bot-level", "fast");
    // No waiting room: the game starts when it is created (a seminar's Start is tested in seminar.test.ts).
    await fay.check("#start-now");
    await fay.click("#create-button");
    await fay.waitForSelector("#facilitate-button");
    const joinCode = (await fay.textContent("#created-code")) ?? "";
    await fay.click("#facilitate-button");
    await boardReady(fay);

    alice = await newPage();
    await alice.goto(server.url);
    await alice.fill("#player-name", "Alice");
    await alice.fill("#join-code", joinCode);
    await alice.click("#join-button");
    await alice.click("[data-seat=CHN]");
    await boardReady(alice);

    // Mid-game: standings rank on public objectives, and the facilitator has the exports at hand.
    await alice.click("#tab-scores");
    await alice.waitForSelector("#scores-panel .standings");
    await expect(alice.textContent("#scores-panel")).resolves.toContain("public objectives");
    await fay.click("#tab-scores");
    await fay.waitForSelector("#scores-panel [data-export=report]");

    await fay.click("#tab-control");
    for (let turn = 1; turn <= scenario.turns.count; turn++) {
      await fay.click("#resolve-button");
      await fay.waitForFunction(
        (t) => {
          const label = document.querySelector("#turn-label")?.textContent ?? "";
          return label.includes(`Turn ${t + 1}/`) || label.includes("Game over");
        },
        turn,
        { timeout: 60_000 },
      );
    }
    // The player is taken to the end screen.
    await alice.waitForFunction(() => document.querySelector("#scores-title")?.textContent?.startsWith("The game is over"), null, { timeout: 60_000 });
    await alice.waitForSelector("#tab-scores[aria-selected=true]");
    const text = (await alice.textContent("#scores-panel")) ?? "";
    expect(text).toContain("What each country was secretly trying to do");
    expect(await alice.locator(".standings .score-card").count()).toBe(6);
    // Shares are ordered best first.
    const shares = await alice.$$eval(".standings .score-card", (els) => els.map((e) => Number(e.getAttribute("data-share"))));
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    expect(await alice.locator(".turning-list li").count()).toBeGreaterThan(2);
    // Each country says who played it: Alice on China, a bot on every other seat.
    await expect(alice.textContent("[data-played-by=CHN]")).resolves.toBe("Played by Alice");
    const byBot = await alice.$$eval("[data-played-by]:not([data-played-by=CHN])", (els) => els.map((e) => e.textContent));
    expect(byBot).toEqual(Array(5).fill("Played by a bot"));
    // A player gets the report and the indicators, not the participation list or the full log.
    expect(await alice.locator("[data-export=participation]").count()).toBe(0);
    for (const [w, h] of SIZES) {
      await alice.setViewportSize({ width: w, height: h });
      await alice.waitForTimeout(400);
      if (w === 390) await alice.click("#tab-scores");
      await shot(alice, `end-screen-${w}x${h}`);
      // Nothing wider than the screen: a phone never scrolls the end screen sideways.
      expect(await alice.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    await alice.setViewportSize({ width: 1280, height: 720 });

    // The room screen turns to the end screen too, for the class to go through together.
    const pj = await newPage();
    await pj.setViewportSize({ width: 1920, height: 1080 });
    const replayAs: string[] = [];
    pj.on("request", (r) => r.url().includes("/replay/") && replayAs.push(new URL(r.url()).searchParams.get("as") ?? ""));
    await pj.goto(`${server.url}/?projector=${joinCode}`);
    await pj.waitForFunction(() => document.querySelector("#pj-scores h2")?.textContent === "Final standings", null, { timeout: 30_000 });
    expect(await pj.locator("#pj-scores li").count()).toBe(6);
    await expect(pj.textContent("#pj-scores [data-played-by=CHN]")).resolves.toBe(" · Played by Alice");
    expect(await pj.locator("#pj-scores [data-played-by]", { hasText: "Played by a bot" }).count()).toBe(5);
    expect(await pj.isVisible("#end-screen")).toBe(true);
    await expect(pj.textContent("#end-screen")).resolves.toContain("What each country was secretly trying to do");
    expect(await pj.locator(".turning-list li").count()).toBeGreaterThan(2);
    // A public screen downloads nothing.
    expect(await pj.isVisible("[data-export]")).toBe(false);
    // Its map replays the game turn by turn, as the public saw it, from the start.
    await pj.waitForFunction(() => document.querySelector("#pj-replay:not([hidden])")?.textContent?.includes("Start of the game"), null, { timeout: 15_000 });
    await pj.waitForFunction(() => document.querySelector("#pj-replay")?.textContent?.includes("After turn 1 ·"), null, { timeout: 15_000 });
    expect(new Set(replayAs)).toEqual(new Set(["observer"]));
    await shot(pj, "projector-end-1920x1080");
    // More than a room screen holds: the projector turns pages, and on one page or another every
    // heading and every line of the side is whole inside the screen, at 1920x1080 and 1280x720.
    // Space holds the page (the facilitator talking over it), so only the arrow keys turn it here.
    await pj.keyboard.press("Space");
    await expect(pj.textContent("#pj-pager")).resolves.toContain("held");
    for (const [w, h] of [[1920, 1080], [1280, 720]] as const) {
      await pj.setViewportSize({ width: w, height: h });
      await pj.waitForTimeout(400);
      const pages = Number((await pj.textContent("#pj-pager"))?.match(/^Page 1 of (\d+)/)?.[1]);
      expect(pages).toBeGreaterThan(1);
      const seen = new Set<number>();
      let names: string[] = [];
      for (let p = 1; p <= pages; p++) {
        await expect(pj.textContent("#pj-pager")).resolves.toMatch(new RegExp(`^Page ${p} of ${pages}`));
        const inside = await pj.evaluate(() => {
          const box = document.querySelector("#pj-side")!.getBoundingClientRect();
          const all = [...document.querySelectorAll("#pj-side h2, #pj-side h3, #pj-side li, #pj-side dt")].filter((e) => e.getClientRects().length > 0);
          const whole = all.flatMap((e, i) => {
            const r = e.getBoundingClientRect();
            const size = parseFloat(getComputedStyle(e).fontSize);
            return r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && size >= 16 ? [i] : [];
          });
          return { names: all.map((e) => (e.textContent ?? "").slice(0, 60)), whole, headings: all.filter((e) => /^H[23]$/.test(e.tagName)).map((e) => e.textContent) };
        });
        names = inside.names;
        for (const i of inside.whole) seen.add(i);
        if (p === 1) expect(inside.headings).toEqual(expect.arrayContaining(["Final standings", "Turning points", "What actually happened"]));
        await shot(pj, `projector-end-${w}x${h}-page-${p}`);
        await pj.keyboard.press("ArrowRight");
      }
      expect(names.filter((_, i) => !seen.has(i)), `never whole on a page at ${w}x${h}`).toEqual([]);
      // After the last page, the first again.
      await expect(pj.textContent("#pj-pager")).resolves.toMatch(/^Page 1 of/);
    }
    await pj.close();
  }, 400_000);

  it("downloads the after-action report from the end screen", async () => {
    const [download] = await Promise.all([alice.waitForEvent("download", { timeout: 30_000 }), alice.click("[data-export=report]")]);
    expect(download.suggestedFilename()).toMatch(/report\.html$/);
    // Saved under its own name: a .html file opens as a page, as it would from a mail.
    reportFile = join(SCREENSHOTS, "..", "after-action-e2e.html");
    await download.saveAs(reportFile);
    const html = readFileSync(reportFile, "utf8");
    expect(html).toContain("after-action report");
    for (let t = 1; t <= scenario.turns.count; t++) expect(html).toContain(`id="turn-${t}"`);
    await alice.waitForFunction(() => document.querySelector("#export-status")?.textContent?.startsWith("Downloaded"));
    const report = await newPage();
    await report.goto(`file://${reportFile}`);
    for (const [w, h] of SIZES) {
      await report.setViewportSize({ width: w, height: h });
      await shot(report, `report-${w}x${h}`);
    }
    await report.setViewportSize({ width: 1280, height: 720 });
    await report.evaluate(() => document.querySelector("#turn-1")?.scrollIntoView());
    await shot(report, "report-turn-1");
    await report.evaluate(() => document.querySelector("#charts")?.scrollIntoView());
    await shot(report, "report-charts");
  }, 60_000);

  it("steps through the replay, as everyone and as one seat, and the map shows each turn", async () => {
    // What the map draws: the state's turn and each country's colour (set by the map scene).
    const mapShows = async () => ({ turn: await alice.getAttribute("canvas", "data-view-turn"), colours: await alice.getAttribute("canvas", "data-colours") });
    const live = await mapShows();
    expect(live.turn).toBe(String(scenario.turns.count + 1));
    await alice.click("#replay-button");
    await alice.waitForSelector("#replay-dialog .replay-frame");
    await alice.selectOption("#replay-as", "CHN");
    await alice.waitForSelector(".replay-frame[data-as=CHN]");
    // It starts at the opening position; next and previous step through the turns, and the map follows.
    await alice.waitForSelector(".replay-frame[data-as=CHN][data-turn='0']");
    await alice.waitForSelector("canvas[data-view-turn='1']", { state: "attached" });
    const opening = await mapShows();
    expect(await alice.locator("#replay-prev").isDisabled()).toBe(true);
    await alice.click("#replay-next");
    await alice.waitForSelector(".replay-frame[data-turn='1']");
    await alice.waitForSelector("canvas[data-view-turn='2']", { state: "attached" });
    await alice.click("#replay-next");
    await alice.waitForSelector(".replay-frame[data-turn='2']");
    await alice.waitForSelector("canvas[data-view-turn='3']", { state: "attached" });
    await shot(alice, "replay-map-turn-2");
    // Twelve turns move relations and blocs: the opening map is not the final one.
    expect(opening.colours).not.toBe(live.colours);
    await alice.click("#replay-prev");
    await alice.waitForSelector(".replay-frame[data-turn='1']");
    await alice.waitForSelector("canvas[data-view-turn='2']", { state: "attached" });
    const frame = (await alice.textContent(".replay-frame")) ?? "";
    expect(frame).toContain("After turn 1");
    // As China, only China's orders of the turn are listed.
    const seats = await alice.$$eval(".replay-orders li", (els) => els.map((e) => e.getAttribute("data-seat")));
    expect(seats.every((s) => s === "CHN")).toBe(true);
    await alice.selectOption("#replay-as", "facilitator");
    await alice.waitForSelector(".replay-frame[data-as=facilitator][data-turn='1']");
    expect(await alice.locator(".replay-orders li").count()).toBeGreaterThan(1);
    await shot(alice, "replay-1280x720");
    await alice.click("#replay-dialog button[type=submit]");
    // Closed: the map is the live game again, and focus is back on the button that opened it.
    await alice.waitForSelector(`canvas[data-view-turn='${live.turn}']`, { state: "attached" });
    expect(await mapShows()).toEqual(live);
    await alice.waitForFunction(() => !document.querySelector("#replay-dialog") && document.activeElement?.id === "replay-button");
    // A real modal (testers tabbed out of it into the page behind): Tab stays inside, a shortcut
    // key acts on nothing behind it, and Escape closes it, focus again on the button.
    await alice.keyboard.press("Enter");
    await alice.waitForSelector("#replay-dialog .replay-frame");
    expect(await alice.evaluate(() => document.querySelector("#replay-dialog")!.matches(":modal"))).toBe(true);
    const outside: string[] = [];
    for (let i = 0; i < 12; i++) {
      await alice.keyboard.press("Tab");
      const where = await alice.evaluate(() => {
        const a = document.activeElement;
        return !a || a === document.body || a.closest("#replay-dialog") ? "" : a.id || a.tagName;
      });
      if (where) outside.push(where);
    }
    expect(outside).toEqual([]);
    const tabBefore = await alice.evaluate(() => document.querySelector("[role=tab][aria-selected=true]")?.id);
    await alice.focus("#replay-dialog button[type=submit]");
    await alice.keyboard.press("1");
    await alice.waitForTimeout(200);
    expect(await alice.evaluate(() => document.querySelector("[role=tab][aria-selected=true]")?.id)).toBe(tabBefore);
    await alice.keyboard.press("Escape");
    await alice.waitForFunction(() => !document.querySelector("#replay-dialog") && document.activeElement?.id === "replay-button");
    await alice.waitForSelector(`canvas[data-view-turn='${live.turn}']`, { state: "attached" });
  }, 60_000);

  it("lets the facilitator download participation per person", async () => {
    await fay.click("#tab-scores");
    const [download] = await Promise.all([fay.waitForEvent("download", { timeout: 30_000 }), fay.click("[data-export=participation]")]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\n")[0]).toContain("name,seat,country,messages");
    expect(csv).toContain("Alice,CHN,China");
  }, 60_000);

  it("did all of it within the server's Content-Security-Policy", () => {
    expect(cspViolations).toEqual([]);
  });
});
