// This browser tab's own storage (sessionStorage): what one tab keeps apart from another tab of the
// same game (its seat, its open panel, its unsent chat). Null where the browser refuses it
// (private modes, storage disabled) or outside a browser; callers then forget between reloads.

/** The tab's storage, if the browser allows it. */
export function tabStorage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}
