// Accessibility in Chromium against the real server: what an axe-core and keyboard audit found
// (focus kept through game updates, scrollable panels reachable by keyboard, single-key shortcuts
// that can be turned off, contrast, headings and titles, what the announcer says and says once),
// and axe itself (WCAG 2.0/2.1 A and AA) on the start screen, every tab of a player's game screen
// and the workbench, at 1280×720 and 390×844, with no serious or critical violation.
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import type { GameSession } from "../../client/src/net/session-types.ts";
import { serverAndBrowserPerFile } from "./suite.ts";
import { SCREENSHOTS } from "./support.ts";

const suite = serverAndBrowserPerFile();
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TITLE = "The Pyongyang Summit, 2024";

/** Every text the announcer (#announcer) says, from the page's first moment, in `window.said`. */
const RECORD_ANNOUNCER = `(() => {
  window.said = [];
  document.addEventListener("DOMContentLoaded", () => {
    const region = document.getElementById("announcer");
    if (region) new MutationObserver(() => region.textContent && window.said.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  });
})()`;

async function newPage(width: number, height: number, opts: { bypassCSP?: boolean } = {}): Promise<Page> {
  const ctx: BrowserContext = await suite.browser.newContext({ viewport: { width, height }, ...opts });
  suite.contexts.push(ctx);
  await ctx.addInitScript(RECORD_ANNOUNCER);
  const page = await ctx.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  page.on("dialog", (d) => void d.accept());
  return page;
}

const said = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { said: string[] }).said);
const focusedId = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.id ?? "");

/** Joins game `code` in the browser as `seat`; resolves when its Orders tab is up. */
async function joinAs(page: Page, url: string, code: string, seat: string, name: string): Promise<void> {
  await page.goto(url);
  // The first page of a run may wait for the server's first build of the page under load.
  await page.waitForSelector("#player-name", { timeout: 60_000 });
  await page.fill("#player-name", name);
  await page.fill("#join-code", code);
  await page.click("#join-button");
  await page.click(`[data-seat=${seat}]`);
  await page.waitForSelector("#tab-orders[aria-selected=true]");
}

