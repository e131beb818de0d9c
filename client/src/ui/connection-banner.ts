// A clear banner when the connection drops, and a brief one when it comes back.
import type { Store } from "../store.ts";
import type { LostCause } from "../net/session-types.ts";
import { h } from "../dom.ts";
import { saveCredential } from "../credentials.ts";

/** Builds the banner; it follows the session's connection status in the store. */
export function createConnectionBanner(store: Store): { el: HTMLElement; dispose: () => void } {
  const el = h("div", { class: "conn-banner", role: "status", "aria-live": "assertive", id: "connection-banner", hidden: true });
  let timer = 0;
  const off = store.subscribe((s, prev) => {
    if (s.status === prev.status) return;
    window.clearTimeout(timer);
    el.hidden = false;
    if (s.status === "reconnecting") {
      el.className = "conn-banner warn";
      el.textContent = `⚠ Connection lost — reconnecting… Your orders are safe; what you do now goes out once you are back.${s.statusReason ? ` (${s.statusReason})` : ""}`;
    } else if (s.status === "lost") {
      el.className = "conn-banner error";
      el.replaceChildren(
        `✕ Disconnected from the game${s.statusReason ? `: ${s.statusReason}` : "."} `,
        h("button", { type: "button", onclick: () => rejoin(store) }, rejoinLabel(s.statusCause)),
      );
    } else {
      el.className = "conn-banner ok";
      el.textContent = "✔ Reconnected — you are back in the game.";
      timer = window.setTimeout(() => (el.hidden = true), 4000);
    }
  });
  // The server's database refused a write: a lasting warning (a toast alone is easy to miss).
  const offStorage = store.subscribe((s, prev) => {
    if (!s.storageErrorAt || s.storageErrorAt === prev.storageErrorAt || s.status !== "connected") return;
    window.clearTimeout(timer);
    el.hidden = false;
    el.className = "conn-banner warn";
    el.textContent = "⚠ The server cannot save changes right now (its database refused a write): what was refused is not kept. Tell the host.";
    timer = window.setTimeout(() => (el.hidden = true), 60_000);
  });
  return {
    el,
    dispose: () => {
      off();
      offStorage();
    },
  };
}

/**
 * Reloads into this window's own seat: another tab may since have opened another role of this
 * browser (the facilitator's console), and the reload must not open that one instead.
 */
export function rejoin(store: Store, reload: () => void = () => location.reload()): void {
  const s = store.get();
  if (s.statusCause === "taken-over" && s.session) saveCredential(s.session.credential);
  reload();
}

/** What reloading does after the session was lost for `cause`. */
export function rejoinLabel(cause: LostCause | undefined): string {
  switch (cause) {
    case "taken-over":
      return "Take the seat back in this window";
    case "reseated": // the credential now holds the new seat, so a reload opens it
      return "Go to your new team";
    case "removed":
      return "Back to the start page";
    default:
      return "Reload to rejoin your seat";
  }
}
