// A seminar in Chromium against the real server: the facilitator opens a waiting room, three
// teams of two fill it (China's second player joins with the team code and is the trade minister,
// who cannot lock in alone), Start, a pause, a custom inject every player sees at once, a
// rollback and a fork from the console, and the projector link: read-only, no secret in its DOM,
// storage or websocket frames, and it leaves the facilitator's console in the same browser alone.
// The facilitator rules on the outcome of a deal (the ruling and its reason reach the news and the
// after-action report), schedules a scenario event for turn 2 (it fires once when turn 2 starts,
// with a toast and a breaking item for players) and cancels a scheduled inject from the console.
// China's and the facilitator's people use the browser (China's trade minister on a phone,
// 390x844); the other four join with the SDK client, one of them with a 40-character name the
// console must keep in its columns. A seat kept for a bot is closed on the seat cards until the
// facilitator releases it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { freePort } from "../support/free-port.ts";
import { loadScenario } from "../client/fixtures.ts";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { buildClient, launchChromium, SCREENSHOTS, startServer, type RunningServer } from "./support.ts";
import { exportPath } from "../../shared/debrief-wire.ts";
import { offerPhrase, type Proposal } from "../../shared/engine/index.ts";
import { writeNews } from "../../client/src/news/write-news.ts";
import { KEPT_WORDS } from "../../shared/control-words.ts";

const PORT = await freePort();
const scenario = loadScenario();
const publicText = JSON.stringify({ ...scenario, objectives: Object.values(scenario.objectives).map((list) => list.filter((o) => !o.secret)) });
const secretLabels = Object.values(scenario.objectives)
  .flatMap((list) => list.filter((o) => o.secret).map((o) => o.label))
  .filter((l) => !publicText.includes(l));
const TEAM_SECRET = "Our bottom line: no arms to Pyongyang";
const LONG_NAME = "Maximilian Alexander Featherstonehaugh-J"; // 40 characters, the most a name may have
const RULING_REASON = "Beijing's delegation walked out of the room before answering";

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sdkSessions: ColyseusSession[] = [];

async function newPage(width = 1280, height = 720): Promise<{ page: Page; ctx: BrowserContext }> {
  const ctx = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  return { page, ctx };
}
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
/** Nothing on the page is wider than the screen (a phone never scrolls sideways). */
async function expectNoSideways(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}
/** Every seat's orders in the console read on lines at least ~150 px wide, not a sliver of a column. */
async function expectOrdersReadable(page: Page): Promise<void> {
  const widths = await page.evaluate(() => [...document.querySelectorAll("#seat-status td.seat-orders")].map((el) => Math.round(el.getBoundingClientRect().width)));
  expect(widths.length).toBeGreaterThan(0);
  expect(widths.filter((w) => w < 150)).toEqual([]);
}
/**
 * The projector's news ticker shows every headline in `headlines` and reads: with motion, its items
 * crawl at a readable pace with no two overlapping at any moment of the loop (sought through it)
 * and each one's start and end crossing the screen; without motion, a static list with every
 * item inside the ticker and none on another.
 */
