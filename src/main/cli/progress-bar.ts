import type { JobRecord } from '../../shared/jobs';

/**
 * Job progress on stderr: a redrawn bar on a terminal, or a line every tenth of the way when
 * stderr is a pipe or a file (CI logs).
 */
export class ProgressBar {
  private lastDecile = -1;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 28,
  ) {}

  update(job: JobRecord): void {
    const progress = job.progress;
    if (!progress) return;
    const pct = Math.round(progress.fraction * 100);
    const metrics = Object.entries(progress.metrics ?? {})
      .filter(([key]) => key !== 'step')
      .map(([key, value]) => `${key} ${Number.isInteger(value) ? value : value.toFixed(4)}`)
      .join('  ');
    const eta = progress.etaSeconds !== undefined ? `  eta ${progress.etaSeconds}s` : '';
    const text = `${progress.message}${metrics ? '  ' + metrics : ''}${eta}`;
    if (this.stream.isTTY) {
      const filled = Math.round((progress.fraction * this.width));
      const bar = '█'.repeat(filled) + '░'.repeat(this.width - filled);
      const columns = this.stream.columns ?? 100;
      this.stream.write(`\r${bar} ${String(pct).padStart(3)}%  ${text}`.slice(0, columns - 1).padEnd(columns - 1));
      this.drawn = true;
      return;
    }
    const decile = Math.floor(progress.fraction * 10);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.stream.write(`${String(pct).padStart(3)}%  ${text}\n`);
    }
  }

  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
