/**
 * The melody model through the API, end to end in a real engine with its real worker: corpus
 * selection from the library, a `melody-train` job, model details, generation in the worker
 * (continue / generate / infill, seeds, key lock), a `melody-eval` job that agrees with training's
 * own held-out numbers, and compositions saved into the catalogue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/main/engine/engine';
import { waitForJob } from '../../src/main/engine/jobs/wait';
import { readMidi, writeMidi } from '../../src/main/engine/music/midi';
import type { OpenedMidi } from '../../src/shared/compose-api';
import type { MediaItem } from '../../src/shared/catalogue';
import type { JobRecord } from '../../src/shared/jobs';
import type { MelodyCorpusSummary, MelodyGeneration, MelodyModelDetails, SavedComposition } from '../../src/shared/melody';
import type { ModelVersion } from '../../src/shared/models';
import type { Clip } from '../../src/shared/music';
import { tempDir, testEngine } from '../helpers/engine';
import { song, track, tune } from '../music/model/helpers';

async function call<T>(e: Engine, method: string, input: unknown): Promise<T> {
  const result = await e.dispatch(method, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

async function finished(e: Engine, job: JobRecord): Promise<JobRecord> {
  return waitForJob(e.events, job);
}

const seedClip: Clip = {
  ppq: 480,
  bpm: 110,
  timeSignature: { numerator: 4, denominator: 4 },
  key: null,
  lengthTicks: 480 * 4 * 2,
  notes: [60, 62, 64, 65, 67, 65, 64, 62].map((pitch, k) => ({
    id: `n${k}`,
    pitch,
    tick: k * 480,
    durationTicks: 400,
    velocity: k % 2 === 0 ? 100 : 60,
  })),
};

const TINY = { epochs: 2, hiddenSizes: [16], sequenceLength: 16, batchSize: 8, positionFeatures: 16, name: 'Tiny test model' };

describe('melody model API', () => {
  let engine: Engine;
  let corpusDir: string;
  let model: ModelVersion;
  let trainJob: JobRecord;

  beforeAll(async () => {
    corpusDir = tempDir('motif-corpus-');
    for (let k = 0; k < 12; k++) {
      const s = song([track(tune(60 + (k % 5), 8, k + 1), `Tune ${k + 1}`)]);
      fs.writeFileSync(path.join(corpusDir, `tune-${String(k + 1).padStart(2, '0')}.mid`), writeMidi(s));
    }
    fs.writeFileSync(path.join(corpusDir, 'broken.mid'), Buffer.from('MThd nonsense'));
    // Parses, but one repeated pitch is no melody: reported, not silently dropped.
    const drone = song([track(Array.from({ length: 32 }, (_, k) => ({ pitch: 50, velocity: 80, tick: k * 240, durationTicks: 200, channel: 0 })))]);
    fs.writeFileSync(path.join(corpusDir, 'drone.mid'), writeMidi(drone));
    engine = testEngine();
    const imported = await finished(engine, await call<JobRecord>(engine, 'library.import', { paths: [corpusDir] }));
    expect(imported.state).toBe('done');
    const ids = await call<number[]>(engine, 'library.ids', { kind: 'midi', query: 'Tune' });
    await call(engine, 'media.tag', { ids: ids.slice(0, 3), add: ['reels'] });
    trainJob = await finished(engine, await call<JobRecord>(engine, 'melody.train', { ...TINY, corpus: { paths: [corpusDir] } }));
    expect(trainJob.error).toBeNull();
    expect(trainJob.state).toBe('done');
    const models = await call<ModelVersion[]>(engine, 'models.list', { kind: 'melody-lstm' });
    model = models.find((m) => m.id === trainJob.result?.modelVersionId)!;
  }, 240_000);

  afterAll(() => engine?.close());

  it('resolves a corpus from the library, folders, tags and paths, leaving out what is not MIDI', async () => {
    const all = await call<MelodyCorpusSummary>(engine, 'melody.corpus', { corpus: {} });
    // 12 tunes + the drone (the broken file is skipped at import, so it is not in the library).
    expect(all.files).toBe(13);
    expect(all.heldOut).toBe(1); // every 10th file in sorted name order
    expect(all.bytes).toBeGreaterThan(12 * 40);
    const folders = await call<Array<{ id: number; path: string }>>(engine, 'library.folders', {});
    const byFolder = await call<MelodyCorpusSummary>(engine, 'melody.corpus', { corpus: { folderIds: [folders[0]!.id] } });
    expect(byFolder.files).toBe(13);
    const byTag = await call<MelodyCorpusSummary>(engine, 'melody.corpus', { corpus: { tags: ['reels'] } });
    expect(byTag.files).toBe(3);
    expect(await call(engine, 'library.tags', { kind: 'midi' })).toEqual([{ name: 'reels', count: 3 }]);
    // Import stores each tune's melodic features (Discover's "sounds like").
    const page = await call<{ items: Array<{ title: string; metadata: Record<string, unknown> }> }>(engine, 'library.list', { kind: 'midi', query: 'Tune' });
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) expect(item.metadata.melodyFeatures).toHaveLength(17);
    expect(await call(engine, 'library.tags', { kind: 'image' })).toEqual([]);
    const byPath = await call<MelodyCorpusSummary>(engine, 'melody.corpus', { corpus: { paths: [corpusDir] } });
    expect(byPath.files).toBe(14); // the folder on disk includes broken.mid
    const none = await call<MelodyCorpusSummary>(engine, 'melody.corpus', { corpus: { tags: ['no such tag'] } });
    expect(none.files).toBe(0);
    await expect(call(engine, 'melody.train', { corpus: { tags: ['no such tag'] } })).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(call(engine, 'melody.corpus', { corpus: { paths: ['relative/dir'] } })).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(call(engine, 'melody.corpus', { corpus: { folderIds: [9999] } })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('trains a model version with its data hash, metrics, n-gram comparison and history', async () => {
    expect(model.name).toBe('Tiny test model');
    expect(model.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(model.metrics.lstmPerplexity).toBeGreaterThan(1);
    expect(model.metrics.ngramPerplexity).toBeGreaterThan(1);
    // Some random-walk tunes use fewer than 5 pitches: they are reported with the drone.
    expect(model.metrics.unreadableFiles).toBe(1);
    expect(model.metrics.noMelodyFiles).toBeGreaterThanOrEqual(1);
    expect(model.metrics.skippedFiles).toBe(model.metrics.unreadableFiles! + model.metrics.noMelodyFiles!);
    expect(model.metrics.trainFiles! + model.metrics.heldOutFiles! + model.metrics.skippedFiles!).toBe(14);
    const skipped = trainJob.result?.skipped as Array<{ path: string; reason: string }>;
    expect(skipped.map((s) => path.basename(s.path))).toEqual(expect.arrayContaining(['broken.mid', 'drone.mid']));
    expect(skipped.find((s) => s.path.endsWith('drone.mid'))!.reason).toMatch(/no melody/);
    const details = await call<MelodyModelDetails>(engine, 'melody.modelDetails', { modelId: model.id });
    expect(details.history.map((h) => h.epoch)).toEqual([0, 1]);
    expect(details.history.every((h) => Number.isFinite(h.loss) && h.loss > 0)).toBe(true);
    expect(details.ngrams.length).toBeGreaterThanOrEqual(5);
    expect(details.ngrams[0]!.perplexity).toBeCloseTo(model.metrics.ngramPerplexity!, 3);
    expect(details.hiddenSizes).toEqual([16]);
    expect(details.hasMemorisationIndex).toBe(true);
  });

  it('continues a clip in the worker: seeded, reproducible, after the seed, with the memorisation meter', async () => {
    const request = { modelId: model.id, mode: 'continue', clip: seedClip, bars: 2, variations: 3, seed: 1234, temperature: 1 };
    const first = await call<MelodyGeneration>(engine, 'melody.generate', request);
    const again = await call<MelodyGeneration>(engine, 'melody.generate', request);
    expect(first.variations).toHaveLength(3);
    expect(first.seed).toBe(1234);
    expect(first.startTick).toBe(seedClip.lengthTicks);
    expect(first.endTick).toBe(seedClip.lengthTicks + 2 * 4 * 480);
    expect(again.variations.map((v) => v.notes)).toEqual(first.variations.map((v) => v.notes));
    for (const v of first.variations) {
      for (const n of v.notes) {
        expect(n.tick).toBeGreaterThanOrEqual(first.startTick);
        expect(n.tick).toBeLessThan(first.endTick);
      }
      expect(v.memorisation).not.toBeNull();
      expect(v.memorisation!.phraseSteps).toBe(32);
    }
    const other = await call<MelodyGeneration>(engine, 'melody.generate', { ...request, seed: 99 });
    expect(other.variations.map((v) => v.notes)).not.toEqual(first.variations.map((v) => v.notes));
  });

  it('locks generated pitches to a key, generates from scratch and regenerates a bar range', async () => {
    const locked = await call<MelodyGeneration>(engine, 'melody.generate', {
      modelId: model.id,
      mode: 'generate',
      clip: { ...seedClip, notes: [] },
      bars: 4,
      variations: 4,
      seed: 5,
      temperature: 1.5,
      key: { tonic: 2, mode: 'minor' }, // D minor: D E F G A Bb C
    });
    const scale = new Set([2, 4, 5, 7, 9, 10, 0]);
    const pitches = locked.variations.flatMap((v) => v.notes.map((n) => n.pitch));
    expect(pitches.length).toBeGreaterThan(0);
    expect(pitches.filter((p) => !scale.has(p % 12))).toEqual([]);

    const infill = await call<MelodyGeneration>(engine, 'melody.generate', {
      modelId: model.id,
      mode: 'infill',
      clip: seedClip,
      fromBar: 1,
      toBar: 2,
      variations: 2,
      seed: 3,
    });
    expect(infill.startTick).toBe(1920);
    expect(infill.endTick).toBe(3840);
    for (const v of infill.variations) {
      expect(v.clipNotes).toBeDefined();
      // The bar before the range is kept as it was.
      const kept = v.clipNotes!.filter((n) => n.tick < 1920).map((n) => [n.pitch, n.tick]);
      expect(kept).toEqual(seedClip.notes.filter((n) => n.tick < 1920).map((n) => [n.pitch, n.tick]));
    }
    await expect(
      call(engine, 'melody.generate', { modelId: model.id, mode: 'infill', clip: seedClip, fromBar: 2, toBar: 2 }),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('evaluates a model version on its own split and agrees with the numbers measured at training', async () => {
    await call(engine, 'jobs.clearFinished', {}); // the model folder remembers its corpus, not the job row
    const job = await finished(engine, await call<JobRecord>(engine, 'melody.evaluate', { modelId: model.id }));
    expect(job.error).toBeNull();
    expect(job.kind).toBe('melody-eval');
    const r = job.result!;
    expect(r.lstmPerplexity).toBeCloseTo(model.metrics.lstmPerplexity!, 3);
    expect(r.ngramPerplexity).toBeCloseTo(model.metrics.ngramPerplexity!, 3);
    expect(r.heldOutFiles).toBe(1);
    expect(String(r.verdict)).toMatch(/n-gram/);
  }, 120_000);

  it('says so when the same corpus and settings are already trained, instead of saving a copy', async () => {
    const again = await finished(engine, await call<JobRecord>(engine, 'melody.train', { ...TINY, corpus: { paths: [corpusDir] } }));
    expect(again.state).toBe('failed');
    expect(again.error).toMatch(/already trained for 2 epochs/);
    const more = await finished(engine, await call<JobRecord>(engine, 'melody.train', { ...TINY, epochs: 3, corpus: { paths: [corpusDir] } }));
    expect(more.state).toBe('done');
    expect(more.result).toMatchObject({ epochs: 3 });
    expect((await call<ModelVersion[]>(engine, 'models.list', { kind: 'melody-lstm' })).length).toBe(2);
  }, 120_000);

  it('refuses models that are not melody models or whose files are gone, with typed errors', async () => {
    await expect(call(engine, 'melody.generate', { modelId: 999, mode: 'continue', clip: seedClip })).rejects.toMatchObject({
      kind: 'not-found',
    });
    // A copy of the row pointing at a folder that does not exist.
    const ghost = engine.catalogue.models.insert({ ...model, path: 'models/melody-lstm-gone', jobId: null });
    await expect(call(engine, 'melody.generate', { modelId: ghost.id, mode: 'continue', clip: seedClip })).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(call(engine, 'melody.modelDetails', { modelId: ghost.id })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('answers a generation with a typed error when the worker dies, and the next one works', async () => {
    const pending = call(engine, 'melody.generate', { modelId: model.id, mode: 'continue', clip: seedClip, bars: 32, variations: 8 });
    process.kill(engine.jobs.worker.pid!, 'SIGKILL');
    await expect(pending).rejects.toMatchObject({ kind: 'unavailable' });
    const after = await call<MelodyGeneration>(engine, 'melody.generate', { modelId: model.id, mode: 'continue', clip: seedClip, bars: 1, variations: 1, seed: 1 });
    expect(after.variations).toHaveLength(1);
  }, 60_000);

  it('saves compositions into the catalogue, overwrites on save again, and opens them back', async () => {
    const saved = await call<SavedComposition>(engine, 'melody.saveComposition', { clip: seedClip, name: 'Morning sketch' });
    expect(path.basename(saved.path)).toBe('Morning sketch.mid');
    expect(path.dirname(saved.path)).toBe(engine.paths.compositions);
    const item = await call<MediaItem>(engine, 'media.get', { id: saved.itemId });
    expect(item).toMatchObject({ kind: 'midi', title: 'Morning sketch', missing: false });
    expect(item.tags).toContain('composition');
    expect(readMidi(fs.readFileSync(saved.path)).tracks.flatMap((t) => t.notes)).toHaveLength(8);

    const longer = { ...seedClip, notes: [...seedClip.notes, { id: 'x', pitch: 72, tick: 3840, durationTicks: 480, velocity: 80 }], lengthTicks: 480 * 12 };
    const again = await call<SavedComposition>(engine, 'melody.saveComposition', { clip: longer, name: 'Morning sketch', itemId: saved.itemId });
    expect(again).toMatchObject({ itemId: saved.itemId, path: saved.path });
    const opened = await call<OpenedMidi & { itemId: number }>(engine, 'melody.openItem', { id: saved.itemId });
    expect(opened.itemId).toBe(saved.itemId);
    expect(opened.clip.notes.map((n) => [n.pitch, n.tick, n.velocity])).toEqual(longer.notes.map((n) => [n.pitch, n.tick, n.velocity]));

    // A second, different composition with the same name does not overwrite the first.
    const twin = await call<SavedComposition>(engine, 'melody.saveComposition', { clip: seedClip, name: 'Morning sketch' });
    expect(twin.itemId).not.toBe(saved.itemId);
    expect(path.basename(twin.path)).toBe('Morning sketch 2.mid');
    // Renaming on save moves the file and keeps the item.
    const renamed = await call<SavedComposition>(engine, 'melody.saveComposition', { clip: longer, name: 'Evening sketch', itemId: saved.itemId });
    expect(renamed.itemId).toBe(saved.itemId);
    expect(fs.existsSync(saved.path)).toBe(false);
    expect(path.basename(renamed.path)).toBe('Evening sketch.mid');

    const notMidi = await call<number[]>(engine, 'library.ids', { kind: 'midi' });
    expect(notMidi).toContain(saved.itemId);
    // Compositions are not training data unless asked for by tag.
    expect((await call<MelodyCorpusSummary>(engine, 'melody.corpus', { corpus: {} })).files).toBe(13);
    expect((await call<MelodyCorpusSummary>(engine, 'melody.corpus', { corpus: { tags: ['composition'] } })).files).toBe(2);
    await expect(call(engine, 'melody.openItem', { id: 987654 })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
