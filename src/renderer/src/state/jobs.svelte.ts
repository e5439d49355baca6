/**
 * The job list as the engine reports it: loaded from `jobs.list`, then kept current by
 * `job.updated` events (insert new, replace existing, newest first). Also keeps each job's loss
 * history for the sparkline.
 */
import type { MotifClient } from '../../../shared/api';
import { isFinished, type JobRecord, type JobState } from '../../../shared/jobs';
import { SvelteSet } from 'svelte/reactivity';
import { coalesce } from '../lib/coalesce';
import type { ReportError } from './toasts.svelte';

export interface LossPoint {
  /** Progress fraction when the loss was reported, in [0, 1]. */
  at: number;
  loss: number;
}

/** The most points a sparkline keeps; older ones are thinned, never the newest. */
export const LOSS_HISTORY_LIMIT = 240;

const STATE_RANK: Record<JobState, number> = {
  queued: 0,
  running: 1,
  done: 2,
  failed: 2,
  cancelled: 2,
};

/** True when `incoming` is an older snapshot than `current` (state or progress went back). */
export function isStale(current: JobRecord, incoming: JobRecord): boolean {
  const rank = STATE_RANK[incoming.state] - STATE_RANK[current.state];
  if (rank !== 0) return rank < 0;
  return (incoming.progress?.fraction ?? 0) < (current.progress?.fraction ?? 0);
}

function newestFirst(a: JobRecord, b: JobRecord): number {
  return b.id - a.id;
}

function appendLoss(history: readonly LossPoint[], job: JobRecord): readonly LossPoint[] {
  const loss = job.progress?.metrics?.loss;
  if (typeof loss !== 'number' || !Number.isFinite(loss)) return history;
  const at = job.progress?.fraction ?? 0;
  const last = history[history.length - 1];
  // A repeated snapshot (same fraction, same loss) is not a new point.
  if (last && (at < last.at || (at === last.at && loss === last.loss))) return history;
  let next = [...history, { at, loss }];
  if (next.length > LOSS_HISTORY_LIMIT) {
    const newest = next[next.length - 1];
    next = next.filter((_, i) => i % 2 === 0);
    if (newest && next[next.length - 1] !== newest) next.push(newest);
  }
  return next;
}

export interface JobsStoreOptions {
  /** Called once per job that the studio starts or first sees queued or running. */
  onJobStarted?: (job: JobRecord) => void;
}

export class JobsStore {
  items = $state.raw<JobRecord[]>([]);
  lossHistory = $state.raw<Record<number, readonly LossPoint[]>>({});
  loaded = $state(false);
  starting = $state(false);
  /** Ids whose jobs.cancel call is in flight. */
  readonly cancelling = new SvelteSet<number>();

  active = $derived(this.items.filter((job) => !isFinished(job.state)));
  activeCount = $derived(this.active.length);
  finishedCount = $derived(this.items.length - this.activeCount);

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #options: JobsStoreOptions;
  // Bookkeeping only, never rendered: plain collections on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #announced = new Set<number>();
  /** Events that arrived while `jobs.list` was in flight; they may be newer than the list. */
  #duringLoad: Map<number, JobRecord> | null = null;

  constructor(client: MotifClient, report: ReportError, options: JobsStoreOptions = {}) {
    this.#client = client;
    this.#report = report;
    this.#options = options;
  }

  get(id: number): JobRecord | undefined {
    return this.items.find((job) => job.id === id);
  }

  lossOf(id: number): readonly LossPoint[] {
    return this.lossHistory[id] ?? [];
  }

  /** Listens to `job.updated`; the returned function stops listening. */
  subscribe(): () => void {
    return this.#client.on('job.updated', (job) => {
      this.#duringLoad?.set(job.id, job);
      this.apply(job);
    });
  }

  /** Loads `jobs.list`; overlapping requests share one call plus at most one follow-up. */
  readonly load: () => Promise<void> = coalesce(() => this.#load());

  async #load(): Promise<void> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
    const late = new Map<number, JobRecord>();
    this.#duringLoad = late;
    const before = this.items;
    try {
      const list = await this.#client.call('jobs.list', {});
      // Jobs that were already there when the studio opened are not "starting" now.
      for (const job of list) this.#announced.add(job.id);
      this.items = [...list].sort(newestFirst);
      const history: Record<number, readonly LossPoint[]> = {};
      for (const job of this.items) {
        history[job.id] = appendLoss(this.lossHistory[job.id] ?? [], job);
      }
      this.lossHistory = history;
      for (const job of late.values()) this.apply(job);
      // Jobs seen by events but absent from the list (a race with jobs.start) are kept too.
      for (const job of before) {
        if (!this.get(job.id) && !isFinished(job.state)) this.apply(job);
      }
      this.loaded = true;
    } catch (error) {
      this.#report('Could not load jobs', error);
    } finally {
      this.#duringLoad = null;
    }
  }

  /** Inserts a new job or replaces the one with its id; stale snapshots are ignored. */
  apply(job: JobRecord): void {
    const current = this.get(job.id);
    if (current && isStale(current, job)) return;
    this.items = current
      ? this.items.map((existing) => (existing.id === job.id ? job : existing))
      : [...this.items, job].sort(newestFirst);
    const history = this.lossHistory[job.id] ?? [];
    const nextHistory = appendLoss(history, job);
    if (nextHistory !== history || !(job.id in this.lossHistory)) {
      this.lossHistory = { ...this.lossHistory, [job.id]: nextHistory };
    }
    if (!this.#announced.has(job.id) && !isFinished(job.state)) {
      this.#announced.add(job.id);
      this.#options.onJobStarted?.(job);
    }
    this.#announced.add(job.id);
  }

  /** Start the ML self-test; `steps` picks a longer run (the engine's default is a few hundred). */
  async startSelfTest(steps?: number): Promise<JobRecord | null> {
    this.starting = true;
    try {
      const params = steps === undefined ? {} : { steps };
      const job = await this.#client.call('jobs.start', { kind: 'self-test', params });
      this.apply(job);
      return job;
    } catch (error) {
      this.#report('Could not start the self-test', error);
      return null;
    } finally {
      this.starting = false;
    }
  }

  async cancel(id: number): Promise<void> {
    this.cancelling.add(id);
    try {
      this.apply(await this.#client.call('jobs.cancel', { id }));
    } catch (error) {
      this.#report(`Could not cancel job ${id}`, error);
    } finally {
      this.cancelling.delete(id);
    }
  }

  async clearFinished(): Promise<void> {
    try {
      await this.#client.call('jobs.clearFinished', {});
      const kept = this.items.filter((job) => !isFinished(job.state));
      const history: Record<number, readonly LossPoint[]> = {};
      for (const job of kept) history[job.id] = this.lossHistory[job.id] ?? [];
      this.items = kept;
      this.lossHistory = history;
    } catch (error) {
      this.#report('Could not clear finished jobs', error);
    }
  }
}
