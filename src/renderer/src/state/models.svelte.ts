/**
 * Trained model versions from the catalogue. Refreshes when the catalogue says models changed
 * and when a job finishes (a finished job may have saved a model).
 */
import type { MotifClient } from '../../../shared/api';
import { isFinished } from '../../../shared/jobs';
import type { ModelVersion } from '../../../shared/models';
import { SvelteSet } from 'svelte/reactivity';
import { coalesce } from '../lib/coalesce';
import type { ReportError } from './toasts.svelte';

export class ModelsStore {
  items = $state.raw<ModelVersion[]>([]);
  loaded = $state(false);
  /** Ids whose models.delete call is in flight. */
  readonly deleting = new SvelteSet<number>();

  readonly #client: MotifClient;
  readonly #report: ReportError;
  // Bookkeeping only, never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #seenFinished = new Set<number>();

  readonly load: () => Promise<void> = coalesce(async () => {
    try {
      const items = await this.#client.call('models.list', {});
      this.items = [...items].sort((a, b) => b.id - a.id);
      this.loaded = true;
    } catch (error) {
      this.#report('Could not load model versions', error);
    }
  });

  constructor(client: MotifClient, report: ReportError) {
    this.#client = client;
    this.#report = report;
  }

  subscribe(): () => void {
    const offCatalogue = this.#client.on('catalogue.changed', ({ table }) => {
      if (table === 'models') void this.load();
    });
    const offJobs = this.#client.on('job.updated', (job) => {
      if (!isFinished(job.state) || this.#seenFinished.has(job.id)) return;
      this.#seenFinished.add(job.id);
      void this.load();
    });
    return () => {
      offCatalogue();
      offJobs();
    };
  }

  async delete(id: number): Promise<boolean> {
    this.deleting.add(id);
    try {
      await this.#client.call('models.delete', { id });
      this.items = this.items.filter((model) => model.id !== id);
      return true;
    } catch (error) {
      this.#report(`Could not delete model ${id}`, error);
      return false;
    } finally {
      this.deleting.delete(id);
    }
  }
}
