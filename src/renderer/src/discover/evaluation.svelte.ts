/**
 * The Evaluation panel's state: whether it is open, which recommender version it shows (the
 * newest unless one was picked), and the cross-validation tables of each version, loaded once
 * (a version's evaluation never changes).
 */
import { SvelteMap } from 'svelte/reactivity';
import type { MotifClient } from '../../../shared/api';
import type { RecsModelDetails } from '../../../shared/recs';
import type { ReportError } from '../state/toasts.svelte';

export class EvaluationStore {
  open = $state(false);
  /** The version picked in the list; null follows the newest. */
  picked = $state<number | null>(null);
  readonly #details = new SvelteMap<number, RecsModelDetails>();
  // Bookkeeping, never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #inflight = new Set<number>();
  readonly #failed = new SvelteMap<number, string>();

  readonly #client: MotifClient;
  readonly #report: ReportError;

  constructor(client: MotifClient, report: ReportError) {
    this.#client = client;
    this.#report = report;
  }

  /** Asks again for an evaluation that could not be loaded. */
  retry(id: number): Promise<void> {
    this.#failed.delete(id);
    return this.ensure(id);
  }

  toggle(): void {
    this.open = !this.open;
  }

  pick(id: number | null): void {
    this.picked = id;
  }

  /** The version to show: the picked one while it exists, else the newest. */
  shownId(versionIds: readonly number[]): number | null {
    if (this.picked !== null && versionIds.includes(this.picked)) return this.picked;
    return versionIds[0] ?? null;
  }

  details(id: number | null): RecsModelDetails | undefined {
    return id === null ? undefined : this.#details.get(id);
  }

  loading(id: number | null): boolean {
    return id !== null && !this.#details.has(id) && !this.#failed.has(id);
  }

  failure(id: number | null): string | null {
    return id === null ? null : (this.#failed.get(id) ?? null);
  }

  /** Loads a version's evaluation unless it is loaded, on its way, or failed (see `retry`). */
  async ensure(id: number): Promise<void> {
    if (this.#details.has(id) || this.#inflight.has(id) || this.#failed.has(id)) return;
    this.#inflight.add(id);
    try {
      this.#details.set(id, await this.#client.call('recs.modelDetails', { modelId: id }));
    } catch (error) {
      this.#failed.set(id, error instanceof Error ? error.message : String(error));
      this.#report(`Could not load the evaluation of model ${id}`, error);
    } finally {
      this.#inflight.delete(id);
    }
  }
}
