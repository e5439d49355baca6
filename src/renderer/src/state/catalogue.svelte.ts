/** Catalogue counts for the Library overview; refreshed whenever any catalogue table changes. */
import type { MotifClient } from '../../../shared/api';
import type { CatalogueStats } from '../../../shared/catalogue';
import { coalesce } from '../lib/coalesce';
import type { ReportError } from './toasts.svelte';

export class CatalogueStore {
  stats = $state.raw<CatalogueStats | null>(null);

  readonly #client: MotifClient;
  readonly #report: ReportError;

  readonly load: () => Promise<void> = coalesce(async () => {
    try {
      this.stats = await this.#client.call('catalogue.stats', {});
    } catch (error) {
      this.#report('Could not read the catalogue', error);
    }
  });

  constructor(client: MotifClient, report: ReportError) {
    this.#client = client;
    this.#report = report;
  }

  subscribe(): () => void {
    return this.#client.on('catalogue.changed', () => void this.load());
  }
}
