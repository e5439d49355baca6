import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/shared/jobs';
import type { MelodyCorpusSummary } from '../../src/shared/melody';
import type { ModelVersion } from '../../src/shared/models';
import type { MidiNote } from '../../src/shared/music';
import { readMidi } from '../../src/main/engine/music/midi';
import type { WrittenVariation } from '../../src/main/cli/commands/melody-generate';
import { tempDir } from '../helpers/engine';
import { json, motif, writeTunes } from './melody-cli';

interface Trained {
  job: JobRecord;
  model: ModelVersion | null;
  corpus: MelodyCorpusSummary;
}

interface Generated {
  model: { id: number };
  mode: string;
  seed: number;
  startTick: number;
  endTick: number;
  variations: WrittenVariation[];
}

const BAR = 4 * 480;
const notesOf = (file: string): MidiNote[] =>
  readMidi(new Uint8Array(fs.readFileSync(file))).tracks.flatMap((t) => t.notes);

describe('motif melody train, models, eval and generate on generated tunes', { timeout: 180_000 }, () => {
  const dataDir = tempDir();
  const corpusDir = tempDir('motif-tunes-');
  const tunes = writeTunes(corpusDir, 12);
  const data = ['--data-dir', dataDir];
  const tinyTraining = ['melody', 'train', '--corpus', corpusDir, ...'--epochs 1 --hidden 16 --seed 5'.split(' ')];

  it('trains a tiny LSTM on a --corpus folder as a job and reports it beside the n-gram baseline', async () => {
    const run = await motif([...data, '--json', ...tinyTraining, '--no-resume']);
    expect(run.code, run.stderr).toBe(0);
    const { job, model, corpus } = json<Trained>(run);
    expect(corpus).toEqual(expect.objectContaining({ files: 12, heldOut: 1, missing: 0 }));
    expect(job).toMatchObject({ kind: 'melody-train', state: 'done' });
    expect(job.params).toMatchObject({ epochs: 1, hiddenSizes: [16], seed: 5, resume: false, files: tunes });
    const r = job.result ?? {};
    expect(r.epochs).toBe(1);
    expect(r.heldOutFiles).toBe(1);
    expect(r.lstmPerplexity).toBeGreaterThan(1);
    expect(r.ngramPerplexity).toBeGreaterThan(1);
    expect(r.perplexityRatio).toBeCloseTo((r.lstmPerplexity as number) / (r.ngramPerplexity as number), 2);
    expect(r.verdict).toMatch(/beat(s)? the best n-gram/);
    expect(model).toMatchObject({ id: r.modelVersionId, kind: 'melody-lstm', metrics: { epochs: 1 } });
    // --json keeps the progress bar off stderr.
    expect(run.stderr).not.toMatch(/Epoch 1 of 1/);
  });

  it('prints the summary for people, resuming from the checkpoint of the same run', async () => {
    // The same run again has nothing left to train: a clear error, no copy of the model.
    const same = await motif([...data, ...tinyTraining]);
    expect(same.code).toBe(1);
    expect(same.stdout + same.stderr).toMatch(/already trained for 1 epoch \(/);
    const run = await motif([...data, ...tinyTraining, '--epochs', '2', '--name', 'Second']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Corpus: 12 MIDI files \([\d.]+ KB\), 1 held out for evaluation/);
    expect(run.stderr).toMatch(/Training job #\d+ in the worker/);
    expect(run.stdout).toMatch(/^Model version #2: 2 epochs in \d+s on \w+ \(resumed from this run's checkpoint/);
    expect(run.stdout).toMatch(
      /Held-out LSTM perplexity\s+\d+\.\d{3}\s+\(accuracy \d+\.\d%, event accuracy \d+\.\d%\)/,
    );
    expect(run.stdout).toMatch(/Best n-gram perplexity\s+\d+\.\d{3}\s+\(\d-gram (kneser-ney|witten-bell)\)/);
    expect(run.stdout).toMatch(/Ratio LSTM \/ n-gram\s+\d+\.\d{2}×/);
    expect(run.stdout).toMatch(/Verdict: the LSTM (beats|does NOT beat) the best n-gram/);
  });

  it('lists the melody model versions, newest first', async () => {
    const [listed, text] = await Promise.all([
      motif([...data, '--json', 'melody', 'models']),
      motif([...data, 'melody', 'models']),
    ]);
    const list = json<ModelVersion[]>(listed);
    expect(list.map((m) => [m.id, m.kind])).toEqual([
      [2, 'melody-lstm'],
      [1, 'melody-lstm'],
    ]);
    expect(list[0]?.name).toBe('Second');
    expect(text.stdout).toMatch(
      /^ID\s+NAME\s+CREATED\s+PERPLEXITY\s+VS N-GRAM\s+EPOCHS\n2\s+Second\s+\S+ \S+\s+\d+\.\d{3}\s+\d+\.\d{2}×\s+2\n1\s+/,
    );
  });

  it('evaluates the newest model by default on its own held-out split, and a chosen one as a table', async () => {
    const run = await motif([...data, '--json', 'melody', 'eval']);
    expect(run.code, run.stderr).toBe(0);
    const { job, model } = json<{ job: JobRecord; model: ModelVersion }>(run);
    expect(model.id).toBe(2);
    expect(job).toMatchObject({ kind: 'melody-eval', state: 'done' });
    const r = job.result ?? {};
    expect(r.modelId).toBe(2);
    expect(r.heldOutFiles).toBe(1);
    // The same model on the same split: the numbers training reported.
    expect(r.lstmPerplexity).toBeCloseTo(model.metrics.lstmPerplexity ?? NaN, 3);
    expect(r.ngramPerplexity).toBeCloseTo(model.metrics.ngramPerplexity ?? NaN, 3);
    expect(Array.isArray(r.ngrams) && r.ngrams.length).toBeGreaterThan(4);

    const [text, missing] = await Promise.all([
      motif([...data, 'melody', 'eval', '--model', '1', '--corpus', corpusDir]),
      motif([...data, '--json', 'melody', 'eval', '--model', '99']),
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Model #1 "Melody LSTM 16 #\d+" on 1 held-out file\n/);
    expect(text.stdout).toMatch(
      /MODEL\s+PERPLEXITY\s+ACCURACY\s+EVENT ACCURACY\nLSTM #1\s+\d+\.\d{3}\s+\d+\.\d%\s+\d+\.\d%\n\d-gram/,
    );
    expect(text.stdout.match(/^\d-gram (kneser-ney|witten-bell)\s+\d+\.\d{3}\s+—\s+—$/gm)?.length).toBeGreaterThan(4);
    expect(text.stdout).toMatch(/Ratio LSTM \/ best n-gram: \d+\.\d{2}×\nVerdict: the LSTM/);
    expect(missing.code).toBe(1);
    expect(json(missing)).toMatchObject({
      ok: false,
      error: {
        kind: 'not-found',
        message: expect.stringMatching(/no melody model version 99\. Melody models: #2, #1/),
      },
    });
  });

  it('generates from scratch on an empty 4/4 clip and writes each variation as a MIDI file', async () => {
    const out = path.join(tempDir(), 'new', 'folder');
    const run = await motif([
      ...data,
      '--json',
      'melody',
      'generate',
      '--bars',
      '2',
      '--variations',
      '2',
      '--random-seed',
      '3',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = json<Generated>(run);
    expect(result).toMatchObject({ model: { id: 2 }, mode: 'generate', seed: 3 });
    expect(result.variations.map((v) => path.basename(v.file))).toEqual([
      'melody-variation-1.mid',
      'melody-variation-2.mid',
    ]);
    for (const variation of result.variations) {
      expect(path.dirname(variation.file)).toBe(out);
      const notes = notesOf(variation.file);
      expect(notes).toHaveLength(variation.notes);
      expect(variation.generatedNotes).toBe(variation.notes);
      expect(notes.length).toBeGreaterThan(0);
      for (const n of notes) expect(n.tick + n.durationTicks).toBeLessThanOrEqual(2 * BAR);
      expect(Number.isFinite(variation.logLikelihood)).toBe(true);
      expect(variation.logLikelihood).toBeLessThan(0);
      expect(variation.seed).toBe(3);
      // 2 bars of 16th-note steps; the trained model keeps a memorisation index.
      expect(variation.memorisation).toMatchObject({ phraseSteps: 32 });
      expect(variation.memorisation?.steps).toBeLessThanOrEqual(32);
    }
  });

  it('continues a seed file in a locked key: each file holds the seed notes, then the continuation', async () => {
    const out = tempDir();
    const seedFile = tunes[0] as string;
    const seedNotes = notesOf(seedFile);
    const options = '--bars 2 --variations 2 --key Bb:minor --temperature 1.5 --model 1'.split(' ');
    const run = await motif([...data, '--json', 'melody', 'generate', '--seed', seedFile, ...options, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const result = json<Generated>(run);
    expect(result).toMatchObject({ model: { id: 1 }, mode: 'continue', startTick: 8 * BAR });
    expect(result.variations.map((v) => path.basename(v.file))).toEqual([
      'tune-00-variation-1.mid',
      'tune-00-variation-2.mid',
    ]);
    const bbMinor = new Set([10, 0, 1, 3, 5, 6, 8]);
    for (const variation of result.variations) {
      const song = readMidi(new Uint8Array(fs.readFileSync(variation.file)));
      expect(song.keySignatures[0]).toMatchObject({ fifths: -5, mode: 'minor' });
      const notes = song.tracks.flatMap((t) => t.notes);
      expect(notes).toHaveLength(variation.notes);
      expect(variation.notes).toBe(seedNotes.length + variation.generatedNotes);
      expect(variation.generatedNotes).toBeGreaterThan(0);
      const pick = (n: MidiNote): [number, number] => [n.tick, n.pitch];
      expect(notes.slice(0, seedNotes.length).map(pick)).toEqual(seedNotes.map(pick));
      for (const n of notes.slice(seedNotes.length)) {
        expect(n.tick).toBeGreaterThanOrEqual(8 * BAR);
        expect(bbMinor.has(n.pitch % 12), `pitch ${n.pitch} outside B♭ minor`).toBe(true);
      }
    }
  });
});
