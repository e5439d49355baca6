/**
 * Stills benchmark (`npm run bench:stills`), one run. Embedding throughput of the shared
 * MobileNet v1 0.75 (224) on the active backend, in images/s, for single images and batches of 16
 * and 32, with JPEG decode + resize (sharp) included and for the backbone alone (generated
 * 640×360 JPEG stills; `--images N`, default 48). Then the use side: head training time on 2,000
 * cached embeddings, batch classification throughput with every embedding cached, and the peak
 * memory (RSS, sampled every 50 ms) while the `stills-classify` job runner imports and classifies
 * `--classify N` generated 160×90 JPEGs (default 10,000, which takes minutes on 2 CPUs; `--quick`
 * uses 1,000). This part needs ../shared/data/models/mobilenet_v1_0.75_224 (or
 * MOTIF_REFERENCE_DIR) and is skipped without it.
 *
 * Then the from-scratch CNN (no backbone needed): the training-step throughput of `trainScratchCnn`
 * at batch 32 in samples/s (`--scratch-steps N` timed steps after a warm-up step, default 10,
 * `--quick` 4), with a note on why there is no stock-tfjs-gradient comparison (the wasm gradient
 * kernels of scratch-conv-grad.ts are registered globally with no off switch), and a full scratch
 * training run by the `stills-import` and `stills-train` job runners with default settings on a
 * generated five-class shot-scale set (`--scratch-per-class N` stills per class from 8 films,
 * default 100, `--quick` 40; film-grouped split), printing validation accuracy beside chance and
 * the majority class, and the training wall time, within a `--scratch-minutes M` time budget
 * (default 10, `--quick` 3). `--scratch-only` runs just this section; `--no-scratch` skips it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { Catalogue } from '../src/main/engine/catalogue/catalogue';
import { initMlRuntime, type MlRuntime } from '../src/main/engine/ml/runtime';
import { loadBackbone } from '../src/main/engine/stills/backbone';
import { embedImages } from '../src/main/engine/stills/embed';
import { INPUT_SIZE, preprocessFile } from '../src/main/engine/stills/preprocess';
import {
  benchCachedClassify,
  benchClassifyMemory,
  benchHeadTraining,
  jitteredEmbeddings,
  writeSmallStills,
} from './lib/stills-classify-bench';
import { benchScratch, type ScratchBenchOptions } from './lib/stills-scratch-bench';

const numberArg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const IMAGES = numberArg('--images', 48);
const QUICK = process.argv.includes('--quick');
const CLASSIFY = numberArg('--classify', QUICK ? 1_000 : 10_000);
const HEAD_EMBEDDINGS = 2_000;
const SCRATCH_ONLY = process.argv.includes('--scratch-only');
const SCRATCH = !process.argv.includes('--no-scratch');
const scratchOptions: ScratchBenchOptions = {
  perClass: numberArg('--scratch-per-class', QUICK ? 40 : 100),
  films: 8,
  steps: numberArg('--scratch-steps', QUICK ? 4 : 10),
  maxMinutes: numberArg('--scratch-minutes', QUICK ? 3 : 10),
};
const reference = process.env.MOTIF_REFERENCE_DIR ?? path.resolve(import.meta.dirname, '../../shared/data');
const backboneFolder = path.join(reference, 'models', 'mobilenet_v1_0.75_224');
const haveBackbone = fs.existsSync(path.join(backboneFolder, 'model.json'));
if (!SCRATCH_ONLY && !haveBackbone)
  console.log(`Skipping the transfer-learning part: no MobileNet at ${backboneFolder} (set MOTIF_REFERENCE_DIR).`);

/** The transfer-learning part: backbone embedding throughput, then head training and classifying. */
async function benchTransfer(ml: MlRuntime, dir: string): Promise<void> {
  const files: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const scale = 0.15 + (0.8 * i) / IMAGES;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="100%" height="100%" fill="#${(0x203040 + i * 0x050301).toString(16).slice(-6)}"/><circle cx="320" cy="180" r="${170 * scale}" fill="#e8c39e"/></svg>`;
    const file = path.join(dir, `still_${i}.jpg`);
    fs.writeFileSync(file, await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer());
    files.push(file);
  }
  const backbone = await loadBackbone(ml.tf, backboneFolder);
  console.log(`\nMobileNet v1 0.75 (224) transfer learning: ${IMAGES} stills 640×360 JPEG`);
  // Warm up (first inference compiles kernels).
  await backbone.embed(await preprocessFile(files[0] as string, 'crop'), 1);

  const t0 = performance.now();
  const pixels = new Float32Array(IMAGES * INPUT_SIZE * INPUT_SIZE * 3);
  for (let i = 0; i < IMAGES; i++)
    await preprocessFile(files[i] as string, 'crop', pixels, i * INPUT_SIZE * INPUT_SIZE * 3);
  const decodeSeconds = (performance.now() - t0) / 1000;
  console.log(`decode + resize only: ${(IMAGES / decodeSeconds).toFixed(1)} images/s`);

  const embedRates = new Map<number, number>();
  for (const batch of [1, 16, 32]) {
    const start = performance.now();
    for (let i = 0; i < IMAGES; i += batch) {
      const n = Math.min(batch, IMAGES - i);
      await backbone.embed(pixels.subarray(i * INPUT_SIZE * INPUT_SIZE * 3, (i + n) * INPUT_SIZE * INPUT_SIZE * 3), n);
    }
    const backboneOnly = IMAGES / ((performance.now() - start) / 1000);
    const catalogue = Catalogue.open(path.join(dir, `bench-${batch}.sqlite`));
    const result = await embedImages({
      backbone,
      repo: catalogue.embeddings,
      targets: files.map((p, i) => ({ path: p, contentHash: `h${i}` })),
      aspect: 'crop',
      batchSize: batch,
    });
    catalogue.close();
    embedRates.set(batch, result.imagesPerSecond);
    console.log(
      `batch ${String(batch).padStart(2)}: backbone only ${backboneOnly.toFixed(1)} images/s; with decode and cache writes ${result.imagesPerSecond.toFixed(1)} images/s`,
    );
  }
  const base: Float32Array[] = [];
  for (let i = 0; i < IMAGES; i++)
    base.push(
      ...(await backbone.embed(
        pixels.subarray(i * INPUT_SIZE * INPUT_SIZE * 3, (i + 1) * INPUT_SIZE * INPUT_SIZE * 3),
        1,
      )),
    );

  console.log(
    `\nUse side (stills-classify and the head), ${HEAD_EMBEDDINGS.toLocaleString('en')} cached embeddings: the ${IMAGES} real ones, jittered`,
  );
  const head = await benchHeadTraining(
    ml,
    backbone,
    fs.mkdtempSync(path.join(dir, 'data-')),
    jitteredEmbeddings(base, HEAD_EMBEDDINGS),
  );
  console.log(`head training (trainHead, default schedule: ${head.epochs} epochs): ${head.seconds.toFixed(1)} s`);
  const cached = await benchCachedClassify(ml, backbone, head, files, HEAD_EMBEDDINGS);
  console.log(
    `classify with cached embeddings: ${cached.stillsPerSecond.toFixed(0)} stills/s ` +
      `(${cached.report.classified.toLocaleString('en')} stills, tags written; ${(cached.stillsPerSecond / (embedRates.get(32) ?? NaN)).toFixed(0)}× the batch-32 rate with decode and embedding above)`,
  );
  backbone.dispose();

  const folder = path.join(dir, 'classify');
  const t1 = performance.now();
  await writeSmallStills(folder, CLASSIFY);
  console.log(
    `\nstills-classify job runner on ${CLASSIFY.toLocaleString('en')} generated 160×90 JPEGs${QUICK ? ' (--quick: fewer than the 10,000 of a full run)' : ''} ` +
      `(written in ${((performance.now() - t1) / 1000).toFixed(0)} s), nothing cached: import + decode + backbone + head + tags`,
  );
  const memory = await benchClassifyMemory(ml, head, folder, backboneFolder);
  const { report } = memory;
  console.log(
    `classified ${report.classified.toLocaleString('en')} of ${report.seen.toLocaleString('en')} in ${memory.seconds.toFixed(0)} s ` +
      `(${(report.classified / memory.seconds).toFixed(1)} stills/s including the import); skipped ${report.skipped.length}`,
  );
  console.log(
    `RSS: ${memory.rssBeforeMb} MB before, peak ${memory.peakMb} MB (import ${memory.importPeakMb} MB); ` +
      `peak per tenth of the classification: ${memory.peakByDecileMb.join(', ')} MB`,
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-bench-stills-'));
try {
  const ml = await initMlRuntime();
  console.log(`Backend: ${ml.info.active} (${ml.info.attempts.find((a) => a.ok)?.detail}); ${os.cpus().length} CPUs`);
  if (!SCRATCH_ONLY && haveBackbone) await benchTransfer(ml, dir);
  if (SCRATCH) await benchScratch(ml, dir, scratchOptions);
  console.log(`tf tensors left: ${ml.tf.memory().numTensors}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
