/**
 * The Label view's state: the stills of one class of a dataset (paged from `stills.items`), which
 * of them are selected, and moving the selection to another or a new class (`stills.relabel`).
 */
import { SvelteSet } from 'svelte/reactivity';
import type { MotifClient } from '../../../shared/api';
import type { StillsDataset, StillsDatasetItem } from '../../../shared/stills';
import type { Notify, ReportError } from '../state/toasts.svelte';

export const LABEL_PAGE = 120;

/** Classes in the order a person set, else by size (largest first), then classes with no stills yet. */
export function classList(dataset: StillsDataset | null): Array<{ label: string; count: number }> {
  if (!dataset) return [];
  const count = (label: string): number => dataset.classes.find((c) => c.label === label)?.count ?? 0;
  const labels = dataset.classOrder
    ? [...dataset.classOrder, ...dataset.classes.map((c) => c.label).filter((l) => !dataset.classOrder?.includes(l))]
    : [...dataset.classes].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).map((c) => c.label);
  for (const extra of dataset.extraClasses) if (!labels.includes(extra)) labels.push(extra);
  return labels.map((label) => ({ label, count: count(label) }));
}

/** `order` with the class at `index` moved one place up (-1) or down (+1). */
export function moveInOrder(order: readonly string[], index: number, by: -1 | 1): string[] {
  const next = [...order];
  const target = index + by;
  if (index < 0 || index >= next.length || target < 0 || target >= next.length) return next;
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(target, 0, moved);
  return next;
}

export class LabelBoard {
  /** The class shown. */
  label = $state<string | null>(null);
  items = $state.raw<StillsDatasetItem[]>([]);
  total = $state(0);
  loading = $state(false);
  moving = $state(false);
  readonly selected = new SvelteSet<number>();

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #notify: Notify;
  /** Reloads the dataset list after a move (its counts changed). */
  readonly #changed: () => Promise<void>;
  #datasetId: number | null = null;
  #run = 0;

  constructor(client: MotifClient, report: ReportError, notify: Notify, changed: () => Promise<void>) {
    this.#client = client;
    this.#report = report;
    this.#notify = notify;
    this.#changed = changed;
  }

  get datasetId(): number | null {
    return this.#datasetId;
  }

  /** Show a dataset's class (the first class when none is given or the one shown is gone). */
  async show(dataset: StillsDataset | null, label?: string): Promise<void> {
    const classes = classList(dataset).map((c) => c.label);
    const next = label ?? (this.label !== null && classes.includes(this.label) ? this.label : (classes[0] ?? null));
    const same = dataset?.id === this.#datasetId && next === this.label;
    this.#datasetId = dataset?.id ?? null;
    this.label = next;
    if (!same) this.selected.clear();
    await this.reload();
  }

  async reload(): Promise<void> {
    const run = ++this.#run;
    if (this.#datasetId === null || this.label === null) {
      this.items = [];
      this.total = 0;
      return;
    }
    this.loading = true;
    try {
      const page = await this.#client.call('stills.items', {
        datasetId: this.#datasetId,
        label: this.label,
        limit: Math.max(LABEL_PAGE, this.items.length),
      });
      if (run !== this.#run) return;
      this.items = page.items;
      this.total = page.total;
      for (const id of [...this.selected]) if (!page.items.some((i) => i.itemId === id)) this.selected.delete(id);
    } catch (error) {
      if (run === this.#run) this.#report('Could not load the stills of this class', error);
    } finally {
      if (run === this.#run) this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    if (this.#datasetId === null || this.label === null || this.items.length >= this.total) return;
    const run = ++this.#run;
    this.loading = true;
    try {
      const page = await this.#client.call('stills.items', {
        datasetId: this.#datasetId,
        label: this.label,
        offset: this.items.length,
        limit: LABEL_PAGE,
      });
      if (run !== this.#run) return;
      const known = this.items.map((i) => i.itemId);
      this.items = [...this.items, ...page.items.filter((i) => !known.includes(i.itemId))];
      this.total = page.total;
    } catch (error) {
      if (run === this.#run) this.#report('Could not load more stills', error);
    } finally {
      if (run === this.#run) this.loading = false;
    }
  }

  /** The still a Shift-click extends the selection from. */
  #anchor: number | null = null;

  /** Select or deselect one still; with `range`, every still from the last one clicked to this one. */
  toggle(id: number, range = false): void {
    const from = this.#anchor === null ? -1 : this.items.findIndex((i) => i.itemId === this.#anchor);
    const to = this.items.findIndex((i) => i.itemId === id);
    if (range && from >= 0 && to >= 0) {
      const [a, b] = from < to ? [from, to] : [to, from];
      for (const item of this.items.slice(a, b + 1)) this.selected.add(item.itemId);
    } else if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
    this.#anchor = id;
  }

  selectAll(): void {
    for (const item of this.items) this.selected.add(item.itemId);
  }

  clearSelection(): void {
    this.selected.clear();
  }

  /** Move the selected stills to `label` (a new name adds the class). */
  async moveSelected(label: string): Promise<boolean> {
    const target = label.trim();
    const ids = [...this.selected];
    if (this.#datasetId === null || ids.length === 0 || target === '') return false;
    this.moving = true;
    try {
      const { count } = await this.#client.call('stills.relabel', { datasetId: this.#datasetId, itemIds: ids, label: target });
      this.selected.clear();
      this.items = this.items.filter((i) => !ids.includes(i.itemId) || target === this.label);
      this.total = Math.max(0, this.total - (target === this.label ? 0 : ids.length));
      this.#notify('Stills moved', `${count.toLocaleString()} ${count === 1 ? 'still' : 'stills'} now labelled "${target}".`);
      await this.#changed();
      return true;
    } catch (error) {
      this.#report(`Could not move the stills to "${target}"`, error);
      return false;
    } finally {
      this.moving = false;
    }
  }
}
