// Top-level flow: resume a stored seat, else the start screen; once a session exists, the game screen.
import type { GameServer, GameSession } from "./net/session-types.ts";
import type { Store } from "./store.ts";
import { clearCredential, loadCredential, saveCredential } from "./credentials.ts";
import { h, replace } from "./dom.ts";
import { mountStartScreen } from "./ui/start-screen.ts";
import { mountGameScreen } from "./ui/game-screen.ts";
import { bindSession } from "./session-binding.ts";
import { inviteCode } from "./ui/invite.ts";
import { watchAway } from "./away.ts";

/** Starts the client in `root`. Without a network layer it says so rather than failing silently. */
export async function startApp(root: HTMLElement, store: Store, server: GameServer | null): Promise<void> {
  if (!server) {
    replace(root, h("main", { id: "main", class: "start" }, h("h1", {}, "Faultline"), h("p", { role: "alert" }, "The game server connection is not available in this build.")));
    return;
  }
  let unmount: (() => void) | null = null;

  const showStart = (message?: string, joinCode?: string): void => {
    unmount?.();
    unmount = mountStartScreen(root, server, { onSession: enter, message, joinCode });
  };

  const enter = (session: GameSession): void => {
    saveCredential(session.credential);
    unmount?.();
    const unbind = bindSession(store, session);
    const unmountGame = mountGameScreen(root, store, {
      server,
      onLeave: async () => {
        clearCredential(session.credential);
        // The server takes the person off their team (a seat nobody is left on becomes free); a
        // failure still leaves the page: the seat then stays held, as before.
        await session.leaveSeat?.().catch(() => undefined);
        await session.leave().catch(() => undefined);
        showStart();
      },
      onSwitch: (next) => enter(next),
    });
    // After the screen is up: its toast shows what changes from then on.
    const unwatch = watchAway(store, session);
    unmount = () => {
      unwatch();
      unbind();
      unmountGame();
    };
  };

  // An invite link opens the start screen on its game, even with a seat of another game stored
  // (that seat stays kept); the code leaves the address bar so a reload does not reopen it.
  const invited = inviteCode(location);
  if (invited) {
    history.replaceState(null, "", location.pathname);
    showStart(loadCredential() ? "Your seat in the game you were in is kept: open the site again without the invite link to return to it." : undefined, invited);
    return;
  }
  const stored = loadCredential();
  if (stored) {
    replace(root, h("main", { id: "main", class: "start" }, h("p", { class: "loading" }, `Returning to your seat in game ${stored.gameId}…`)));
    try {
      enter(await server.resume(stored));
      return;
    } catch (err) {
      clearCredential(stored);
      showStart(`Could not return to your seat: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
  }
  showStart();
}
