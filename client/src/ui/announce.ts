// The one place the app talks to screen readers: a small polite live region outside the panels
// (which redraw often), so only what changed is read out: an order added, lock-in, a resolved turn.

let timer = 0;

/** Reads `text` out once (politely). Repeating the same text reads it again. */
export function announce(text: string): void {
  const el = document.getElementById("announcer");
  if (!el) return;
  el.textContent = "";
  window.clearTimeout(timer);
  // A short gap so the same sentence twice in a row is still a change.
  timer = window.setTimeout(() => (el.textContent = text), 60);
}
