import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../src/shared/jobs';
import { ProgressReporter, etaSeconds } from '../src/main/engine/worker/progress';

describe('ProgressReporter', () => {
  it('sends at most one report per interval, always the latest, and flushes the last one', () => {
    let now = 0;
    const sent: JobProgress[] = [];
    const reporter = new ProgressReporter((p) => sent.push(p), 100, () => now);
    for (let i = 1; i <= 50; i++) {
      now = i * 10; // a report every 10 ms for 0.5 s
      reporter.report({ fraction: i / 50, stage: 'training', message: `step ${i}` });
    }
    expect(sent.length).toBe(5);
    reporter.flush();
    expect(sent.at(-1)).toMatchObject({ fraction: 1, message: 'step 50' });
    reporter.flush();
    expect(sent.length).toBe(6);
  });

  it('never drops a report whose stage ends (the end-of-epoch report between batch reports)', () => {
    let now = 0;
    const sent: JobProgress[] = [];
    const reporter = new ProgressReporter((p) => sent.push(p), 100, () => now);
    reporter.report({ fraction: 0.1, stage: 'training', message: 'batch 1' }); // sent (first)
    now = 10;
    reporter.report({ fraction: 0.2, stage: 'epoch', message: 'epoch 1 done' }); // pending
    now = 20;
    reporter.report({ fraction: 0.21, stage: 'training', message: 'batch 1 of epoch 2' }); // stage changes: the epoch one goes out
    reporter.flush();
    expect(sent.map((p) => p.message)).toEqual(['batch 1', 'epoch 1 done', 'batch 1 of epoch 2']);
  });

  it('never lets the fraction go backwards and clamps it to [0, 1]', () => {
    let now = 0;
    const sent: number[] = [];
    const reporter = new ProgressReporter((p) => sent.push(p.fraction), 0, () => (now += 1));
    for (const f of [0.2, 0.5, 0.3, 1.7, 0.9, -1]) reporter.report({ fraction: f, stage: 's', message: '' });
    expect(sent).toEqual([0.2, 0.5, 0.5, 1, 1, 1]);
  });

  it('estimates time left only once there is something to go on', () => {
    expect(etaSeconds(1000, 0.01)).toBeUndefined();
    expect(etaSeconds(10_000, 0.5)).toBe(10);
    expect(etaSeconds(10_000, 1)).toBeUndefined();
  });
});
