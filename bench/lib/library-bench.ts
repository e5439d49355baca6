/**
 * The library side of `bench:recs`: import throughput of real generated files through the worker,
 * full-text search latency on a generated 100,000-item catalogue, and Discover's latency through
 * the API (recommendations for a profile, and how soon a new rating changes them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importRatings } from '../../src/main/engine/catalogue/import-ratings';
import { Engine } from '../../src/main/engine/engine';
import { forkSpawner } from '../../src/main/engine/jobs/fork-spawner';
import { waitForJob } from '../../src/main/engine/jobs/wait';
import { mulberry32 } from '../../src/main/engine/ml/random';
import { loadRatingsFile } from '../../src/main/engine/recs/load-ratings';
import type { JobRecord } from '../../src/shared/jobs';
import type { Recommendations } from '../../src/shared/recs';
import { midiBytes, pngBytes, wavBytes } from '../../tests/helpers/media-fixtures';

const ROOT = path.resolve(import.meta.dirname, '../..');

function engineAt(dataDir: string): Engine {
  return new Engine({
    dataDir,
    host: 'cli',
    spawnWorker: forkSpawner({ entry: path.join(ROOT, 'src/main/worker/index.ts'), execArgv: ['--import', 'tsx'], env: process.env }),
  });
}

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

const quantile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const ms = (x: number): string => `${x.toFixed(2)} ms`;

/** Import throughput: 2,000 generated files (WAV, MIDI, PNG) imported by the worker. */
export async function benchImport(files = 2000): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-bench-import-'));
  const folder = path.join(tmp, 'media');
  fs.mkdirSync(folder);
  const wav = wavBytes({ seconds: 1 });
  const png = await pngBytes(64, 48);
  for (let k = 0; k < files; k++) {
    const kind = k % 3;
    const name = `file-${String(k).padStart(5, '0')}`;
    if (kind === 0) fs.writeFileSync(path.join(folder, `${name}.wav`), wav);
    else if (kind === 1) fs.writeFileSync(path.join(folder, `${name}.mid`), midiBytes(48 + (k % 36)));
    else fs.writeFileSync(path.join(folder, `${name}.png`), png);
  }
  const engine = engineAt(path.join(tmp, 'data'));
  try {
    const t0 = performance.now();
    const job = await waitForJob(engine.events, await call<JobRecord>(engine, 'library.import', { paths: [folder] }));
    const seconds = (performance.now() - t0) / 1000;
    const report = job.result as { imported?: number; skippedCount?: number } | null;
    console.log(
      `import: ${files} generated files (1 s WAV with peaks, MIDI, 64x48 PNG with thumbnail metadata) in ${seconds.toFixed(1)} s = ${(files / seconds).toFixed(0)} files/s (imported ${report?.imported ?? '?'}, skipped ${report?.skippedCount ?? '?'}; includes worker start-up)`,
    );
    const t1 = performance.now();
    await waitForJob(engine.events, await call<JobRecord>(engine, 'library.rescan', {}));
    const rescan = (performance.now() - t1) / 1000;
    console.log(`rescan with nothing changed: ${rescan.toFixed(2)} s = ${(files / rescan).toFixed(0)} files/s (size + mtime, no hashing)`);
  } finally {
    engine.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const WORDS =
  'moon river blue night dawn echo velvet storm ember glass silver harbor quiet neon forest paper tide lantern violet canyon ghost meadow thunder honey winter orbit coral drift amber hollow'.split(
    ' ',
  );
const TAGS = ['ambient', 'jazz', 'folk', 'piano', 'strings', 'wide shot', 'close-up', 'night', 'drums', 'vocal'];

/** Search latency on a generated catalogue of `count` items (titles, artists, albums, file names, tags). */
export async function benchSearch(count = 100_000, queries = 300): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-bench-search-'));
  const engine = engineAt(tmp);
  try {
    const random = mulberry32(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const kinds = ['audio', 'midi', 'image'] as const;
    const t0 = performance.now();
    const { catalogue } = engine;
    for (let start = 0; start < count; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, count - start) }, (_, j) => {
        const k = start + j;
        const kind = kinds[k % 3] ?? 'audio';
        const title = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`;
        return {
          path: `/generated/${kind}/${k}-${title.replace(/ /g, '-')}.${kind === 'audio' ? 'mp3' : kind === 'midi' ? 'mid' : 'jpg'}`,
          kind,
          contentHash: `hash-${k}`,
          size: 1000 + k,
          mtimeMs: 1_700_000_000_000,
          title,
          artist: `${pick(WORDS)} ${pick(['band', 'trio', 'ensemble', 'quartet'])}`,
          album: kind === 'audio' ? `${pick(WORDS)} sessions` : null,
          durationS: kind === 'image' ? null : 30 + (k % 300),
          metadata: {},
          peaks: null,
        };
      });
      catalogue.library.apply(batch);
      const tagStatement = catalogue.db.transaction(() => {
        for (const file of batch.filter((_, j) => j % 4 === 0)) {
          const item = catalogue.media.byPath(file.path);
          if (item) catalogue.media.addTags(item.id, [pick(TAGS), pick(TAGS)]);
        }
      });
      tagStatement();
    }
    const writeSeconds = (performance.now() - t0) / 1000;
    console.log(`catalogue writes: ${count} items (+ tags on a quarter) in ${writeSeconds.toFixed(1)} s = ${(count / writeSeconds).toFixed(0)} items/s`);

    const samples: Record<string, number[]> = { search: [], 'search + kind filter': [], 'browse sorted by title': [], 'search, page 3': [] };
    for (let q = 0; q < queries; q++) {
      const text = random() < 0.3 ? `${pick(WORDS)} ${pick(WORDS).slice(0, 3)}` : random() < 0.5 ? pick(WORDS).slice(0, 4) : pick(TAGS);
      const cases: Array<[string, unknown]> = [
        ['search', { query: text, limit: 100 }],
        ['search + kind filter', { query: text, kind: pick(kinds), limit: 100 }],
        ['browse sorted by title', { sort: 'title', offset: Math.floor(random() * (count - 200)), limit: 100 }],
        ['search, page 3', { query: text, offset: 200, limit: 100 }],
      ];
      for (const [name, input] of cases) {
        const t = performance.now();
        await call(engine, 'library.list', input);
        samples[name]?.push(performance.now() - t);
      }
    }
    console.log(`library.list on ${count} items, ${queries} random queries each (through the API dispatch, results of 100):`);
    for (const [name, times] of Object.entries(samples)) {
      times.sort((a, b) => a - b);
      console.log(`  ${name.padEnd(24)} median ${ms(quantile(times, 0.5))}  p95 ${ms(quantile(times, 0.95))}  max ${ms(times[times.length - 1] ?? 0)}`);
    }
  } finally {
    engine.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Discover through the API on MovieLens ratings imported into a catalogue. */
export async function benchDiscover(ratingsFile: string, itemsFile: string): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-bench-discover-'));
  const engine = engineAt(tmp);
  try {
    const t0 = performance.now();
    const loaded = loadRatingsFile(ratingsFile, { itemsFile });
    const imported = importRatings(engine.catalogue.db, loaded);
    console.log(
      `import-ratings: ${imported.ratings} ratings, ${imported.profilesCreated} profiles, ${imported.filmsCreated} films in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const t1 = performance.now();
    const job = await waitForJob(engine.events, await call<JobRecord>(engine, 'recs.train', { folds: 0 }));
    if (job.state !== 'done') throw new Error(`recs-train ${job.state}: ${job.error}`);
    console.log(`recs-train (default, no CV) on the catalogue: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const profiles = engine.catalogue.profiles.list().slice(0, 60);
    const first: number[] = [];
    const warm: number[] = [];
    const afterRating: number[] = [];
    const worker: number[] = [];
    let changed = 0;
    for (const [k, profile] of profiles.entries()) {
      let t = performance.now();
      const before = await call<Recommendations>(engine, 'recs.for', { profileId: profile.id, limit: 24 });
      (k === 0 ? first : warm).push(performance.now() - t);
      const top = before.items[0];
      if (!top) continue;
      t = performance.now();
      await call(engine, 'ratings.set', { profileId: profile.id, itemIds: [top.item.id], value: 0.5 });
      const after = await call<Recommendations>(engine, 'recs.for', { profileId: profile.id, limit: 24 });
      afterRating.push(performance.now() - t);
      worker.push(after.ms);
      if (after.items.map((r) => r.item.id).join() !== before.items.map((r) => r.item.id).join()) changed += 1;
    }
    warm.sort((a, b) => a - b);
    afterRating.sort((a, b) => a - b);
    worker.sort((a, b) => a - b);
    console.log(`recs.for (24 suggestions of ${engine.catalogue.stats().items} items, fold-in of the profile's ratings, explanations, hydrated items):`);
    console.log(`  first call (loads the model in the worker) ${ms(first[0] ?? 0)}; then median ${ms(quantile(warm, 0.5))}, p95 ${ms(quantile(warm, 0.95))}`);
    console.log(
      `  rate the top suggestion 0.5★ -> new suggestions: median ${ms(quantile(afterRating, 0.5))}, p95 ${ms(quantile(afterRating, 0.95))} (worker part median ${ms(quantile(worker, 0.5))}); list changed for ${changed} of ${afterRating.length} profiles`,
    );
  } finally {
    engine.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
