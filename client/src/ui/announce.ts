// The one place the app talks to screen readers: a small polite live region outside the panels
// (which redraw often), so only what changed is read out: an order added, lock-in, a resolved turn.

/**
 * An announcer writing to a live region through `write`. The region is emptied first and the
 * text written a moment later, so the same sentence twice in a row is still a change. Texts
 * announced within that moment are read together, in order: a resolved turn and the chat line
 * that came right after it are both heard, where the later one used to cancel the first.
 */
export function makeAnnouncer(write: (text: string) => void, gapMs = 60): (text: string) => void {
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (text) => {
    pending.push(text);
    write("");
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const all = pending.join(" ");
      pending = [];
      write(all);
    }, gapMs);
  };
}

const spoken = makeAnnouncer((text) => {
  const el = typeof document === "undefined" ? null : document.getElementById("announcer");
  if (el) el.textContent = text;
});

/** Reads `text` out once (politely). Repeating the same text reads it again. */
export function announce(text: string): void {
  spoken(text);
}
