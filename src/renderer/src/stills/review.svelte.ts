/**
 * The review loop (active learning): the stills the model in use is least sure about (smallest
 * margin or highest entropy), or the stills of one confusion-matrix cell. One key per decision:
 * 1-9 give the still that class, Enter or Space confirm its label, arrows move, Backspace or U
 * undo the last decision. Each decision is a `stills.relabel` (a confirmation gives the label it
 * has), so the next training run learns from it.
 */
import type { MotifClient } from '../../../shared/api';
import type { StillsQueueItem } from '../../../shared/stills';
import type { ReportError } from '../state/toasts.svelte';

export type QueueOrder = 'margin' | 'entropy';

export interface QueueSource {
  modelId: number;
  by: QueueOrder;
  /** A confusion-matrix cell instead of the least sure stills. */
  cell: { actual: string; predicted: string } | null;
}

export interface Decision {
  itemId: number;
  index: number;
  before: { label: string; reviewed: boolean; labelSource: StillsQueueItem['labelSource'] };
  label: string;
}

export type ReviewKey =
  | { action: 'pick'; index: number }
  | { action: 'confirm' }
  | { action: 'next' }
  | { action: 'previous' }
  | { action: 'undo' };

/** What a key press in the review means; null when it is not one of the review's keys. */
export function reviewKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): ReviewKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (/^[1-9]$/.test(event.key)) return { action: 'pick', index: Number(event.key) - 1 };
  switch (event.key) {
    case 'Enter':
    case ' ':
      return { action: 'confirm' };
    case 'ArrowRight':
    case 'ArrowDown':
      return { action: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
      return { action: 'previous' };
    case 'Backspace':
    case 'u':
    case 'U':
      return { action: 'undo' };
    default:
      return null;
  }
}

export class ReviewQueue {
  items = $state.raw<StillsQueueItem[]>([]);
  total = $state(0);
  index = $state(0);
  loading = $state(false);
  loaded = $state(false);
  busy = $state(false);
  source = $state.raw<QueueSource | null>(null);
  by = $state<QueueOrder>('margin');
  /** Decisions made in this session, newest last (the undo stack). */
  decisions = $state.raw<Decision[]>([]);
  /** Stills reviewed in this session (undo takes one back). */
  reviewedCount = $state(0);
  limit = $state(50);

  readonly current: StillsQueueItem | null = $derived(this.items[this.index] ?? null);
  readonly done: boolean = $derived(this.loaded && this.items.length > 0 && this.items.every((i) => i.reviewed));

  readonly #client: MotifClient;
  readonly #report: ReportError;
  #datasetId: number | null = null;
  #run = 0;

  constructor(client: MotifClient, report: ReportError) {
    this.#client = client;
    this.#report = report;
  }

