/**
 * Stills classifier versions of the dataset shown: which one is in use (remembered per dataset;
 * the newest by default, so a new training run takes over and an older one can be chosen to roll
 * back), their details (evaluation and history) loaded on demand, a second one to compare, and
 * delete, export to a folder and import from one.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { MotifClient } from '../../../shared/api';
import type { StillsModelDetails, StillsModelSummary } from '../../../shared/stills';
import type { KeyValueStorage } from '../state/profiles.svelte';
import { readStoredId } from '../state/profiles.svelte';
import type { Notify, ReportError } from '../state/toasts.svelte';

export const ACTIVE_MODEL_KEY = 'motif.stills.activeModel';

export class StillsModels {
  list = $state.raw<StillsModelSummary[]>([]);
  loaded = $state(false);
  /** The version in use for review and classification. */
  activeId = $state<number | null>(null);
  /** A second version to compare with the active one. */
  compareId = $state<number | null>(null);
  readonly details = new SvelteMap<number, StillsModelDetails>();
  readonly deleting = new SvelteSet<number>();
  exporting = $state(false);
  importing = $state(false);

  readonly active: StillsModelSummary | null = $derived(this.list.find((m) => m.id === this.activeId) ?? null);
  readonly compared: StillsModelSummary | null = $derived(this.list.find((m) => m.id === this.compareId) ?? null);

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #notify: Notify;
  readonly #storage: KeyValueStorage | null;
  #datasetId: number | null = null;
  #run = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  readonly #loadingDetails = new Map<number, Promise<StillsModelDetails | null>>();

  constructor(client: MotifClient, report: ReportError, notify: Notify, storage: KeyValueStorage | null) {
    this.#client = client;
    this.#report = report;
    this.#notify = notify;
    this.#storage = storage;
  }

  #key(): string {
    return `${ACTIVE_MODEL_KEY}.${this.#datasetId ?? 0}`;
  }

  /** Versions of `datasetId` (null: none shown). */
  async show(datasetId: number | null): Promise<void> {
    if (datasetId !== this.#datasetId) {
      this.#datasetId = datasetId;
      this.list = [];
      this.activeId = null;
      this.compareId = null;
      this.loaded = false;
    }
    await this.load();
  }

  async load(): Promise<void> {
    const run = ++this.#run;
    const datasetId = this.#datasetId;
    if (datasetId === null) {
      this.list = [];
      this.loaded = true;
      return;
    }
    try {
      // Every version, so that imported ones (which belong to no dataset here) are listed too.
      const list = await this.#client.call('stills.models', {});
      if (run !== this.#run) return;
      this.list = list.filter((m) => m.datasetId === datasetId || m.datasetId === null).sort((a, b) => b.id - a.id);
      this.loaded = true;
      const remembered = readStoredId(this.#storage, this.#key());
      if (this.activeId === null || !this.list.some((m) => m.id === this.activeId)) {
        this.activeId = this.list.find((m) => m.id === remembered)?.id ?? this.list[0]?.id ?? null;
      }
      if (this.compareId !== null && !this.list.some((m) => m.id === this.compareId)) this.compareId = null;
    } catch (error) {
      if (run === this.#run) this.#report('Could not load the stills models', error);
    }
  }

  /** Use this version (roll back to an older one, or forward to a newer one). */
  use(id: number): void {
    this.activeId = id;
    if (this.compareId === id) this.compareId = null;
    try {
      this.#storage?.setItem(this.#key(), String(id));
    } catch {
      // Not remembered across restarts; still used now.
    }
  }

  /** A freshly trained version: listed and used at once. */
  async adopt(id: number): Promise<void> {
    await this.load();
    if (this.list.some((m) => m.id === id)) this.use(id);
  }

  compareWith(id: number | null): void {
    this.compareId = id === this.activeId ? null : id;
  }

  /** A version's evaluation and history (cached; concurrent asks share one call). */
  loadDetails(id: number): Promise<StillsModelDetails | null> {
    const cached = this.details.get(id);
    if (cached) return Promise.resolve(cached);
    const pending = this.#loadingDetails.get(id);
    if (pending) return pending;
    const request = (async () => {
      try {
        const details = await this.#client.call('stills.modelDetails', { modelId: id });
        this.details.set(id, details);
        return details;
      } catch (error) {
        this.#report('Could not load the model evaluation', error);
        return null;
      } finally {
        this.#loadingDetails.delete(id);
      }
    })();
    this.#loadingDetails.set(id, request);
    return request;
  }

  async remove(id: number): Promise<void> {
    this.deleting.add(id);
    try {
      await this.#client.call('stills.deleteModel', { modelId: id });
      this.list = this.list.filter((m) => m.id !== id);
      this.details.delete(id);
      if (this.compareId === id) this.compareId = null;
      if (this.activeId === id) {
        this.activeId = null;
        const next = this.list[0];
        if (next) this.use(next.id);
      }
    } catch (error) {
      this.#report('Could not delete the model version', error);
    } finally {
      this.deleting.delete(id);
    }
  }

  /** Write a version as a tfjs model folder (with labels and a manifest) under `path`. */
  async exportTo(id: number, path: string): Promise<string | null> {
    this.exporting = true;
    try {
      const done = await this.#client.call('stills.exportModel', { modelId: id, path });
      this.#notify('Model exported', `Written to ${done.path}`);
      return done.path;
    } catch (error) {
      this.#report('Could not export the model', error);
      return null;
    } finally {
      this.exporting = false;
    }
  }

  /** Bring an exported model folder back as a version. */
  async importFrom(path: string): Promise<StillsModelSummary | null> {
    this.importing = true;
    try {
      const model = await this.#client.call('stills.importModel', { path });
      this.#notify('Model imported', `${model.name}: ${model.classes.length} classes`);
      await this.load();
      if (!this.list.some((m) => m.id === model.id)) this.list = [model, ...this.list];
      this.use(model.id);
      return model;
    } catch (error) {
      this.#report('Could not import the model', error);
      return null;
    } finally {
      this.importing = false;
    }
  }
}