/** WCAG contrast of an element's text against its own background colour (with `extra` class added first). */
const contrastOf = (page: Page, selector: string, extra = ""): Promise<number> =>
  page.evaluate(([sel, cls]) => {
    const el = document.querySelector(sel!)!;
    if (cls) el.classList.add(cls);
    const st = getComputedStyle(el);
    const lum = (c: string): number => {
      const [r, g, b] = (c.match(/[\d.]+/g) ?? []).map(Number).map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [a, b] = [lum(st.color), lum(st.backgroundColor)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }, [selector, extra]);

describe("keyboard and screen readers (audit findings)", () => {
  let lobby: ColyseusGameServer;
  let fac: GameSession;
  let boris: GameSession;
  let code = "";
  let page: Page;

  it("gives the game screen a heading, a title per screen and a skip link that lands in main", async () => {
    lobby = new ColyseusGameServer(suite.server.url, { retryForMs: 5000 });
    fac = await lobby.createGame({ turnMinutes: 0, start: "now" });
    code = fac.snapshot().joinCode!;
    boris = await lobby.join(code, { seat: "RUS", name: "Boris" });
    page = await newPage(1280, 720);
    await joinAs(page, suite.server.url, code, "CHN", "Alice");
    expect(await page.title()).toBe(`China — ${TITLE} · Faultline`);
    expect(await page.locator("h1").allTextContents()).toEqual([`Faultline: ${TITLE}`]);
    await page.focus(".skip-link");
    await page.keyboard.press("Enter");
    await expect.poll(() => focusedId(page)).toBe("main");
  }, 60_000);

  it("keeps focus on the tab it was on when another seat chats and when a turn resolves", async () => {
    await page.focus("#tab-orders");
    await boris.chat("public", "Moscow is ready to talk.");
    await page.waitForFunction(() => document.querySelector("#tab-inbox .badge")?.textContent === "1");
    expect(await focusedId(page)).toBe("tab-orders");
    fac.facilitate({ action: "resolve" });
    await page.waitForFunction(() => document.querySelector("#turn-label")?.textContent?.includes("Turn 2/"), null, { timeout: 30_000 });
    await page.waitForSelector("#tab-report .badge");
    expect(await focusedId(page)).toBe("tab-orders");
  }, 60_000);

  it("reads out new messages in the open conversation (not your own), and no unread count while in Talks", async () => {
    await page.click("#tab-inbox");
    // A proper list of channel buttons, the open one marked as current (once the panel is drawn).
    await page.waitForSelector("#inbox-panel ul.channel-list button[data-channel=public]");
    expect(await page.locator("#inbox-panel [role=listitem]").count()).toBe(0);
    expect(await page.locator("#inbox-panel ul.channel-list > li > button[data-channel]").count()).toBeGreaterThan(0);
    expect(await page.getAttribute("#inbox-panel ul.channel-list button[data-channel=public]", "aria-current")).toBe("true");
    await page.evaluate(() => ((window as unknown as { said: string[] }).said = []));
    const long = `We propose a summit in Vladivostok next month, with trade on the table and the border talks ${"again ".repeat(10)}`;
    await boris.chat("public", long);
    await page.waitForFunction(() => document.querySelectorAll("#messages .message").length === 2);
    await expect.poll(() => said(page)).toContain(`Russia: ${long.slice(0, 80)}`);
    await page.fill("#chat-input", "Beijing welcomes it.");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("#messages .message").length === 3);
    await page.waitForTimeout(500);
    const heard = await said(page);
    expect(heard.filter((t) => t.includes("Beijing welcomes it"))).toEqual([]);
    expect(heard.filter((t) => t.includes("unread in Talks"))).toEqual([]);
    // Near the 2,000-character limit the box says how much is left (a paste used to stop short
    // without a word), through the box's description rather than one more live region.
    expect(await page.isHidden("#chat-count")).toBe(true);
    await page.fill("#chat-input", "x".repeat(1900));
    await expect(page.textContent("#chat-count")).resolves.toBe("100 characters left.");
    expect(await page.getAttribute("#chat-input", "aria-describedby")).toBe("chat-count");
    await page.fill("#chat-input", "y".repeat(2600));
    await expect(page.textContent("#chat-count")).resolves.toBe("2,000 characters: the most a message can hold.");
    await page.fill("#chat-input", "");
    expect(await page.isHidden("#chat-count")).toBe(true);
  }, 60_000);

  it("speaks a breaking inject once (the toast), not twice", async () => {
    await page.evaluate(() => ((window as unknown as { said: string[] }).said = []));
    fac.facilitate({ action: "custom", headline: "Typhoon closes Busan's port", changes: [] });
    await page.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("Typhoon closes Busan's port"));
    await page.waitForTimeout(500);
    expect((await said(page)).filter((t) => t.includes("Typhoon"))).toEqual([]);
    expect(await page.getAttribute("#toast", "role")).toBe("alert");
  }, 30_000);

  it("lets the keyboard reach and scroll the side panel, with a visible ring", async () => {
    await page.setViewportSize({ width: 1280, height: 420 });
    await page.click("#tab-scores");
    await page.focus("#tab-scores");
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("side-panel");
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe("none");
    expect(await page.evaluate(() => document.querySelector("#side-panel")!.scrollHeight > document.querySelector("#side-panel")!.clientHeight)).toBe(true);
    await page.keyboard.press("PageDown");
    await expect.poll(() => page.evaluate(() => document.querySelector("#side-panel")!.scrollTop)).toBeGreaterThan(0);
    // On a phone the lock-in list scrolls sideways: it is in tab order there.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.querySelector("#lock-status")?.getAttribute("tabindex") === "0");
    // The switch for single-key shortcuts is reachable there too, and the bar still fits.
    expect(await page.isVisible("#help-button")).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, "a11y-phone-top-bar.png"), clip: { x: 0, y: 0, width: 390, height: 160 } });
    await page.setViewportSize({ width: 1280, height: 720 });
  }, 30_000);

  it("meets 4.5:1 on the badges and the urgent clock, and marks your own seat without the focus colour", async () => {
    await page.waitForSelector("#tab-inbox .badge, #tab-report .badge");
    const badge = (await page.locator("#tab-report .badge").count()) ? "#tab-report .badge" : "#tab-inbox .badge";
    expect(await contrastOf(page, badge)).toBeGreaterThanOrEqual(4.5);
    expect(await contrastOf(page, "#clock", "urgent")).toBeGreaterThanOrEqual(4.5);
    const mine = await page.evaluate(() => {
      const st = getComputedStyle(document.querySelector(".seat-chip.mine")!);
      return { outline: st.outlineStyle, border: st.borderColor };
    });
    expect(mine.outline).toBe("none");
    // --focus is #f0e442.
    expect(mine.border).not.toBe("rgb(240, 228, 66)");
  }, 30_000);

  it("turns single-key shortcuts off from the help dialog, remembered across a reload; the help button still opens help", async () => {
    await page.click("#tab-orders");
    await page.focus("#tab-orders");
    await page.keyboard.press("3");
    await page.waitForSelector("#tab-report[aria-selected=true]");
    await page.click("#help-button");
    expect(await page.isChecked("#shortcuts-switch")).toBe(true);
    expect(await page.getAttribute("#shortcuts-switch", "role")).toBe("switch");
    await page.click("#shortcuts-switch");
    await page.keyboard.press("Escape");
    await page.focus("#tab-report");
    await page.keyboard.press("1");
    await page.keyboard.press("?");
    await page.waitForTimeout(300);
    expect(await page.getAttribute("#tab-report", "aria-selected")).toBe("true");
    expect(await page.evaluate(() => document.querySelector<HTMLDialogElement>("#help-dialog")!.open)).toBe(false);
    await page.reload();
    // The reload comes back to the tab that was open (News), and the shortcuts stay off.
    await page.waitForSelector("#tab-report[aria-selected=true]");
    await page.focus("#tab-report");
    await page.keyboard.press("1");
    await page.waitForTimeout(300);
    expect(await page.getAttribute("#tab-report", "aria-selected")).toBe("true");
    await page.click("#help-button");
    expect(await page.isChecked("#shortcuts-switch")).toBe(false);
    await page.click("#shortcuts-switch");
    await page.keyboard.press("Escape");
    await page.focus("#tab-report");
    await page.keyboard.press("1");
    await page.waitForSelector("#tab-orders[aria-selected=true]");
  }, 60_000);

  it("gives the console and the projector a heading and a title, names the console's empty table headers, and lets keys reach the projector's side", async () => {
    fac.facilitate({ action: "custom", headline: "Elections called in Seoul", changes: [], turn: 4 });
    const console_ = await newPage(1280, 720);
    const cred = fac.credential;
    await console_.goto(`${suite.server.url}/#console=${encodeURIComponent(cred.gameId)}.${encodeURIComponent(cred.token)}`);
    await console_.waitForSelector("#scheduled-list");
    expect(await console_.title()).toBe(`Console — ${TITLE} · Faultline`);
    expect(await console_.locator("h1").count()).toBe(1);
    expect((await console_.textContent("#scheduled-list thead th:nth-child(3)"))?.trim()).not.toBe("");
    const pj = await newPage(1920, 1080);
    await pj.goto(`${suite.server.url}/?projector=${code}`);
    await pj.waitForSelector("#pj-locks li");
    expect(await pj.title()).toBe(`Projector — ${TITLE} · Faultline`);
    expect(await pj.locator("h1").count()).toBe(1);
    expect(await pj.getAttribute("aside.pj-side", "tabindex")).toBe("0");
    for (const s of [boris, fac]) await s.leave();
  }, 60_000);

  it("announces the turn clock's last minute once", async () => {
    const quick = await lobby.createGame({ turnMinutes: 1, start: "now" });
    const p = await newPage(1280, 720);
    await joinAs(p, suite.server.url, quick.snapshot().joinCode!, "JPN", "Aiko");
    await p.waitForSelector("#clock.urgent", { timeout: 15_000 });
    await p.waitForTimeout(2500);
    expect((await said(p)).filter((t) => t.includes("One minute left"))).toHaveLength(1);
    await quick.leave();
  }, 60_000);

  it("opens help on how the game works, with the scenario's own numbers, before the keys", async () => {
    await page.click("#help-button");
    // It opens at its top, focus on the Close there (not scrolled to the switch at the bottom).
    await expect(focusedId(page)).resolves.toBe("help-close-top");
    expect(await page.evaluate(() => document.querySelector("#help-dialog")!.scrollTop)).toBe(0);
    const headings = await page.$$eval("#help-dialog h2", (hs) => hs.map((x) => x.textContent));
    expect(headings).toEqual(["How the game works", "Keyboard shortcuts"]);
    await expect(page.textContent("#help-dialog .how-to-play")).resolves.toContain("Each month you have 3 political capital.");
    await page.keyboard.press("Escape");
  });

  it("puts the panels out of action once another tab has taken the seat, so no click looks as if it worked", async () => {
    const second = await page.context().newPage();
    await second.goto(suite.server.url);
    await second.waitForSelector("#tab-orders[aria-selected=true]", { timeout: 30_000 });
    await page.waitForSelector(".conn-banner.error", { timeout: 15_000 });
    expect(await page.evaluate(() => (document.querySelector("aside.side") as HTMLElement).inert)).toBe(true);
    await expect(page.textContent(".conn-banner.error button")).resolves.toBe("Take the seat back in this window");
    await second.close();
  }, 60_000);
});

