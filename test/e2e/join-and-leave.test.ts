// A student asks to join a team from a phone and is let in once, onto a live screen; then, in the
// same tab, leaves and opens another game, whose screen follows that game (a board left subscribed
// to the store after Leave froze the next game's screen with "reading 'worldView'").
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import type { SeatRequest } from "../../shared/protocol.ts";
import { serverAndBrowserPerFile } from "./suite.ts";

const suite = serverAndBrowserPerFile();

async function phonePage(errors: string[]): Promise<Page> {
  const ctx = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  suite.contexts.push(ctx);
  const page = await ctx.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => void d.accept());
  return page;
}

describe("joining a team by asking, and opening another game in the same tab", () => {
  it("asks once, says so on the card, is let in onto a live screen, and after Leave follows the next game", async () => {
    const lobby = new ColyseusGameServer(suite.server.url, { retryForMs: 5000 });
    const facilitator = await lobby.createGame({ turnMinutes: 0, start: "now" });
    const code = facilitator.snapshot().joinCode!;
    // China's holder plays in a browser, on her Orders tab: the request must reach her there.
    const anaErrors: string[] = [];
    const ana = await phonePage(anaErrors);
    await ana.setViewportSize({ width: 1280, height: 720 });
    await ana.goto(suite.server.url);
    await ana.fill("#player-name", "Ana");
    await ana.fill("#join-code", code);
    await ana.click("#join-button");
    await ana.click("[data-seat=CHN]");
    await ana.waitForSelector("#tab-orders[aria-selected=true]");
    let waiting: SeatRequest[] = [];
    facilitator.onSeatRequests!((list) => (waiting = list));

    const errors: string[] = [];
    const eve = await phonePage(errors);
    await eve.goto(suite.server.url);
    await eve.fill("#player-name", "Eve");
    await eve.fill("#join-code", code);
    await eve.click("#join-button");
    await eve.click("[data-ask-team=CHN]");
    // The card itself says the request is out, and its button now withdraws it rather than asking again.
    await eve.waitForFunction(() => document.querySelector("[data-team-status=CHN]")?.textContent?.includes("Waiting for China's team"));
    expect(await eve.textContent("[data-ask-team=CHN]")).toBe("Cancel request");
    await expect.poll(() => waiting.map((r) => r.name)).toEqual(["Eve"]);
    // Ana is told at once, and the Talks tab counts it, whichever tab she is on.
    await ana.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("Eve asks to join China"));
    await ana.waitForFunction(() => document.querySelector("#tab-inbox .badge")?.textContent === "1");
    await facilitator.answerSeatRequest(waiting[0]!.id, true);
    // Answered by the facilitator: it leaves Ana's screen, so nobody answers it twice.
    await ana.waitForFunction(() => !document.querySelector("#tab-inbox .badge"));
    await eve.waitForSelector("#turn-label");
    await expect.poll(() => waiting.length).toBe(0);
    const seats = facilitator.snapshot().seats.find((x) => x.id === "CHN")!.players.map((p) => p.name);
    expect(seats).toEqual(["Ana", "Eve"]);

    // A resolution reaches her screen.
    facilitator.facilitate({ action: "resolve" });
    await eve.waitForFunction(() => document.querySelector("#turn-label")?.textContent?.includes("Turn 2/"), undefined, { timeout: 30_000 });

    // Leave, then open another game in the same tab: its screen follows it.
    const second = await lobby.createGame({ turnMinutes: 0, start: "now" });
    await eve.click("#leave-button");
    await eve.fill("#join-code", second.snapshot().joinCode!);
    await eve.click("#join-button");
    await eve.click("#watch-button");
    await eve.waitForFunction(() => document.querySelector("#turn-label")?.textContent?.includes("Turn 1/"));
    for (const turn of [2, 3]) {
      second.facilitate({ action: "resolve" });
      await eve.waitForFunction((t) => document.querySelector("#turn-label")?.textContent?.includes(`Turn ${t}/`), turn, { timeout: 30_000 });
    }
    expect([...errors, ...anaErrors]).toEqual([]);
    for (const s of [facilitator, second]) await s.leave();
  }, 120_000);
});
