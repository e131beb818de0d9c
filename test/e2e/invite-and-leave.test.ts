// Three friends: an invite link opens the start page on the game with its seats; every seated
// player sees the join code in the top bar; a team code typed as a join code is named as such;
// the waiting room says what starts the game and who can; a seat whose person dropped is marked
// offline; a player back after a turn resolved without them is told so; and Leave frees the seat.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import { serverAndBrowserPerFile } from "./suite.ts";

const suite = serverAndBrowserPerFile();

describe("inviting friends, dropping out and leaving", () => {
  it("invite link, code in the top bar, truthful waiting room, offline marker, away notice, and a real Leave", async () => {
    const lobby = new ColyseusGameServer(suite.server.url, { retryForMs: 5000 });
    const ana = await lobby.createGame({ turnMinutes: 0, start: "full", creatorName: "Ana", missingSeats: "bot" });
    const gameId = ana.credential.gameId;
    const code = ana.snapshot().joinCode!;
    const errors: string[] = [];
    const ctx = await suite.browser.newContext({ viewport: { width: 1280, height: 720 } });
    suite.contexts.push(ctx);
    const open = async (): Promise<Page> => {
      const page = await ctx.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("dialog", (d) => void d.accept());
      return page;
    };

    // The invite link fills in the code and shows the seats at once.
    let ben = await open();
    await ben.goto(`${suite.server.url}/?join=${code}`);
    await ben.waitForSelector("[data-seat=CHN]");
    expect(await ben.inputValue("#join-code")).toBe(code);
    expect(ben.url()).not.toContain("join=");
    // Nobody typed a name above the seats: Play asks for it first, so nobody plays as "Player".
    expect(await ben.inputValue("#player-name")).toBe("");
    await ben.click("[data-seat=CHN]");
    await ben.waitForSelector("#name-prompt[open]");
    expect(await ben.evaluate(() => document.activeElement?.id)).toBe("name-prompt-input");
    expect(await ben.textContent("#name-prompt-go")).toBe("Play China");
    await ben.keyboard.type("Ben");
    await ben.keyboard.press("Enter");
    // Seated, Ben sees the game's code and can copy an invite link.
    await ben.waitForSelector("#join-code-label");
    expect(await ben.textContent("#join-code-label")).toContain(code);
    expect(await ben.isVisible("#copy-invite")).toBe(true);
    await ben.waitForFunction(() => document.querySelector("#waiting-line")?.textContent?.startsWith("Starts when all 6 seats have people (1 of 6 now) or when Ana starts it."));

    // A team code typed where the join code goes is named as such.
    // Another browser: this one holds Ben's seat and would return to it.
    const cleoCtx = await suite.browser.newContext({ viewport: { width: 1280, height: 720 } });
    suite.contexts.push(cleoCtx);
    const cleo = await cleoCtx.newPage();
    cleo.on("pageerror", (e) => errors.push(e.message));
    await cleo.goto(suite.server.url);
    await cleo.fill("#join-code", ana.teamCodes!["CHN"]!);
    await cleo.click("#join-button");
    await cleo.waitForFunction(() => document.querySelector("#join-error")?.textContent?.startsWith("That looks like a team code"));
    await cleo.close();

    // Ana starts with bots on the empty seats; Boris joins Russia and drops: Ben sees it offline.
    ana.facilitate({ action: "start" });
    await ben.waitForFunction(() => !document.querySelector("#lobby-tag"));
    const boris = await lobby.join(gameId, { seat: "RUS", name: "Boris" });
    await ben.waitForFunction(() => document.querySelector("[data-chip=RUS]") && !document.querySelector("[data-chip=RUS]")?.classList.contains("offline"));
    await boris.leave();
    await ben.waitForFunction(() => document.querySelector("[data-chip=RUS].offline")?.textContent?.includes("offline"));
    expect(await ben.getAttribute("[data-chip=RUS]", "title")).toContain("offline: its turn resolves without them");

    // Ben's tab closes; turn 1 resolves without him; back, he is told, and the News tab says new.
    await ben.close();
    await new Promise((r) => setTimeout(r, 500));
    ana.facilitate({ action: "resolve" });
    await expect.poll(() => ana.snapshot().view.turn, { timeout: 30_000 }).toBe(2);
    ben = await open();
    await ben.goto(suite.server.url);
    await ben.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("While you were away, turn 1 resolved without you"), undefined, { timeout: 30_000 }).catch(async (e: unknown) => {
      throw new Error(`no away notice; the toast reads ${JSON.stringify(await ben.textContent("#toast"))}: ${String(e)}`);
    });
    await ben.waitForFunction(() => document.querySelector("#tab-report .badge")?.textContent === "new");
    expect(ana.snapshot().seats.find((s) => s.id === "CHN")?.players.map((p) => p.name)).toEqual(["Ben"]);

    // The invite link again, in another tab of Ben's browser: his own card says he plays China
    // here, with the way back, not "Ask to join" his own team.
    const again = await open();
    await again.goto(`${suite.server.url}/?join=${code}`);
    await again.waitForSelector("[data-return-seat=CHN]");
    expect(await again.textContent(".seat-card:has([data-return-seat=CHN])")).toContain("You are playing China here.");
    expect(await again.$("[data-ask-team=CHN]")).toBeNull();
    expect(await again.textContent("#return-seat-button")).toBe("Return to China");
    await again.click("#return-seat-button");
    await again.waitForSelector("#leave-button");
    await ben.close();
    ben = again;

    // Leave takes Ben off China for good: the seat is free to take, and a bot's meanwhile; the
    // button says so before it is pressed.
    expect(await ben.getAttribute("#leave-button", "title")).toContain("China is free for anyone to take");
    // The confirm dialog says the same, not "you can come back with the join code".
    const asked = new Promise<string>((resolve) => ben.once("dialog", (d) => resolve(d.message())));
    await ben.click("#leave-button");
    await expect(asked).resolves.toContain("China is free for anyone to take");
    await ben.waitForSelector("#join-code");
    await expect.poll(() => ana.snapshot().seats.find((s) => s.id === "CHN")?.bot, { timeout: 10_000 }).toBe(true);
    const described = (await (await fetch(`${suite.server.url}/api/games/${gameId}?scenario=0`)).json()) as { freeSeats: string[] };
    expect(described.freeSeats).toContain("CHN");
    expect(errors).toEqual([]);
    await ana.leave();
  }, 180_000);
});
