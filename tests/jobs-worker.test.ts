import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../src/shared/jobs';
import type { Engine } from '../src/main/engine/engine';
import { waitForJob } from '../src/main/engine/jobs/wait';
import { isAlive, testEngine, until } from './helpers/engine';

const engines: Engine[] = [];
function engine(): Engine {
  const e = testEngine();
  engines.push(e);
  return e;
}
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
});

function collect(e: Engine, id: number): JobRecord[] {
  const seen: JobRecord[] = [];
  e.events.subscribe((m) => {
    if (m.event === 'job.updated' && (m.payload as JobRecord).id === id) seen.push(m.payload as JobRecord);
  });
  return seen;
}

describe('jobs in the worker process', () => {
  it('runs the self-test: falling loss, monotonic throttled progress, a model version with files', async () => {
    const e = engine();
    const job = e.jobs.start('self-test', { steps: 300 });
    const updates = collect(e, job.id);
    const started = Date.now();
    const done = await waitForJob(e.events, job);
    const seconds = (Date.now() - started) / 1000;

    expect(done.state).toBe('done');
    expect(done.error).toBeNull();
    const result = done.result as Record<string, number>;
    expect(result.steps).toBe(300);
    expect(result.finalLoss).toBeLessThan(result.initialLoss! * 0.6);
    expect(result.accuracy).toBeGreaterThan(0.8);

    const fractions = updates.filter((u) => u.progress).map((u) => u.progress!.fraction);
    expect(fractions.length).toBeGreaterThan(2);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions.at(-1)).toBe(1);
    // Throttled to about 10 per second (plus the first and the final report).
    const progressUpdates = updates.filter((u) => u.state === 'running' && u.progress).length;
    expect(progressUpdates).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 3);
    expect(progressUpdates).toBeLessThan(300);

    const [model] = e.catalogue.models.list('self-test');
    expect(model?.id).toBe(result.modelVersionId);
    expect(model?.jobId).toBe(job.id);
    expect(model?.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(model?.metrics.finalLoss).toBeCloseTo(result.finalLoss!, 6);
    const folder = path.join(e.paths.dataDir, model!.path);
    const modelJson = JSON.parse(fs.readFileSync(path.join(folder, 'model.json'), 'utf8')) as { weightsManifest: unknown[] };
    expect(modelJson.weightsManifest).toHaveLength(1);
    expect(fs.statSync(path.join(folder, 'weights.bin')).size).toBeGreaterThan(4 * 64 * 64);
    expect(e.info().backend?.active).toBeDefined();
  });

  it('cancels a running job through the worker and then runs the next one', async () => {
    const e = engine();
    const long = e.jobs.start('self-test', { steps: 50_000 });
    await until(() => (e.catalogue.jobs.get(long.id)?.progress?.metrics?.step ?? 0) > 5, 60_000, 'training steps');
    e.jobs.cancel(long.id);
    const cancelled = await waitForJob(e.events, e.jobs.get(long.id));
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.progress!.fraction).toBeLessThan(0.5);
    expect(e.catalogue.models.list()).toHaveLength(0);
    const next = await waitForJob(e.events, e.jobs.start('self-test', { steps: 20 }));
    expect(next.state).toBe('done');
  });

  it('cancels queued jobs without running them', async () => {
    const e = engine();
    const first = e.jobs.start('self-test', { steps: 50_000 });
    const queued = e.jobs.start('self-test', { steps: 20 });
    expect(queued.state).toBe('queued');
    expect(e.jobs.cancel(queued.id).state).toBe('cancelled');
    expect(() => e.jobs.cancel(queued.id)).toThrow(/already finished/);
    e.jobs.cancel(first.id);
    expect((await waitForJob(e.events, e.jobs.get(first.id))).state).toBe('cancelled');
    expect(e.jobs.get(queued.id).startedAt).toBeNull();
  });

  it('a SIGKILLed worker fails its job with a clear error; the next job gets a new worker', async () => {
    const e = engine();
    const job = e.jobs.start('self-test', { steps: 50_000 });
    await until(() => e.catalogue.jobs.get(job.id)?.progress?.stage === 'training', 60_000, 'training');
    const pid = e.jobs.worker.pid!;
    process.kill(pid, 'SIGKILL');
    const failed = await waitForJob(e.events, e.jobs.get(job.id));
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/worker process stopped unexpectedly \(killed by SIGKILL\)/);
    expect(failed.finishedAt).not.toBeNull();

    const next = await waitForJob(e.events, e.jobs.start('self-test', { steps: 20 }));
    expect(next.state).toBe('done');
    expect(e.jobs.worker.pid).not.toBe(pid);
    expect(isAlive(pid)).toBe(false);
  });

  it('kills a worker that ignores cancel past the grace period', async () => {
    const e = testEngine(undefined, process.env, { cancelGraceMs: 1 });
    engines.push(e);
    const job = e.jobs.start('self-test', { steps: 50_000 });
    await until(() => e.catalogue.jobs.get(job.id)?.progress?.stage === 'training', 60_000, 'training');
    const pid = e.jobs.worker.pid!;
    e.jobs.cancel(job.id);
    expect((await waitForJob(e.events, e.jobs.get(job.id))).state).toBe('cancelled');
    await until(() => !isAlive(pid), 5000, 'worker exit');
  });
});
