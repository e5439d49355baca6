/**
 * `motif melody generate`: continue a seed MIDI file (or generate from scratch) with a melody
 * model and write each variation as a Standard MIDI File.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { GeneratedVariation, MelodyGeneration, MemorisationMeter } from '../../../shared/melody';
import type { Clip } from '../../../shared/music';
import type { Engine } from '../../engine/engine';
import type { CliContext } from '../context';
import { plural, table } from '../format';
import type { KeyLock } from './melody-args';
import { call } from './melody-job';
import { resolveMelodyModel } from './melody-models';

export const CLI_GENERATION_MODES = ['continue', 'generate'] as const;
export type CliGenerationMode = (typeof CLI_GENERATION_MODES)[number];

export interface MelodyGenerateCliOptions {
  model?: number;
  /** The seed MIDI file to continue. */
  seed?: string;
  bars: number;
  temperature: number;
  topK?: number;
  topP?: number;
  variations: number;
  key?: KeyLock;
  randomSeed?: number;
  mode?: CliGenerationMode;
  out: string;
}

export interface WrittenVariation {
  file: string;
  /** Notes in the file: the seed's (when continuing) plus the generated ones. */
  notes: number;
  generatedNotes: number;
  memorisation: MemorisationMeter | null;
  logLikelihood: number;
  /** The random seed of the generation (the same seed and inputs give the same notes). */
  seed: number;
}

/** An empty 4/4 clip at 120 bpm and PPQ 480, to generate on from scratch. */
export function emptyClip(key: KeyLock | null): Clip {
  return { ppq: 480, notes: [], bpm: 120, timeSignature: { numerator: 4, denominator: 4 }, key, lengthTicks: 0 };
}

/** The clip written for one variation: the seed's notes plus the continuation, or the generated notes alone. */
export function variationClip(
  seed: Clip,
  mode: CliGenerationMode,
  generation: MelodyGeneration,
  variation: GeneratedVariation,
  key: KeyLock | null,
): Clip {
  const keep = mode === 'continue' ? seed.notes : [];
  const notes = [...keep, ...variation.notes.map((n, i) => ({ ...n, id: `g${i + 1}` }))];
  const end = notes.reduce((max, n) => Math.max(max, n.tick + n.durationTicks), generation.endTick);
  return {
    ...seed,
    notes,
    key: key ?? seed.key,
    lengthTicks: Math.max(mode === 'continue' ? seed.lengthTicks : 0, end),
  };
}

/** Relative to the working directory when the file is below it, else absolute. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function meter(m: MemorisationMeter | null): string {
  if (!m) return '(no index)';
  return `${m.steps}/${m.phraseSteps} steps (${(100 * m.fraction).toFixed(0)}%)`;
}

function prepareOut(dir: string): string {
  const out = path.resolve(dir);
  try {
    fs.mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new MotifError('invalid-input', `Cannot write to ${out}: ${(error as Error).message}`);
  }
  if (!fs.statSync(out).isDirectory()) throw new MotifError('invalid-input', `${out} is not a folder.`);
  return out;
}

async function seedClip(context: CliContext, engine: Engine, seed: string | undefined, key: KeyLock | null) {
  if (seed === undefined) return { clip: emptyClip(key), name: 'melody', file: null };
  const file = path.resolve(seed);
  const opened = await call(engine, 'melody.openFile', { path: file });
  if (!context.json) {
    for (const warning of opened.warnings.slice(0, 5)) context.log(`${path.basename(file)}: ${warning}`);
    if (opened.drumNotesLeftOut > 0)
      context.log(`${path.basename(file)}: ${plural(opened.drumNotesLeftOut, 'drum note')} left out`);
  }
  return { clip: opened.clip, name: opened.name, file };
}

export async function melodyGenerate(context: CliContext, options: MelodyGenerateCliOptions): Promise<void> {
  const mode = options.mode ?? (options.seed !== undefined ? 'continue' : 'generate');
  if (mode === 'continue' && options.seed === undefined) {
    throw new MotifError('invalid-input', 'Continuing needs a seed: give --seed FILE.mid, or --mode generate.');
  }
  const out = prepareOut(options.out);
  const key = options.key ?? null;
  const engine = context.openEngine();
  try {
    const model = await resolveMelodyModel(engine, options.model);
    const seed = await seedClip(context, engine, options.seed, key);
    if (!context.json) {
      context.log(
        `${mode === 'continue' ? `Continuing ${seed.name}` : 'Generating'} ${plural(options.bars, 'bar')} × ` +
          `${plural(options.variations, 'variation')} with model #${model.id} "${model.name}"…`,
      );
    }
    const generation = await call(engine, 'melody.generate', {
      mode,
      modelId: model.id,
      clip: seed.clip,
      bars: options.bars,
      temperature: options.temperature,
      ...(options.topK !== undefined ? { topK: options.topK } : {}),
      ...(options.topP !== undefined ? { topP: options.topP } : {}),
      variations: options.variations,
      seed: options.randomSeed ?? null,
      key,
    });
    const written: WrittenVariation[] = [];
    for (const [i, variation] of generation.variations.entries()) {
      const clip = variationClip(seed.clip, mode, generation, variation, key);
      const exported = await call(engine, 'melody.exportMidi', { clip, name: `${seed.name}-variation-${i + 1}` });
      let file: string;
      if ('savedTo' in exported) file = exported.savedTo;
      else {
        file = path.join(out, exported.fileName);
        fs.writeFileSync(file, Buffer.from(exported.dataBase64, 'base64'));
      }
      written.push({
        file,
        notes: clip.notes.length,
        generatedNotes: variation.notes.length,
        memorisation: variation.memorisation,
        logLikelihood: variation.logLikelihood,
        seed: generation.seed,
      });
    }
    const payload = {
      model: { id: model.id, name: model.name },
      mode,
      seedFile: seed.file,
      bars: options.bars,
      seed: generation.seed,
      startTick: generation.startTick,
      endTick: generation.endTick,
      ms: generation.ms,
      variations: written,
    };
    context.output(payload, () =>
      [
        table([
          ['FILE', 'NOTES', 'MEMORISED', 'LOG-LIKELIHOOD', 'SEED'],
          ...written.map((w) => [
            shortPath(w.file),
            mode === 'continue' ? `${w.generatedNotes} new (+${w.notes - w.generatedNotes} seed)` : String(w.notes),
            meter(w.memorisation),
            w.logLikelihood.toFixed(3),
            String(w.seed),
          ]),
        ]),
        `${plural(written.length, 'variation')} in ${generation.ms.toFixed(0)} ms; --random-seed ${generation.seed} gives the same notes again.`,
      ].join('\n'),
    );
  } finally {
    engine.close();
  }
}
