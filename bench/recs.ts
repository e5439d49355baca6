/**
 * Recommender benchmark (`npm run bench:recs`): every algorithm on MovieLens 100K's official
 * splits u1..u5 (fit seconds, RMSE and MAE per fold, plus top-N metrics), the SVD fit time against
 * a straightforward C loop when a C compiler is present, fold-in latency, library import
 * throughput, search latency on a generated 100,000-item catalogue and Discover's latency through
 * the API. With `--generality`
 * it adds 5 seeded random folds on ml-100k and on two SIMULATED half-star versions of it (svd vs
 * default; several more minutes). One run; ratios come from this run's numbers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { referencePath } from '../tests/helpers/reference';
import { ALGORITHMS, fitAlgorithm, type AlgorithmName } from '../src/main/engine/recs/algorithms';
import { formatCvTable } from '../src/main/engine/recs/cv-table';
import { crossValidate, evaluateFolds, type EvaluationResult } from '../src/main/engine/recs/evaluate';
import { explainRecommendation, itemSimilarity } from '../src/main/engine/recs/explain';
import { foldInUser, topN, type RatedItem } from '../src/main/engine/recs/fold-in';
import { type Fold } from '../src/main/engine/recs/folds';
import { loadRatingsFile, loadTrainTestFiles } from '../src/main/engine/recs/load-ratings';
import { groupByUser } from '../src/main/engine/recs/ratings';
import { simulateHalfStars } from './lib/half-star-sim';
import { benchDiscover, benchImport, benchSearch } from './lib/library-bench';

const generality = process.argv.includes('--generality');
const dir = referencePath('movielens', 'ml-100k');
if (!dir) {
  console.log(
    'bench:recs skipped: MovieLens 100K not found (set MOTIF_REFERENCE_DIR to the folder holding movielens/ml-100k).',
  );
  process.exit(0);
}
const f4 = (x: number) => x.toFixed(4);
const f2 = (x: number) => x.toFixed(2);
const pct = (ratio: number) => `${((1 - ratio) * 100).toFixed(2)}%`;

console.log(
  `Motif recommender benchmark — node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map(f2).join(' ')}`,
);
console.log(`data: ${dir}\n`);

// 1. Official splits u1..u5.
const official: Fold[] = [1, 2, 3, 4, 5].map((f) =>
  loadTrainTestFiles(path.join(dir, `u${f}.base`), path.join(dir, `u${f}.test`)),
);
const results = new Map<AlgorithmName, EvaluationResult>();
console.log('== MovieLens 100K, official splits u1..u5 ==\n');
for (const algorithm of ALGORITHMS) {
  const result = evaluateFolds(official, algorithm, { seed: 0 });
  results.set(algorithm, result);
  console.log(formatCvTable(result).replace(/on 5 split\(s\)/, 'on 5 split(s) (u1..u5)'));
  console.log('');
}

console.log('Summary (u1..u5)');
const head = [
  'algorithm'.padEnd(12),
  'measure'.padEnd(8),
  ...[1, 2, 3, 4, 5].map((f) => `u${f}`.padEnd(8)),
  'mean',
].join('');
console.log(head);
for (const [algorithm, r] of results) {
  for (const [label, key, fmt] of [
    ['fit s', 'fitSeconds', f2],
    ['RMSE', 'rmse', f4],
    ['MAE', 'mae', f4],
  ] as const) {
    console.log(
      [algorithm.padEnd(12), label.padEnd(8), ...r.folds.map((f) => fmt(f[key]).padEnd(8)), fmt(r.mean[key])].join(''),
    );
  }
}
const svd = results.get('svd');
const def = results.get('default');
const bayes = results.get('bayes-mf');
const svdpp = results.get('bayes-svdpp');
if (svd && def && bayes && svdpp) {
  console.log('');
  console.log(
    `ratio default / svd RMSE:          ${f4(def.mean.rmse / svd.mean.rmse)}  (${pct(def.mean.rmse / svd.mean.rmse)} lower)   MAE ${f4(def.mean.mae / svd.mean.mae)}`,
  );
  console.log(
    `ratio bayes-mf / svd RMSE:         ${f4(bayes.mean.rmse / svd.mean.rmse)}  (${pct(bayes.mean.rmse / svd.mean.rmse)} lower)`,
  );
  console.log(`ratio bayes-svdpp / bayes-mf RMSE: ${f4(svdpp.mean.rmse / bayes.mean.rmse)}  (implicit feedback)`);
  console.log(`ratio default / bayes-svdpp RMSE:  ${f4(def.mean.rmse / svdpp.mean.rmse)}  (day-specific user biases)`);
  console.log(
    `acceptance: svd mean RMSE ${f4(svd.mean.rmse)} in [0.93, 0.945]: ${svd.mean.rmse >= 0.93 && svd.mean.rmse <= 0.945 ? 'yes' : 'NO'}; default ${f4(def.mean.rmse)} <= 0.905: ${def.mean.rmse <= 0.905 ? 'yes' : 'NO'}`,
  );
}

// 2. SVD fit time against a straightforward C loop of the same algorithm.
console.log('\n== SVD fit time vs a straightforward C loop (same folds, run back to back) ==');
const cc = ['cc', 'gcc', 'clang'].find((c) => {
  try {
    execFileSync(c, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!cc) {
  console.log('skipped: no C compiler (cc, gcc or clang) on PATH');
} else {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-bench-recs-'));
  const exe = path.join(tmp, 'svd-loop');
  execFileSync(cc, ['-O2', '-o', exe, path.join(import.meta.dirname, 'lib', 'svd-loop.c')]);
  console.log(`${'fold'.padEnd(6)}${'C -O2 s'.padEnd(10)}${'Motif s'.padEnd(10)}ratio`);
  const ratios: number[] = [];
  for (let f = 1; f <= 5; f++) {
    const c = Number(execFileSync(exe, [path.join(dir, `u${f}.base`)], { encoding: 'utf8' }).trim());
    const fold = official[f - 1];
    if (!fold) continue;
    const t0 = performance.now();
    fitAlgorithm('svd', fold.train, { seed: 0 });
    const js = (performance.now() - t0) / 1000;
    ratios.push(js / c);
    console.log(`u${f}`.padEnd(6) + f2(c).padEnd(10) + f2(js).padEnd(10) + f2(js / c));
  }
  console.log(`mean ratio Motif / C: ${f2(ratios.reduce((a, b) => a + b, 0) / ratios.length)} (acceptance: within 2x)`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

// 3. Fold-in latency: solve a user's vector from their ratings, rank all items, explain the top one.
console.log('\n== Fold-in latency (model trained on u1.base; each user re-solved from their u1.base ratings) ==');
const u1 = official[0];
if (u1) {
  for (const algorithm of ['svd', 'default'] as const) {
    const model = fitAlgorithm(algorithm, u1.train, { seed: 0 });
    const sim = itemSimilarity(model);
    const rows = groupByUser(u1.train);
    const times: number[] = [];
    for (let u = 0; u < u1.train.userIds.length; u++) {
      const rated: RatedItem[] = [];
      for (let p = rows.start[u] ?? 0; p < (rows.start[u + 1] ?? 0); p++)
        rated.push({ item: rows.item[p] ?? 0, value: rows.value[p] ?? 0 });
      if (rated.length === 0) continue;
      const t0 = performance.now();
      const user = foldInUser(model, rated);
      const recs = topN(model, user, 10, new Set(rated.map((r) => r.item)));
      if (recs[0]) explainRecommendation(model, rated, recs[0].item, 3, sim);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
    console.log(
      `${algorithm.padEnd(8)} users ${times.length}  median ${q(0.5).toFixed(2)} ms  p95 ${q(0.95).toFixed(2)} ms  max ${(times[times.length - 1] ?? 0).toFixed(2)} ms  (fold-in + top-10 of ${model.itemIds.length} items + explanation)`,
    );
  }
}

// 4. The product path: import throughput, search on 100k items, Discover through the API.
console.log('\n== Library: import throughput and search on a generated 100,000-item catalogue ==');
await benchImport(2000);
await benchSearch(100_000);
console.log('\n== Discover through the API (ml-100k u.data imported into a catalogue: 943 profiles, 1,682 films) ==');
await benchDiscover(path.join(dir, 'u.data'), path.join(dir, 'u.item'));

// 5. Generality: random folds and simulated half-star data.
if (!generality) {
  console.log('\n(generality check on random folds and simulated half-star data: run with -- --generality)');
} else {
  console.log('\n== Generality: 5 seeded random folds (Surprise KFold, seed 0), svd vs default ==');
  const full = loadRatingsFile(path.join(dir, 'u.data'), { itemsFile: null }).data;
  const sets = [
    { name: 'ml-100k, random folds', data: full },
    { name: 'SIMULATED half stars (from ml-100k)', data: simulateHalfStars(full, 11) },
    { name: 'SIMULATED half stars + long tail (items split to <= ~8 ratings)', data: simulateHalfStars(full, 11, 8) },
  ];
  for (const { name, data } of sets) {
    const a = crossValidate(data, 'svd', { folds: 5, seed: 0 });
    const b = crossValidate(data, 'default', { folds: 5, seed: 0 });
    console.log(`${name} — scale ${data.scale.min}-${data.scale.max}, ${new Set(data.items).size} items`);
    console.log(
      `  svd     RMSE ${a.folds.map((f) => f4(f.rmse)).join(' ')}  mean ${f4(a.mean.rmse)}  fit ${f2(a.mean.fitSeconds)} s/fold`,
    );
    console.log(
      `  default RMSE ${b.folds.map((f) => f4(f.rmse)).join(' ')}  mean ${f4(b.mean.rmse)}  fit ${f2(b.mean.fitSeconds)} s/fold`,
    );
    console.log(
      `  ratio default / svd ${f4(b.mean.rmse / a.mean.rmse)}  (${pct(b.mean.rmse / a.mean.rmse)} lower; acceptance on unseen half-star data: >= 2.5%)`,
    );
  }
}
