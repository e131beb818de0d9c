// Re-rendering a panel replaces its DOM; this keeps keyboard focus (and caret) on the element
// with the same data-key, so players using the keyboard are not thrown back to the top.

/**
 * Runs `render` and then restores focus to the element that had the same data-key (or id), or to `fallback`
 * (a data-key) when that element is gone, or to the container itself, so focus never drops to the
 * page when the control the user acted on disappears (e.g. "Add to orders" closes its editor).
 */
export function preserveFocus(container: HTMLElement, render: () => void, fallback?: string): void {
  const active = document.activeElement as HTMLElement | null;
  const inside = active !== null && active !== container && container.contains(active);
  const key = inside ? active.dataset["key"] : undefined;
  const caret = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active.selectionStart : null;
  const scroll = container.scrollTop;
  render();
  container.scrollTop = scroll;
  if (!inside || (!key && active.isConnected)) return;
  const find = (k: string): HTMLElement | null => container.querySelector<HTMLElement>(`[data-key="${CSS.escape(k)}"]`);
  // An element without a data-key but with an id (a panel's heading) is found again by its id.
  const sameId = !key && active.id ? container.querySelector<HTMLElement>(`#${CSS.escape(active.id)}`) : null;
  const next = (key ? find(key) : null) ?? sameId ?? (fallback ? find(fallback) : null);
  if (!next) {
    if (container.tabIndex < 0 && !container.hasAttribute("tabindex")) container.setAttribute("tabindex", "-1");
    container.focus({ preventScroll: true });
    return;
  }
  next.focus({ preventScroll: true });
  if (caret !== null && (next instanceof HTMLInputElement || next instanceof HTMLTextAreaElement)) {
    try {
      next.setSelectionRange(caret, caret);
    } catch {
      // number inputs do not support selection ranges
    }
  }
}