async function expectTickerReadable(page: Page, headlines: string[], motion: boolean): Promise<void> {
  await page.waitForFunction((want) => { const got = [...document.querySelectorAll("#pj-ticker .pj-run:not(.pj-copy) .pj-item")].map((e) => e.textContent); return want.every((t) => got.includes(t)); }, headlines, { timeout: 30_000 });
  const r = await page.evaluate(() => {
    const box = document.querySelector("#pj-ticker")!.getBoundingClientRect();
    const run = document.querySelector("#pj-ticker .pj-run:not(.pj-copy)")!;
    const items = [...run.querySelectorAll(".pj-item")];
    // The copy that follows the run while it crawls counts for overlaps too.
    const all = [...document.querySelectorAll("#pj-ticker .pj-item")].filter((e) => e.getClientRects().length > 0);
    const starts = new Set<number>();
    const ends = new Set<number>();
    const overlaps: string[] = [];
    const look = (): void => {
      items.forEach((e, i) => {
        const x = e.getBoundingClientRect();
        const rowInside = x.top >= box.top - 1 && x.bottom <= box.bottom + 1;
        if (rowInside && x.left >= box.left - 1 && x.left < box.right) starts.add(i);
        if (rowInside && x.right <= box.right + 1 && x.right > box.left) ends.add(i);
      });
      const rs = all.map((e) => e.getBoundingClientRect());
      for (let i = 0; i < rs.length; i++)
        for (let j = i + 1; j < rs.length; j++) {
          const [a, b] = [rs[i]!, rs[j]!];
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${all[i]!.textContent} / ${all[j]!.textContent}`);
        }
    };
    const anims = document.querySelector("#pj-ticker")!.getAnimations({ subtree: true });
    let pxPerS = 0;
    if (anims.length === 1) {
      const a = anims[0]!;
      const ms = Number(a.effect!.getTiming().duration);
      pxPerS = run.getBoundingClientRect().width / (ms / 1000);
      a.pause();
      for (let k = 0; k <= 300; k++) {
        a.currentTime = (ms * k) / 300;
        look();
      }
      a.play();
    } else look();
    return { animations: anims.length, items: items.length, starts: starts.size, ends: ends.size, overlaps: [...new Set(overlaps)], pxPerS, height: box.height, screen: window.innerHeight };
  });
  expect(r.overlaps).toEqual([]);
  expect(r.starts).toBe(r.items);
  expect(r.ends).toBe(r.items);
  if (motion) {
    expect(r.animations).toBe(1);
    expect(r.pxPerS).toBeGreaterThan(40);
    expect(r.pxPerS).toBeLessThan(160);
  } else {
    expect(r.animations).toBe(0);
    expect(r.height).toBeLessThanOrEqual(r.screen * 0.3 + 1);
  }
}
const turnIs = (page: Page, n: number) => page.waitForFunction((t) => document.querySelector("#turn-label")?.textContent?.includes(`Turn ${t}/`), n, { timeout: 30_000 });

beforeAll(async () => {
  buildClient();
  server = await startServer(PORT);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const s of sdkSessions) await s.leave().catch(() => undefined);
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe("a seminar run by a facilitator", () => {
  let fay: Page;
  let fayCtx: BrowserContext;
  let ana: Page;
  let bo: Page;
  let code = "";
  /** The proposal the facilitator rules on. */
  let rulingOn: Proposal | undefined;

  it("fills a waiting room with three teams of two and starts", async () => {
    ({ page: fay, ctx: fayCtx } = await newPage());
    // "Resolve turn now" asks first while a team with people has not locked in.
    fay.on("dialog", (d) => void d.accept());
    await fay.goto(server.url);
    await fay.fill("#player-name", "Prof. Fay");
    await fay.click("#create-button");
    await fay.waitForSelector("#facilitate-button");
    code = ((await fay.textContent("#created-code")) ?? "").trim();
    await fay.click("#facilitate-button");
    await fay.waitForSelector("#roster-count");

    ({ page: ana } = await newPage());
    await ana.goto(server.url);
    await ana.fill("#player-name", "Ana");
    await ana.fill("#join-code", code);
    await ana.click("#join-button");
    await ana.click("[data-seat=CHN]");
    await ana.waitForSelector("#waiting-title");
    await ana.click("#tab-inbox");
    const teamCode = ((await ana.textContent("#team-code")) ?? "").trim();
    expect(teamCode).toMatch(/^[A-Z0-9]{12}$/);
    // The facilitator has it too, for a student who asks them.
    await fay.waitForFunction((c) => document.querySelector("[data-team-code=China]")?.textContent === c, teamCode, { timeout: 15_000 });

    // Bo, on a phone, sees who is on China's team and joins it with the code.
    ({ page: bo } = await newPage(390, 844));
    await bo.goto(server.url);
    await bo.fill("#player-name", "Bo");
    await bo.fill("#join-code", code);
    await bo.click("#join-button");
    await expect(bo.textContent("[data-team=CHN]")).resolves.toContain("Ana");
    await bo.locator("[data-team=CHN]").scrollIntoViewIfNeeded();
    await shot(bo, "seminar-phone-team-join");
    await expectNoSideways(bo);
    await bo.fill("#team-code-CHN", teamCode);
    await bo.click("[data-join-team=CHN]");
    await bo.waitForSelector("#waiting-title");
    // Who does what is known before the first turn.
    await expect(bo.textContent("#role-line")).resolves.toContain("Trade and finance minister");
    // The phone's top bar keeps the game's title beside the turn.
    await expect(bo.textContent(".top-bar .game-name")).resolves.toContain(scenario.title);
    expect(await bo.locator(".top-bar .game-name").isVisible()).toBe(true);
    await shot(bo, "seminar-phone-waiting-room");
    await expectNoSideways(bo);

    // Two more teams of two, from the SDK client.
    const lobby = new ColyseusGameServer(server.url, { retryForMs: 5000 });
    for (const seat of ["RUS", "USA"]) {
      const first = await lobby.join(code, { seat, name: `${seat}-lead` });
      const second = await lobby.join(code, { seat, name: seat === "USA" ? LONG_NAME : `${seat}-minister`, teamCode: first.teamCodes[seat]! });
      sdkSessions.push(first, second);
    }
    await fay.waitForFunction(() => document.querySelector("#roster-count")?.textContent?.includes("3 of 6 seats have people (6 in all)"), null, { timeout: 15_000 });
    await shot(fay, "seminar-waiting-room");
    await fay.click("#start-button");
    await ana.click("#tab-orders");
    await ana.waitForSelector("#lock-button", { timeout: 15_000 });
  }, 120_000);

  it("keeps the trade minister from locking in alone, with the reason", async () => {
    await bo.click("#tab-orders");
    await bo.waitForSelector("#lock-button");
    await expect(bo.isDisabled("#lock-button")).resolves.toBe(true);
    await expect(bo.textContent("#lock-why")).resolves.toContain("Head of government");
    await expect(bo.textContent("#role-line")).resolves.toContain("Trade and finance minister");
    await expect(bo.getAttribute("[data-move=dual_use_exports] .move-button", "aria-disabled")).resolves.toBe("true");
    await shot(bo, "seminar-role-restricted");
    await expectNoSideways(bo);
    // Team chat, apart from diplomacy.
    await ana.click("#tab-inbox");
    await ana.click("[data-channel=CHN]");
    await ana.fill("#chat-input", TEAM_SECRET);
    await ana.click("#chat-send");
    await bo.click("#tab-inbox");
    // Public statements are the head of government's: the minister is told so, not refused after writing.
    await bo.click("[data-channel=public]");
    await bo.waitForFunction(() => !document.querySelector("#chat-input") && document.querySelector("#side-panel")?.textContent?.includes("speaks for your team"), null, { timeout: 15_000 });
    await bo.click("[data-channel=CHN]");
    await bo.locator(".message", { hasText: TEAM_SECRET }).waitFor({ timeout: 15_000 });
    await bo.waitForSelector("#chat-input");
  }, 60_000);

  it("pauses, and a custom inject reaches the players at once; the facilitator gets a confirmation", async () => {
    await fay.click("#pause-button");
    await ana.waitForFunction(() => document.body.textContent?.includes("Paused"), null, { timeout: 15_000 });
    await fay.fill("#custom-headline", "Cyberattack hits Seoul's banks");
    await fay.fill("#custom-text", "Payment systems are down across South Korea.");
    await fay.selectOption("#custom-subject", "world.tension");
    await fay.fill("#custom-by", "4");
    const sent = Date.now();
    await fay.click("#custom-send");
    await ana.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("Cyberattack hits Seoul's banks"), null, { timeout: 10_000 });
    console.log(`inject seen by a player ${Date.now() - sent} ms after the click`);
    await fay.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("Inject sent"), null, { timeout: 10_000 });
    // An override starts from the value the quantity has now (the facilitator adjusts, not guesses).
    await fay.selectOption("#override-subject", "world.tension");
    expect(Number(await fay.inputValue("#override-to"))).toBeGreaterThan(0);
    await ana.click("#tab-report");
    await expect(ana.textContent("#breaking-news")).resolves.toContain("Cyberattack hits Seoul's banks");
    await shot(ana, "seminar-breaking-news");
    await fay.click("#pause-button");
  }, 60_000);

  it("resolves, rolls the turn back with a reason, and forks a what-if copy", async () => {
    await fay.click("#resolve-button");
    await turnIs(ana, 2);
    await fay.fill("#rollback-reason", "The trade minister's order went to the wrong partner");
    await expect(fay.textContent("#rollback-button")).resolves.toBe("Roll back to turn 1");
    // It asks first, naming the turn the button names (the dialog is accepted for the whole test).
    const asked: string[] = [];
    const record = (d: { message(): string }) => void asked.push(d.message());
    fay.on("dialog", record);
    await fay.click("#rollback-button");
    fay.off("dialog", record);
    expect(asked).toEqual([expect.stringMatching(/^Roll back to turn 1 \(June 2024\)\?/)]);
    await turnIs(ana, 1);
    await turnIs(fay, 1);
    // The players are told, and the undone turn's news is gone from their News.
    await ana.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("rolled the game back to turn 1 (June 2024)"), null, { timeout: 15_000 });
    await ana.click("#tab-report");
    await ana.waitForFunction(() => document.querySelector("#side-panel")?.textContent?.includes("No turn has been resolved yet"), null, { timeout: 15_000 });
    await fay.fill("#fork-turn", "1");
    await fay.click("#fork-button");
    await fay.waitForFunction(() => document.querySelector("#fork-message")?.textContent?.includes("join code"), null, { timeout: 15_000 });
    // A course over weeks: this round ends in two days, then one round a week to the last turn.
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const local = new Date(inTwoDays.getTime() - inTwoDays.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await fay.fill("#rounds-first", local);
    await fay.click("#rounds-button");
    await fay.waitForFunction(() => document.querySelector("#rounds-message")?.textContent?.includes("12 rounds scheduled"), null, { timeout: 15_000 });
    // The console scrolls inside its panel; the page itself never does (the top bar stays put).
    expect(await fay.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1 && document.documentElement.scrollTop <= 1)).toBe(true);
    await shot(fay, "seminar-control-cell");
  }, 60_000);

  it("rules on a deal's outcome with a reason; deals say what they offer; schedules a scenario event for turn 2 and an inject for turn 3 it then cancels; long names stay in their columns", async () => {
    // A summit invitation to China from Russia's or America's leader. The bots that filled the
    // silent seats at the first resolution (replayed by the rollback) may have spent that seat's
    // capital on proposals of their own: then the ruling is on one of those.
    let deal: Proposal | undefined;
    for (const leader of [sdkSessions[0]!, sdkSessions[2]!]) {
      await leader.request({ type: "lock", turn: 1, locked: false });
      await leader.request({ type: "orders", turn: 1, orders: [] }); // "request/duplicate" when there were none
      const r = await leader.request({ type: "propose", turn: 1, order: { move: "bilateral_summit", target: "CHN" } });
      if (!r.ok) continue;
      const from = leader.credential.seat;
      for (let i = 0; i < 100 && !deal; i++) {
        deal = leader.snapshot().view.proposals.find((x) => x.from === from && x.order.move === "bilateral_summit");
        if (!deal) await fay.waitForTimeout(100);
      }
      break;
    }
    deal ??= sdkSessions[0]!.snapshot().view.proposals.find((x) => x.kind === "council") ?? sdkSessions[0]!.snapshot().view.proposals[0] ?? sdkSessions[2]!.snapshot().view.proposals[0];
    if (!deal) throw new Error("no proposal this turn to rule on");
    rulingOn = deal;
    await fay.click("#tab-control");
    const row = fay.locator(`[data-proposal="${deal.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await expect(row.locator(".tag").textContent()).resolves.toBe(deal.kind === "council" ? "Council draft" : "Deal");
    // A deal says what it offers in the scenario's words: a summit invitation reads as one.
    if (deal.order.move === "bilateral_summit") await expect(row.textContent()).resolves.toContain("invitation to a bilateral summit");
    const offers = Object.keys(scenario.moves)
      .filter((m) => scenario.moves[m]!.accept === "target")
      .map((m) => offerPhrase(scenario, m));
    const dealLines = await fay.locator(".deal-card").evaluateAll((cards) => cards.filter((c) => c.querySelector(".tag")?.textContent === "Deal").map((c) => c.querySelector(".deal-head .hint")?.textContent ?? ""));
    for (const line of dealLines) expect(offers.some((o) => line.endsWith(` ${o}`)), line).toBe(true);
    await row.locator(`[data-key="ruling-outcome-${deal.id}"]`).selectOption(deal.kind === "council" ? "failed" : "rejected");
    await row.locator(`[data-key="ruling-reason-${deal.id}"]`).fill(RULING_REASON);
    await row.locator(`[data-key="ruling-send-${deal.id}"]`).click();
    await row.locator(".ruling-now").waitFor({ timeout: 15_000 });
    await expect(row.locator(".ruling-now").textContent()).resolves.toContain(RULING_REASON);

    // An inject for turn 3, listed with its turn and a Cancel button.
    await fay.fill("#custom-headline", "Typhoon closes Busan's port");
    await fay.selectOption("#custom-when", "3");
    await fay.click("#custom-send");
    const scheduled = fay.locator("#scheduled-list tbody tr", { hasText: "Typhoon closes Busan's port" });
    await scheduled.waitFor({ timeout: 15_000 });
    await expect(scheduled.locator("td").first().textContent()).resolves.toBe("3");
    // A scenario event for turn 2, from the "Inject an event" form: it fires when turn 2 starts.
    await fay.selectOption("#inject-event", "trash_balloons");
    await fay.selectOption("#inject-when", "2");
    await fay.click("#inject-send");
    const scheduledEvent = fay.locator("#scheduled-list tbody tr", { hasText: "Trash balloons" });
    await scheduledEvent.waitFor({ timeout: 15_000 });
    await expect(scheduledEvent.locator("td").first().textContent()).resolves.toBe("2");
    await expect(scheduledEvent.textContent()).resolves.toContain("scenario event");
    await expect(scheduledEvent.locator("button", { hasText: "Cancel" }).count()).resolves.toBe(1);

    // A 40-character name and every table stay inside the console at 1280x720.
    await expect(fay.textContent("#control-panel")).resolves.toContain(LONG_NAME);
    const overflow = await fay.evaluate(() => [...document.querySelectorAll("#control-panel table, #control-panel section")].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.id || el.className));
    expect(overflow).toEqual([]);
    const showInPanel = (sel: string) => fay.evaluate((s) => document.querySelector(s)?.scrollIntoView({ block: "center" }), sel);
    await showInPanel(`[data-proposal="${deal.id}"]`);
    await shot(fay, "seminar-control-ruling");
    await showInPanel("#scheduled-title");
    await shot(fay, "seminar-control-scheduled");
    await showInPanel("#inject-title");
    await shot(fay, "seminar-control-inject-event");
    await showInPanel("#seats-title");
    await expectOrdersReadable(fay);
    await shot(fay, "seminar-control-seats-1280x720");
    // The console at the other sizes: a large screen, and a phone with nothing sideways.
    for (const [w, h] of [
      [1920, 1080],
      [390, 844],
    ] as const) {
      await fay.setViewportSize({ width: w, height: h });
      await fay.waitForTimeout(300);
      await showInPanel(`[data-proposal="${deal.id}"]`);
      await shot(fay, `seminar-control-ruling-${w}x${h}`);
      if (w === 390) await expectNoSideways(fay);
      await showInPanel("#seats-title");
      await expectOrdersReadable(fay);
      await shot(fay, `seminar-control-seats-${w}x${h}`);
    }
    await fay.setViewportSize({ width: 1280, height: 720 });
    await scheduled.locator("button", { hasText: "Cancel" }).click();
    await scheduled.waitFor({ state: "detached", timeout: 15_000 });
    await expect(fay.locator("#scheduled-list tbody tr").count()).resolves.toBe(1);
  }, 60_000);

  it("opens the projector: read-only, no secret in its DOM, storage or frames, and the console stays; turn 2 starts with the scheduled event, breaking news for players", async () => {
    const frames: string[] = [];
    const { page: pj } = await newPage(1920, 1080);
    pj.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(typeof f.payload === "string" ? f.payload : Buffer.from(f.payload).toString("utf8"))));
    await pj.goto(`${server.url}/?projector=${code}`);
    await pj.waitForSelector("canvas[data-ready=true]", { timeout: 60_000, state: "attached" });
    await pj.waitForSelector("#pj-locks li");
    await fay.click("#scoreboard-toggle");
    await pj.waitForSelector("#pj-scores:not([hidden]) li", { timeout: 15_000 });
    await shot(pj, "seminar-projector-1920x1080");
    const dom = (await pj.textContent("body")) ?? "";
    const stored = await pj.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).toBe("{}{}");
    const wire = frames.join("\n");
    for (const text of [dom, wire]) {
      expect(text).not.toContain(TEAM_SECRET);
      for (const label of secretLabels) expect(text, `secret objective "${label}"`).not.toContain(label);
    }
    expect(frames.length).toBeGreaterThan(0);
    // No controls to take anything over (the map's edge markers only select a country on this screen).
    expect(await pj.locator("button:not(.edge-marker), input, select, textarea").count()).toBe(0);

    // In the facilitator's own browser, beside the console: the console keeps its connection and credential.
    const before = await fay.evaluate(() => localStorage.getItem("faultline.credential"));
    const beside = await fayCtx.newPage();
    await beside.goto(`${server.url}/?projector=${code}`);
    await beside.waitForSelector("#pj-locks li", { timeout: 30_000 });
    await fay.waitForTimeout(500);
    expect(await fay.evaluate(() => localStorage.getItem("faultline.credential"))).toBe(before);
    expect(await fay.locator("#connection-banner:not([hidden])").count()).toBe(0);
    // The console still drives the game. Turn 2 starts with the event scheduled for it: a toast and
    // a breaking item for the players at once, and the console's list empties.
    await fay.click("#tab-control");
    await fay.click("#resolve-button");
    await turnIs(ana, 2);
    await ana.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("Breaking: Trash balloons"), null, { timeout: 15_000 });
    await ana.click("#tab-report");
    await expect(ana.textContent("#breaking-news")).resolves.toContain("Trash balloons");
    // The projector's ticker carries every headline of the turn's news (as an observer reads it),
    // readably at 1920x1080 and 1280x720, and as a static list where motion is reduced.
    const watcher = await new ColyseusGameServer(server.url, { retryForMs: 5000 }).join(code, { observer: true, name: "Ticker check" });
    sdkSessions.push(watcher);
    const last = watcher.snapshot().view.reports.at(-1);
    expect(last?.turn).toBe(1);
    const headlines = writeNews(scenario, last!).map((n) => n.headline);
    expect(headlines.length).toBeGreaterThan(3);
    await expectTickerReadable(pj, headlines, true);
    await expectTickerReadable(beside, headlines, true);
    await shot(beside, "seminar-projector-1280x720");
    await beside.emulateMedia({ reducedMotion: "reduce" });
    await expectTickerReadable(beside, headlines, false);
    await shot(beside, "seminar-projector-reduced-motion");
    await beside.emulateMedia({ reducedMotion: "no-preference" });
    await fay.waitForFunction(() => !document.querySelector("#scheduled-list"), null, { timeout: 15_000 });
    // The facilitator explains a relation at the debrief: why China and Russia stand where they do.
    await fay.click("#tab-country");
    await fay.selectOption("#country-select", "CHN");
    await fay.click("[data-key=why-RUS]");
    await fay.waitForFunction(() => (document.querySelector("#relation-opinions")?.textContent ?? "").includes("Started at"), null, { timeout: 15_000 });
    expect(await fay.getAttribute("[data-key=why-RUS]", "aria-expanded")).toBe("true");
    const reasons = await fay.locator("#relation-opinions li").allTextContents();
    expect(reasons.length).toBeGreaterThan(2);
    expect(reasons.at(-1)).toMatch(/^= -?[\d.,]+ now/);
    await shot(fay, "seminar-relation-why");
    await fay.click("#tab-control");

    // The console on a tablet, from the link the console offers: both drive the game, neither pushes the other out.
    await fay.click("#console-link summary");
    const link = (await fay.getAttribute("#console-link-url", "href")) ?? "";
    expect(link).toMatch(/\/#console=/);
    const { page: tablet } = await newPage(1024, 768);
    await tablet.goto(link);
    await tablet.waitForSelector("#pause-button", { timeout: 30_000 });
    // The credential left the address bar once kept.
    expect(await tablet.evaluate(() => location.hash)).toBe("");
    // Pause or resume from the tablet (the rollback left the game paused); the laptop follows, and back.
    const was = (await fay.textContent("#pause-button")) ?? "";
    const flip = (label: string) => (label === "Pause" ? "Resume" : "Pause");
    await tablet.click("#pause-button");
    await fay.waitForFunction((want) => document.querySelector("#pause-button")?.textContent === want, flip(was), { timeout: 15_000 });
    await fay.click("#pause-button");
    await tablet.waitForFunction((want) => document.querySelector("#pause-button")?.textContent === want, was, { timeout: 15_000 });
    expect(await fay.locator("#connection-banner:not([hidden])").count()).toBe(0);
    await tablet.close();
  }, 120_000);

  it("puts Control's ruling and its reason in the turn's news and the after-action report, and the scheduled event once in the log and the report", async () => {
    // The parties see it in their news (everyone, for a council draft); the facilitator sees all.
    const readers = [fay, ...(rulingOn!.kind === "council" || rulingOn!.from === "CHN" || rulingOn!.to.includes("CHN") ? [ana] : [])];
    for (const page of readers) {
      await page.click("#tab-report");
      await page.waitForFunction((reason) => document.querySelector("#report-panel")?.textContent?.includes(reason), RULING_REASON, { timeout: 15_000 });
      await expect(page.textContent("#report-panel")).resolves.toContain("Control's ruling");
    }
    const cred = JSON.parse((await fay.evaluate(() => localStorage.getItem("faultline.credential"))) ?? "{}") as { gameId: string; token: string };
    const html = await (await fetch(`${server.url}${exportPath(cred.gameId, "report")}`, { headers: { authorization: `Bearer ${cred.token}` } })).text();
    const text = html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    expect(text).toContain("Control's ruling");
    expect(text).toContain(RULING_REASON);
    expect(text).toContain("Cancelled the inject");

    // The console's JSON export is compact, as the report route's log is, and holds the ruling.
    await fay.click("#tab-control");
    const [download] = await Promise.all([fay.waitForEvent("download", { timeout: 30_000 }), fay.click("#export-button")]);
    const json = readFileSync((await download.path())!, "utf8");
    expect(json).not.toContain("\n");
    const log = JSON.parse(json) as { actions: { kind: string; who: string; payload: { reason?: string } }[] };
    expect(log.actions.find((a) => a.kind === "ruling")).toMatchObject({ who: "Prof. Fay", payload: { reason: RULING_REASON } });

    // The scheduled event fired once: one inject in the log, and once in turn 2 of the report.
    expect(log.actions.filter((a) => a.kind === "inject" && (a.payload as { event?: string }).event === "trash_balloons")).toHaveLength(1);
    await fay.click("#resolve-button");
    await turnIs(fay, 3);
    const after = (await (await fetch(`${server.url}${exportPath(cred.gameId, "report")}`, { headers: { authorization: `Bearer ${cred.token}` } })).text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    expect(after.split("<strong>Inject:</strong> Trash balloons").length - 1).toBe(1);
    expect(after.split('Injected the event "Trash balloons", as scheduled').length - 1).toBe(1);
    expect(after.split('Scheduled the event "Trash balloons" for turn 2').length - 1).toBe(1);

    // Class time is up at turn 3 of 12: the game ends after this turn, and every screen turns to the end screen.
    await fay.click("#end-after-button");
    await fay.waitForFunction(() => document.querySelector("#end-after")?.textContent?.includes("The game ends after turn 3 (August 2024)"), null, { timeout: 15_000 });
    await ana.waitForFunction(() => document.querySelector("#turn-label")?.textContent?.includes("Turn 3/3"), null, { timeout: 15_000 });
    await fay.click("#resolve-button");
    await ana.waitForFunction(() => document.querySelector("#scores-title")?.textContent?.startsWith("The game is over"), null, { timeout: 60_000 });
  }, 90_000);
});

