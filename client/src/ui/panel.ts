// The shape every side panel has: an element and a render function fed from the store.
import type { Store, UiState } from "../store.ts";

export interface Panel {
  el: HTMLElement;
  /** Redraws from the state; called when the panel is visible and the state changed. */
  render(state: UiState): void;
  /** Called when the panel's tab is opened, before its first render there. */
  shown?(): void;
}

export type PanelFactory = (store: Store) => Panel;
