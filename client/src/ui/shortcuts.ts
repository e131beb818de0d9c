// Whether single-key shortcuts (1–6, C, B, P, L, ?) are on. WCAG 2.1.4: a speech-input user saying a
// word, or someone with a tremor, can fire them by accident, so they can be turned off; the choice is
// kept in this browser. Keys that act only while the map has focus are not affected.

const KEY = "faultline.shortcuts";
/** A choice made on this page, which outlives it only if storage allows. */
let chosen: boolean | null = null;

/** True unless the player turned single-key shortcuts off (default on). */
export function shortcutsOn(): boolean {
  if (chosen !== null) return chosen;
  try {
    return localStorage.getItem(KEY) !== "off";
  } catch {
    return true;
  }
}

/** Turns single-key shortcuts on or off, remembered in localStorage. */
export function setShortcutsOn(on: boolean): void {
  chosen = on;
  try {
    if (on) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, "off");
  } catch {
    // storage disabled: the choice lasts for this page
  }
}
