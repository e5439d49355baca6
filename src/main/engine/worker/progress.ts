import type { JobProgress } from '../../../shared/jobs';

/**
 * Throttles and orders a job's progress reports: at most one every `intervalMs` (about 10 per
 * second), fraction clamped to [0, 1] and never decreasing. The last report is always delivered
 * by `flush`.
 */
export class ProgressReporter {
  private lastSent = -Infinity;
  private fraction = 0;
  private pending: JobProgress | null = null;

  constructor(
    private readonly send: (progress: JobProgress) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  report(progress: JobProgress): void {
    // A stage change (e.g. the end-of-epoch report between batch reports) is never overwritten.
    if (this.pending && this.pending.stage !== progress.stage) this.deliver();
    this.fraction = Math.min(1, Math.max(this.fraction, progress.fraction));
    this.pending = { ...progress, fraction: this.fraction };
    const t = this.now();
    if (t - this.lastSent >= this.intervalMs) {
      this.lastSent = t;
      this.deliver();
    }
  }

  flush(): void {
    this.deliver();
  }

  private deliver(): void {
    if (!this.pending) return;
    const progress = this.pending;
    this.pending = null;
    this.send(progress);
  }
}

/** Estimated seconds left from the elapsed time and the fraction done so far. */
export function etaSeconds(elapsedMs: number, fraction: number): number | undefined {
  if (fraction <= 0.02 || fraction >= 1) return undefined;
  return Math.round(((elapsedMs / fraction) * (1 - fraction)) / 1000);
}
