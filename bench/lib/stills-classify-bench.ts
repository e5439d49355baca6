/**
 * The use side of bench:stills: head training time on 2,000 cached embeddings (A1's trainHead,
 * the head the stills-train job fits), batch classification throughput when every embedding is
 * cached, and the process's peak memory while the `stills-classify` job runner imports and
 * classifies thousands of generated JPEGs (decode + backbone + head + tag writes), sampled.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { Catalogue } from '../../src/main/engine/catalogue/catalogue';
import type { MlRuntime } from '../../src/main/engine/ml/runtime';
import { CATALOGUE_FILE } from '../../src/main/engine/paths';
import type { Backbone } from '../../src/main/engine/stills/backbone';
import type { StillsModelManifest } from '../../src/main/engine/stills/classifier';
import { classifyStills } from '../../src/main/engine/stills/classify-batch';
import { runStillsClassify } from '../../src/main/engine/stills/classify-runner';
import { trainHead } from '../../src/main/engine/stills/head';
import { loadStillsClassifier, saveStillsModel } from '../../src/main/engine/stills/model-store';
import type { JobProgress } from '../../src/shared/jobs';
import type { StillsClassifyReport } from '../../src/shared/stills';

export const CLASSES = ['extreme close-up', 'close-up', 'medium', 'long', 'extreme long'];

/** mulberry32 + Box-Muller: seeded Gaussian noise. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/**
 * `count` vectors: the real embeddings of the generated stills, each repeated with Gaussian
 * jitter (10% of the vector's spread), labelled by the still's scale band (5 classes).
 */
export function jitteredEmbeddings(
  base: readonly Float32Array[],
  count: number,
): { vectors: Float32Array[]; labels: number[] } {
  const noise = gaussian(11);
  const vectors: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % base.length;
    const source = base[k] as Float32Array;
    let spread = 0;
    for (const v of source) spread += v * v;
    const sigma = 0.1 * Math.sqrt(spread / source.length);
    vectors.push(Float32Array.from(source, (v) => Math.max(0, v + sigma * noise())));
    labels.push(Math.min(CLASSES.length - 1, Math.floor((k / base.length) * CLASSES.length)));
  }
  return { vectors, labels };
}

export interface HeadBench {
  seconds: number;
  epochs: number;
  dataDir: string;
  modelPath: string;
}

/** Caches the vectors, reads them back and trains the head on them; saves it as a model folder. */
export async function benchHeadTraining(
  ml: MlRuntime,
  backbone: Backbone,
  dataDir: string,
  data: { vectors: Float32Array[]; labels: number[] },
): Promise<HeadBench> {
  const catalogue = Catalogue.open(path.join(dataDir, CATALOGUE_FILE));
  try {
    const key = { backboneId: backbone.id, aspect: 'crop' as const };
    catalogue.embeddings.putMany(
      data.vectors.map((vector, i) => ({ contentHash: `bench-${i}`, vector })),
      key,
    );
    const cached = catalogue.embeddings.getMany(
      data.vectors.map((_, i) => `bench-${i}`),
      key,
    );
    const vectors = data.vectors.map((_, i) => cached.get(`bench-${i}`) as Float32Array);
    const started = performance.now();
    const head = await trainHead(
      ml.tf,
      { vectors, labels: data.labels },
      { classes: CLASSES.length, seed: 7, augment: true },
    );
    const seconds = (performance.now() - started) / 1000;
    const manifest: StillsModelManifest = {
      format: 'motif-stills-classifier',
      formatVersion: 1,
      architecture: 'transfer',
      classes: CLASSES,
      classOrder: CLASSES,
      aspect: 'crop',
      backbone: {
        id: backbone.id,
        layer: 'conv_pw_13_relu',
        pooling: 'gap',
        inputSize: 224,
        dimension: backbone.dimension,
      },
      normalization: head.normalization,
      input: null,
      metrics: {},
      createdAt: new Date().toISOString(),
      dataHash: 'bench',
      source: { bench: 'bench:stills' },
    };
    const modelPath = await saveStillsModel(dataDir, head.model, {
      manifest,
      history: head.history,
      evaluation: {
        classes: CLASSES,
        order: CLASSES,
        accuracy: 0,
        withinOne: null,
        macroF1: 0,
        perClass: [],
        confusion: [],
        calibration: { ece: 0, brier: 0, bins: [] },
        trainCount: vectors.length,
        validationCount: 0,
        splitBy: 'item',
        baselines: { majority: 0, chance: 1 / CLASSES.length },
      },
      predictions: { classes: CLASSES, items: [] },
    });
    head.model.dispose();
    return { seconds, epochs: head.epochs, dataDir, modelPath };
  } finally {
    catalogue.close();
  }
}

