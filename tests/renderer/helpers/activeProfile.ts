/** A stand-in for the ProfilesStore where a store only needs the active profile and its changes. */
import type { ActiveProfile } from '../../../src/renderer/src/library/library.svelte';

export class TestProfile implements ActiveProfile {
  activeId: number | null;
  readonly listeners = new Set<(id: number | null) => void>();

  constructor(id: number | null) {
    this.activeId = id;
  }

  onChange(listener: (id: number | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes `id` active and tells the listeners, as picking a profile in the switcher does. */
  switchTo(id: number | null): void {
    this.activeId = id;
    for (const listener of [...this.listeners]) listener(id);
  }
}
