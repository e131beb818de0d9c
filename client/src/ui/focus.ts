// Re-rendering a panel replaces its DOM; this keeps keyboard focus (and caret) on the element
// with the same data-key, so players using the keyboard are not thrown back to the top.

/** Runs `render` and then restores focus to the element that had the same data-key. */
export function preserveFocus(container: HTMLElement, render: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && container.contains(active) ? active.dataset["key"] : undefined;
  const caret = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active.selectionStart : null;
  const scroll = container.scrollTop;
  render();
  container.scrollTop = scroll;
  if (!key) return;
  const next = container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  if (!next) return;
  next.focus({ preventScroll: true });
  if (caret !== null && (next instanceof HTMLInputElement || next instanceof HTMLTextAreaElement)) {
    try {
      next.setSelectionRange(caret, caret);
    } catch {
      // number inputs do not support selection ranges
    }
  }
}