describe("a seat kept for a bot", () => {
  it("is closed on the seat cards — a disabled button with the reason, for the keyboard and screen readers too — until the facilitator releases it", async () => {
    const { page: kay } = await newPage();
    await kay.goto(server.url);
    await kay.fill("#player-name", "Prof. Kay");
    await kay.click("details.advanced summary");
    await kay.check("[data-keep-seat=PRK]");
    await expect(kay.textContent("details.advanced summary")).resolves.toBe("Advanced options (1 seat kept for a bot)");
    await kay.click("#create-button");
    await kay.waitForSelector("#facilitate-button");
    const code = ((await kay.textContent("#created-code")) ?? "").trim();
    await kay.click("#facilitate-button");
    await kay.waitForSelector("[data-kept-row=PRK]");

    // A student on a phone, from the invite link: North Korea's card is closed, and says why.
    const { page: cy } = await newPage(390, 844);
    await cy.goto(`${server.url}/?join=${code}`);
    const closed = cy.locator("[data-kept=PRK]");
    await closed.waitFor({ timeout: 15_000 });
    expect(await cy.locator("[data-seat=PRK]").count()).toBe(0);
    await expect(closed.ariaSnapshot()).resolves.toContain('button "North Korea: Played by a bot" [disabled]');
    await expect(cy.textContent(`#${await closed.getAttribute("aria-describedby")}`)).resolves.toBe(KEPT_WORDS.why);
    // Reached with Tab, and pressing it does nothing.
    await closed.focus();
    await cy.keyboard.press("Enter");
    expect(await cy.evaluate(() => document.activeElement?.getAttribute("data-kept"))).toBe("PRK");
    expect(await cy.locator("#name-prompt[open]").count()).toBe(0);
    await closed.scrollIntoViewIfNeeded();
    await shot(cy, "seminar-phone-kept-seat");
    await expectNoSideways(cy);

    // A late student should play it after all: Release, and the card opens.
    await kay.click("[data-key=keep-PRK]");
    await kay.waitForFunction(() => document.querySelector("[data-kept-row=PRK]")?.textContent?.includes("Open"), null, { timeout: 15_000 });
    await cy.goto(`${server.url}/?join=${code}`);
    await cy.waitForSelector("[data-seat=PRK]", { timeout: 15_000 });
    expect(await cy.locator("[data-kept=PRK]").count()).toBe(0);
  }, 60_000);
});