describe("axe-core (WCAG 2.0/2.1 A and AA)", () => {
  /** Serious and critical violations on the page as it is now, one line each. */
  async function violations(page: Page, where: string): Promise<string[]> {
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run(ctx: Document, o: object): Promise<unknown> } }).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
    )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(", ")}`);
  }

  it("finds no serious or critical violation on the start screen, every tab of a player's screen, and the workbench", async () => {
    const lobby = new ColyseusGameServer(suite.server.url, { retryForMs: 5000 });
    const fac = await lobby.createGame({ turnMinutes: 0, start: "now" });
    const code = fac.snapshot().joinCode!;
    const found: string[] = [];
    for (const [w, h] of [[1280, 720], [390, 844]] as const) {
      // axe is injected as a script: the server's Content-Security-Policy would refuse it.
      const page = await newPage(w, h, { bypassCSP: true });
      await page.goto(suite.server.url);
      await page.waitForSelector("#create-button");
      found.push(...(await violations(page, `start ${w}`)));
      await joinAs(page, suite.server.url, code, w === 1280 ? "CHN" : "KOR", "Alice");
      const tabs = await page.locator("[role=tab]").evaluateAll((els) => els.map((e) => e.id));
      for (const tab of tabs) {
        await page.click(`#${tab}`);
        await page.waitForTimeout(300);
        found.push(...(await violations(page, `${tab} ${w}`)));
      }
      await page.goto(`${suite.server.url}/workbench`);
      await page.waitForSelector("#wb-valid", { timeout: 20_000 });
      await page.fill("#wb-games", "5");
      await page.click("#wb-run");
      await page.waitForFunction(() => /^5 games/.test(document.querySelector("#sim-summary")?.textContent ?? ""), null, { timeout: 60_000 });
      found.push(...(await violations(page, `workbench ${w}`)));
      // What axe's WCAG rules leave out: the editor's name and its focus ring (its host clips
      // CodeMirror's own), the progress bar's name, and no empty header in the report's tables.
      expect(await page.getAttribute(".cm-content", "aria-label")).toBe("Scenario file (YAML)");
      expect(await page.getAttribute("#wb-progress", "aria-label")).toBeTruthy();
      expect(await page.locator("#wb-report th").evaluateAll((ths) => ths.filter((th) => !th.textContent?.trim()).length)).toBe(0);
      await page.focus(".cm-content");
      expect(await page.evaluate(() => getComputedStyle(document.querySelector("#wb-editor")!).outlineStyle)).not.toBe("none");
    }
    expect(found).toEqual([]);
    await fac.leave();
  }, 240_000);
});