/** Stills per second classified when every embedding is cached (catalogue items over `files`). */
export async function benchCachedClassify(
  ml: MlRuntime,
  backbone: Backbone,
  head: HeadBench,
  files: readonly string[],
  count: number,
): Promise<{ stillsPerSecond: number; report: StillsClassifyReport }> {
  const catalogue = Catalogue.open(path.join(head.dataDir, CATALOGUE_FILE));
  const classifier = await loadStillsClassifier(ml.tf, path.join(head.dataDir, head.modelPath));
  try {
    // One real file per item (hard links to the generated stills); none is read: all are cached.
    const links = fs.mkdtempSync(path.join(head.dataDir, 'cached-'));
    catalogue.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const file = path.join(links, `still_${i}.jpg`);
        fs.linkSync(files[i % files.length] as string, file);
        catalogue.media.insert({ kind: 'image', path: file, contentHash: `bench-${i}`, title: `cached ${i}` });
      }
    })();
    const started = performance.now();
    const report = await classifyStills({
      db: catalogue.db,
      embeddings: catalogue.embeddings,
      classifier,
      modelId: 1,
      backbone,
      folder: null,
      aspect: 'crop',
    });
    return { stillsPerSecond: report.classified / ((performance.now() - started) / 1000), report };
  } finally {
    classifier.dispose();
    catalogue.close();
  }
}

/** `count` small generated JPEGs (160×90, a disc whose size and colour vary) in `dir`. */
export async function writeSmallStills(dir: string, count: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const queue = Array.from({ length: count }, (_, i) => i);
  const worker = async (): Promise<void> => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const r = 8 + ((i * 37) % 40);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="100%" height="100%" fill="#${(0x203040 + ((i * 0x050301) & 0x7f7f7f)).toString(16).slice(-6)}"/><circle cx="${40 + (i % 80)}" cy="45" r="${r}" fill="#e8c39e"/></svg>`;
      await sharp(Buffer.from(svg))
        .jpeg({ quality: 85 })
        .toFile(path.join(dir, `still_${String(i).padStart(5, '0')}.jpg`));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

export interface MemoryBench {
  report: StillsClassifyReport;
  seconds: number;
  rssBeforeMb: number;
  peakMb: number;
  /** Peak RSS while the folder was being imported into the library. */
  importPeakMb: number;
  /** Peak RSS within each tenth of the classification (flat = memory does not grow with the count). */
  peakByDecileMb: number[];
}

const mb = (bytes: number): number => Math.round(bytes / 1048576);

/** Runs the `stills-classify` job runner (import first, nothing cached) while sampling RSS every 50 ms. */
export async function benchClassifyMemory(
  ml: MlRuntime,
  head: HeadBench,
  folder: string,
  backbonePath: string,
): Promise<MemoryBench> {
  let decile = -1;
  let importPeak = 0;
  const peaks: number[] = [];
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const sample = (): void => {
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    if (decile < 0) importPeak = Math.max(importPeak, rss);
    else peaks[decile] = Math.max(peaks[decile] ?? 0, rss);
  };
  const timer = setInterval(sample, 50);
  const started = performance.now();
  try {
    const outcome = await runStillsClassify(
      { modelId: 1, modelPath: head.modelPath, backbonePath, folder, aspect: 'crop', importFirst: true },
      {
        jobId: 1,
        dataDir: head.dataDir,
        signal: new AbortController().signal,
        ml: () => Promise.resolve(ml),
        progress: (p: JobProgress) => {
          sample();
          // The import takes the first 30% of the job's progress; the rest is classification.
          if (p.stage === 'classifying') decile = Math.max(0, Math.min(9, Math.floor(((p.fraction - 0.3) / 0.7) * 10)));
        },
      },
    );
    sample();
    return {
      report: outcome.summary as unknown as StillsClassifyReport,
      seconds: (performance.now() - started) / 1000,
      rssBeforeMb: mb(rssBefore),
      peakMb: mb(peak),
      importPeakMb: mb(importPeak),
      peakByDecileMb: peaks.map((p) => mb(p ?? 0)),
    };
  } finally {
    clearInterval(timer);
  }
}
