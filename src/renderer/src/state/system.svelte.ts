/** What the engine says about itself: versions, paths and the active ML backend. */
import type { MotifClient, SystemInfo } from '../../../shared/api';
import type { ReportError } from './toasts.svelte';

export class SystemStore {
  info = $state.raw<SystemInfo | null>(null);
  backend = $derived(this.info?.backend ?? null);
  /** "wasm", "starting…" while the worker has not reported, or "unavailable" after an error. */
  backendLabel = $derived(
    this.info === null
      ? '—'
      : this.info.backend
        ? this.info.backend.active
        : this.info.backendError
          ? 'unavailable'
          : 'starting…',
  );

  readonly #client: MotifClient;
  readonly #report: ReportError;

  constructor(client: MotifClient, report: ReportError) {
    this.#client = client;
    this.#report = report;
  }

  subscribe(): () => void {
    return this.#client.on('system.updated', (info) => {
      this.info = info;
    });
  }

  async load(): Promise<void> {
    try {
      this.info = await this.#client.call('system.info', {});
    } catch (error) {
      this.#report('Could not read the engine status', error);
    }
  }
}