  setDataset(datasetId: number | null): void {
    if (datasetId === this.#datasetId) return;
    this.#datasetId = datasetId;
    this.clear();
  }

  clear(): void {
    this.#run++;
    this.items = [];
    this.total = 0;
    this.index = 0;
    this.loaded = false;
    this.source = null;
    this.decisions = [];
  }

  /** The least sure stills of a model (by margin or entropy). */
  loadLeastSure(modelId: number, by: QueueOrder = this.by): Promise<void> {
    this.by = by;
    return this.#load({ modelId, by, cell: null });
  }

  /** The stills of one confusion-matrix cell (true `actual`, predicted `predicted`). */
  loadCell(modelId: number, actual: string, predicted: string): Promise<void> {
    return this.#load({ modelId, by: this.by, cell: { actual, predicted } });
  }

  reload(): Promise<void> {
    return this.source ? this.#load(this.source) : Promise.resolve();
  }

  async #load(source: QueueSource): Promise<void> {
    const run = ++this.#run;
    this.source = source;
    this.loading = true;
    try {
      const page = await this.#client.call('stills.queue', {
        modelId: source.modelId,
        by: source.by,
        limit: this.limit,
        // A cell shows every still in it, reviewed or not.
        ...(source.cell ? { cell: source.cell, includeReviewed: true } : {}),
      });
      if (run !== this.#run) return;
      this.items = page.items;
      this.total = page.total;
      this.index = 0;
      this.decisions = [];
      this.loaded = true;
    } catch (error) {
      if (run === this.#run) this.#report('Could not load the review queue', error);
    } finally {
      if (run === this.#run) this.loading = false;
    }
  }

  move(by: number): void {
    if (this.items.length === 0) return;
    this.index = Math.min(this.items.length - 1, Math.max(0, this.index + by));
  }

  goTo(index: number): void {
    if (index >= 0 && index < this.items.length) this.index = index;
  }

  /** Give the current still `label` (its own label confirms it) and go to the next. */
  async decide(label: string): Promise<boolean> {
    const item = this.current;
    if (!item || this.#datasetId === null || this.busy) return false;
    const index = this.index;
    this.busy = true;
    try {
      await this.#client.call('stills.relabel', { datasetId: this.#datasetId, itemIds: [item.itemId], label });
      const decision: Decision = {
        itemId: item.itemId,
        index,
        before: { label: item.label, reviewed: item.reviewed, labelSource: item.labelSource },
        label,
      };
      this.#patch(item.itemId, {
        label,
        reviewed: true,
        labelSource: label === item.label ? item.labelSource : 'user',
      });
      this.decisions = [...this.decisions, decision];
      if (!decision.before.reviewed) this.reviewedCount += 1;
      this.#advance(index);
      return true;
    } catch (error) {
      this.#report(`Could not label the still "${label}"`, error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  confirm(): Promise<boolean> {
    const item = this.current;
    return item ? this.decide(item.label) : Promise.resolve(false);
  }

  /** Pick the class at `index` of `classes` (the 1-9 keys). */
  pick(classes: readonly string[], index: number): Promise<boolean> {
    const label = classes[index];
    return label === undefined ? Promise.resolve(false) : this.decide(label);
  }

  /** Take back the last decision: the still gets its label back and is shown again. */
  async undo(): Promise<boolean> {
    const last = this.decisions[this.decisions.length - 1];
    if (!last || this.#datasetId === null || this.busy) return false;
    this.busy = true;
    try {
      if (last.before.label !== last.label) {
        await this.#client.call('stills.relabel', {
          datasetId: this.#datasetId,
          itemIds: [last.itemId],
          label: last.before.label,
        });
      }
      this.#patch(last.itemId, last.before);
      this.decisions = this.decisions.slice(0, -1);
      if (!last.before.reviewed) this.reviewedCount = Math.max(0, this.reviewedCount - 1);
      const at = this.items.findIndex((i) => i.itemId === last.itemId);
      this.index = at >= 0 ? at : last.index;
      return true;
    } catch (error) {
      this.#report('Could not undo the last label', error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Handles one of the review's keys; true when the key was used. */
  handleKey(key: ReviewKey, classes: readonly string[]): boolean {
    switch (key.action) {
      case 'pick':
        if (key.index >= classes.length) return false;
        void this.pick(classes, key.index);
        return true;
      case 'confirm':
        void this.confirm();
        return true;
      case 'next':
        this.move(1);
        return true;
      case 'previous':
        this.move(-1);
        return true;
      case 'undo':
        void this.undo();
        return true;
    }
  }

  #patch(itemId: number, patch: Partial<StillsQueueItem>): void {
    this.items = this.items.map((i) => (i.itemId === itemId ? { ...i, ...patch } : i));
  }

  /** The next still not yet reviewed after `from`, else the next one, else stay. */
  #advance(from: number): void {
    const after = this.items.findIndex((i, n) => n > from && !i.reviewed);
    if (after >= 0) this.index = after;
    else this.index = Math.min(this.items.length - 1, from + 1);
  }
}
