/**
 * Stills benchmark (`npm run bench:stills`), one run, well under a minute. So far: embedding
 * throughput of the shared MobileNet v1 0.75 (224) on the active backend, in images/s, for
 * single images and batches of 16 and 32, with JPEG decode + resize (sharp) included and for the
 * backbone alone. Generated 640×360 JPEG stills; `--images N` (default 48).
 * Needs ../shared/data/models/mobilenet_v1_0.75_224 (or MOTIF_REFERENCE_DIR).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { Catalogue } from '../src/main/engine/catalogue/catalogue';
import { initMlRuntime } from '../src/main/engine/ml/runtime';
import { loadBackbone } from '../src/main/engine/stills/backbone';
import { embedImages } from '../src/main/engine/stills/embed';
import { INPUT_SIZE, preprocessFile } from '../src/main/engine/stills/preprocess';

const arg = process.argv.indexOf('--images');
const IMAGES = arg > 0 ? Number(process.argv[arg + 1]) : 48;
const reference = process.env.MOTIF_REFERENCE_DIR ?? path.resolve(import.meta.dirname, '../../shared/data');
const folder = path.join(reference, 'models', 'mobilenet_v1_0.75_224');
if (!fs.existsSync(path.join(folder, 'model.json'))) {
  console.log(`Skipping: no MobileNet at ${folder} (set MOTIF_REFERENCE_DIR).`);
  process.exit(0);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-bench-stills-'));
try {
  const files: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const scale = 0.15 + (0.8 * i) / IMAGES;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="100%" height="100%" fill="#${(0x203040 + i * 0x050301).toString(16).slice(-6)}"/><circle cx="320" cy="180" r="${170 * scale}" fill="#e8c39e"/></svg>`;
    const file = path.join(dir, `still_${i}.jpg`);
    fs.writeFileSync(file, await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer());
    files.push(file);
  }
  const ml = await initMlRuntime();
  const backbone = await loadBackbone(ml.tf, folder);
  console.log(
    `Backend: ${ml.info.active} (${ml.info.attempts.find((a) => a.ok)?.detail}); ${os.cpus().length} CPUs; ${IMAGES} stills 640×360 JPEG`,
  );
  // Warm up (first inference compiles kernels).
  await backbone.embed(await preprocessFile(files[0] as string, 'crop'), 1);

  const t0 = performance.now();
  const pixels = new Float32Array(IMAGES * INPUT_SIZE * INPUT_SIZE * 3);
  for (let i = 0; i < IMAGES; i++)
    await preprocessFile(files[i] as string, 'crop', pixels, i * INPUT_SIZE * INPUT_SIZE * 3);
  const decodeSeconds = (performance.now() - t0) / 1000;
  console.log(`decode + resize only: ${(IMAGES / decodeSeconds).toFixed(1)} images/s`);

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
    console.log(
      `batch ${String(batch).padStart(2)}: backbone only ${backboneOnly.toFixed(1)} images/s; with decode and cache writes ${result.imagesPerSecond.toFixed(1)} images/s`,
    );
  }
  backbone.dispose();
  console.log(`tf tensors left: ${ml.tf.memory().numTensors}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
