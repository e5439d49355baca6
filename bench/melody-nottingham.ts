/**
 * The Nottingham acceptance run: the real `melody-train` runner, default settings, on every file of
 * ../shared/data/melodies/nottingham/midi (held out: every 10th file in sorted name order) with a
 * 30-minute budget for the whole job, in a temporary data directory. Prints progress and the LSTM
 * and n-gram numbers. Takes the budget's time: run it in the background.
 *
 *   npx tsx bench/melody-nottingham.ts [--max-minutes 30] [--epochs N] [--data-dir DIR] [key=value ...]
 *
 * key=value pairs override training parameters (numbers, or comma lists for hiddenSizes /
 * transpositions), e.g. `hiddenSizes=256,256 dropout=0.3`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { referencePath } from '../tests/helpers/reference';
import { initMlRuntime } from '../src/main/engine/ml/runtime';
import { runMelodyTrain } from '../src/main/engine/music/model/runner';

const dir = referencePath('melodies', 'nottingham', 'midi');
if (!dir) process.exit(0);
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const overrides: Record<string, unknown> = {};
for (const a of process.argv.slice(2)) {
  const m = /^(\w+)=(.+)$/.exec(a);
  if (!m) continue;
  const [, key, value] = m as unknown as [string, string, string];
  overrides[key] = ['hiddenSizes', 'transpositions'].includes(key)
    ? value.split(',').map(Number)
    : value === 'true' || value === 'false'
      ? value === 'true'
      : Number(value);
}
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.midi?$/i.test(f))
  .map((f) => path.join(dir, f));
const dataDir = arg('--data-dir') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'motif-nottingham-'));
const runtime = await initMlRuntime();
const params = {
  files,
  maxMinutes: Number(arg('--max-minutes') ?? 30),
  ...(arg('--epochs') ? { epochs: Number(arg('--epochs')) } : {}),
  ...overrides,
};
console.log(`Nottingham: ${files.length} files, backend ${runtime.info.active}, data dir ${dataDir}`);
console.log(`params: ${JSON.stringify({ ...params, files: `[${files.length} files]` })}`);
const started = performance.now();
let lastLine = 0;
let lastStage = '';
const outcome = await runMelodyTrain(params, {
  jobId: 1,
  dataDir,
  signal: new AbortController().signal,
  ml: async () => runtime,
  progress: (p) => {
    const now = performance.now();
    // One line per stage change and per epoch, else at most one every 30 s.
    if (p.stage === lastStage && p.stage !== 'epoch' && p.stage !== 'done' && now - lastLine < 30_000) return;
    lastLine = now;
    lastStage = p.stage;
    const minutes = ((now - started) / 60_000).toFixed(1);
    console.log(
      `[${minutes} min] ${p.stage}: ${p.message}${p.metrics ? ` ${JSON.stringify(p.metrics)}` : ''}${p.etaSeconds !== undefined ? ` eta ${p.etaSeconds}s` : ''}`,
    );
  },
});
const m = outcome.model?.metrics ?? {};
console.log(
  `\nTotal ${((performance.now() - started) / 60_000).toFixed(1)} min; stopped by ${String(outcome.summary.stoppedBy ?? 'epochs')}`,
);
console.log(`LSTM held-out perplexity ${m.lstmPerplexity}, accuracy ${m.accuracy}, event accuracy ${m.eventAccuracy}`);
console.log(`best n-gram ${m.ngramPerplexity} (order ${m.ngramOrder}); ratio ${m.perplexityRatio} (target <= 0.85)`);
console.log(
  `position-aware n-gram ${m.positionNgramPerplexity} (order ${m.positionNgramOrder}: position + ${Number(m.positionNgramOrder) - 2} events)`,
);
for (const order of [1, 2, 3, 4, 5])
  console.log(
    `  ${order}-gram: Witten-Bell ${m[`ngramWB${order}Perplexity`]}, Kneser-Ney ${m[`ngramKN${order}Perplexity`]}`,
  );
console.log(JSON.stringify({ metrics: m, params: outcome.model?.params, history: outcome.summary.history }));
