import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/main/engine/engine';
import { waitForJob } from '../../src/main/engine/jobs/wait';
import type { JobRecord } from '../../src/shared/jobs';
import { testEngine } from '../helpers/engine';
import { referencePath } from '../helpers/reference';
import { figure, writeFile } from './fixtures';

let engine: Engine;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-stills-api-'));
beforeAll(async () => {
  engine = testEngine();
  writeFile(root, 'close/a_1.png', await figure('png', 120, 80, 0.9));
  writeFile(root, 'close/a_2.png', await figure('png', 120, 80, 0.95));
  writeFile(root, 'long/b_1.png', await figure('png', 120, 80, 0.2));
  writeFile(root, 'long/b_2.jpg', Buffer.alloc(0));
});
afterAll(() => {
  engine?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('stills API', () => {
  it('stills.importDataset runs a stills-import job in the worker; stills.datasets lists per-class counts', async () => {
    const started = await engine.dispatch('stills.importDataset', { path: root, name: 'Scales' });
    expect(started.ok).toBe(true);
    const job = (started as { value: JobRecord }).value;
    expect(job.kind).toBe('stills-import');
    const done = await waitForJob(engine.events, job);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.result).toMatchObject({ imported: 3, skippedCount: 1, groupPattern: 'prefix' });
    const list = await engine.dispatch('stills.datasets', {});
    expect(list).toMatchObject({
      ok: true,
      value: [
        {
          name: 'Scales',
          root: fs.realpathSync(root),
          items: 3,
          groups: 2,
          classes: [
            { label: 'close', count: 2 },
            { label: 'long', count: 1 },
          ],
        },
      ],
    });
  }, 60_000);

  it('refuses relative, missing and file paths, and a name taken by another folder, with typed errors', async () => {
    expect(await engine.dispatch('stills.importDataset', { path: 'relative/dir' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await engine.dispatch('stills.importDataset', { path: path.join(root, 'nope') })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(await engine.dispatch('stills.importDataset', { path: path.join(root, 'close', 'a_1.png') })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(
      await engine.dispatch('stills.importDataset', { path: path.join(root, 'long'), name: 'scales' }),
    ).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    // A download must name its backbone: an empty call starts nothing.
    expect(await engine.dispatch('stills.downloadBackbone', {})).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(engine.catalogue.jobs.list({}).filter((j) => j.kind === 'backbone-download')).toEqual([]);
  });

  it('stills.embed needs a ready backbone and a dataset; with the shared MobileNet it fills the cache in the worker', async () => {
    const [dataset] = engine.catalogue.stills.list();
    expect(dataset).toBeDefined();
    expect(await engine.dispatch('stills.embed', { datasetId: 999 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    // No backbone downloaded into this fresh data dir yet.
    expect(await engine.dispatch('stills.embed', { datasetId: dataset!.id })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable' },
    });
    const mobilenet = referencePath('models', 'mobilenet_v1_0.75_224');
    if (!mobilenet) return;
    engine.settings.update({ backbone: { path: mobilenet } });
    const started = await engine.dispatch('stills.embed', { datasetId: dataset!.id, aspect: 'pad' });
    const done = await waitForJob(engine.events, (started as { value: JobRecord }).value);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.result).toMatchObject({ total: 3, embedded: 3, cached: 0, dimension: 768, aspect: 'pad' });
    expect(engine.catalogue.embeddings.count()).toBe(3);
  }, 60_000);
});
