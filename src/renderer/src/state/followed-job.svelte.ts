/**
 * The one engine job a panel starts and follows (a training run, a batch classification, an
 * import): the start call in flight and why it failed, the job's id, its record as the jobs store
 * keeps it current (progress, state, result), cancel, dismiss, and once-per-job bookkeeping for
 * what the panel does when the job ends. Which `job.updated` events the panel reacts to, and how,
 * stays with the panel.
 */
import { isFinished, type JobRecord } from '../../../shared/jobs';
import type { JobsStore } from './jobs.svelte';

export class FollowedJob {
  /** The start call is in flight. */
  starting = $state(false);
  /** Why the last start call failed; null when it did not. */
  startError = $state<string | null>(null);
  /** The job followed: the one started here, or one the panel picked up; null for none. */
  id = $state<number | null>(null);

  readonly job: JobRecord | null = $derived.by(() => (this.id === null ? null : (this.#jobs.get(this.id) ?? null)));
  readonly running: boolean = $derived(this.job !== null && !isFinished(this.job.state));

  readonly #jobs: JobsStore;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  readonly #handled = new Set<number>();

  constructor(jobs: JobsStore) {
    this.#jobs = jobs;
  }

  /**
   * Starts a job with `call` and follows it: its first record goes to the jobs store, then
   * `started` runs while `starting` is still true, told which id was followed before (an early
   * `job.updated` may already have picked this one up). Resolves the job, or null with
   * `startError` set when the call (or `started`) failed.
   */
  async start(
    call: () => Promise<JobRecord>,
    started?: (job: JobRecord, previousId: number | null) => void,
  ): Promise<JobRecord | null> {
    this.starting = true;
    this.startError = null;
    try {
      const job = await call();
      const previousId = this.id;
      this.id = job.id;
      this.#jobs.apply(job);
      started?.(job, previousId);
      return job;
    } catch (error) {
      this.startError = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.starting = false;
    }
  }

  /** Asks the engine to cancel the job followed (through the jobs store); nothing when none. */
  cancel(): Promise<void> {
    return this.id === null ? Promise.resolve() : this.#jobs.cancel(this.id);
  }

  /** Forgets a finished job; false (and nothing forgotten) while it runs. */
  dismiss(): boolean {
    if (this.running) return false;
    this.id = null;
    return true;
  }

  /** True the first time it is asked about a job id, false after: for work done once per job. */
  once(id: number): boolean {
    if (this.#handled.has(id)) return false;
    this.#handled.add(id);
    return true;
  }
}
