/**
 * What a Generate press asks the melody model for, built from the editor's state: which notes
 * seed it, where the new notes go and what they replace. Pure functions, so the rules are tested
 * without a model or a component.
 *
 * - Continue: the selection of two or more notes (else the whole clip) is the seed; the new notes
 *   start on the beat after it ends.
 * - Generate from scratch: the clip's notes are ignored; the new notes go after them (at the next
 *   bar line), or at the start of an empty clip.
 * - Regenerate bars (infill): bars `fromBar`..`toBar` (1-based, inclusive) are resampled; what
 *   comes before is the model's context, and what follows is kept.
 */
import type { ApiInput } from '../../../../shared/api';
import type { GenerationMode } from '../../../../shared/melody';
import type { Clip, ClipNote } from '../../../../shared/music';
import { ceilTo } from '../grid';
import { formatPosition, keyName, ticksPerBar, ticksPerBeat, type MusicalKey } from '../music';
import { boundsOf, clearRange, notesEnd } from '../notes';

export type GenerateInput = ApiInput<'melody.generate'>;

export const MAX_BARS = 32;
export const MAX_VARIATIONS = 8;
export const MAX_SEED = 2 ** 31 - 1;
/**
 * A selection seeds Continue from two notes up: one selected note is nearly always just the note
 * last drawn or clicked, and continuing that alone would ignore the melody around it.
 */
export const MIN_SEED_SELECTION = 2;

/** 'clip' follows the clip's key (none when it has none); 'off' never locks; or a key as "tonic:mode". */
export type KeyChoice = 'clip' | 'off' | `${number}:${'major' | 'minor'}`;

export interface GenerateSettings {
  mode: GenerationMode;
  /** Continue / generate: how many bars, 1-32. */
  bars: number;
  temperature: number;
  variations: number;
  keyChoice: KeyChoice;
  /** 0 = off. */
  topK: number;
  /** 1 = off. */
  topP: number;
  /** Blank for a random seed. */
  seedText: string;
  /** Infill: first and last bar regenerated, 1-based and inclusive. */
  fromBar: number;
  toBar: number;
}

export const DEFAULT_SETTINGS: GenerateSettings = {
  mode: 'continue',
  bars: 4,
  temperature: 1,
  variations: 4,
  keyChoice: 'clip',
  topK: 0,
  topP: 1,
  seedText: '',
  fromBar: 1,
  toBar: 1,
};

/** What the editor offers a request: its clip, its selection and its metre. */
export interface EditorView {
  readonly clip: Clip;
  readonly selectedNotes: readonly ClipNote[];
}

/** Where generated notes land in the clip. */
export interface Placement {
  /** Notes starting in [from, to) are replaced by the accepted variation. */
  from: number;
  to: number;
  /** Added to every generated note's tick (generating from scratch after existing notes). */
  offset: number;
}

export type BuiltRequest =
  { ok: true; input: GenerateInput; placement: Placement; summary: string } | { ok: false; problem: string };

export function parseKeyChoice(choice: KeyChoice, clipKey: MusicalKey | null): MusicalKey | null {
  if (choice === 'clip') return clipKey ? { ...clipKey } : null;
  if (choice === 'off') return null;
  const [tonic, mode] = choice.split(':');
  const t = Number(tonic);
  if (!Number.isInteger(t) || t < 0 || t > 11) return null;
  return { tonic: t, mode: mode === 'minor' ? 'minor' : 'major' };
}

/** The seed as a number, null for blank (random), or undefined when it is not a valid seed. */
export function parseSeed(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value <= MAX_SEED ? value : undefined;
}

function isIntIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Checks the sampling settings common to every mode; returns the first problem, if any. */
function samplingProblem(s: GenerateSettings): string | null {
  if (!isIntIn(s.variations, 1, MAX_VARIATIONS)) return `Variations: 1 to ${MAX_VARIATIONS}.`;
  if (!(s.temperature >= 0 && s.temperature <= 2)) return 'Temperature: 0 to 2.';
  if (!isIntIn(s.topK, 0, 128)) return 'Top-k: a whole number from 0 (off) to 128.';
  if (!(s.topP > 0 && s.topP <= 1)) return 'Top-p: more than 0, at most 1 (1 is off).';
  if (parseSeed(s.seedText) === undefined)
    return `Seed: a whole number from 0 to ${MAX_SEED}, or blank for a random one.`;
  return null;
}

/**
 * The `melody.generate` input for the editor's state and the panel's settings, with where the
 * result goes; or the one problem that stops it, worded for the user.
 */
export function buildGenerateRequest(editor: EditorView, s: GenerateSettings, modelId: number | null): BuiltRequest {
  if (modelId === null) return { ok: false, problem: 'Train a melody model first (the Train tab).' };
  const problem = samplingProblem(s);
  if (problem) return { ok: false, problem };
  const clip = editor.clip;
  const bar = ticksPerBar(clip);
  const beat = ticksPerBeat(clip);
  const seed = parseSeed(s.seedText) ?? null;
  const key = parseKeyChoice(s.keyChoice, clip.key);
  const common = {
    modelId,
    temperature: s.temperature,
    topK: s.topK,
    topP: s.topP,
    variations: s.variations,
    seed,
    key,
  };
  const lock = key ? ` in ${keyName(key)}` : '';

  if (s.mode === 'infill') {
    if (!isIntIn(s.fromBar, 1, 10_000) || !isIntIn(s.toBar, 1, 10_000))
      return { ok: false, problem: 'Bars to regenerate: whole bar numbers, starting at 1.' };
    if (s.toBar < s.fromBar) return { ok: false, problem: 'The last bar to regenerate comes before the first.' };
    if (s.toBar - s.fromBar + 1 > MAX_BARS)
      return { ok: false, problem: `Regenerate at most ${MAX_BARS} bars at once.` };
    const fromBar = s.fromBar - 1;
    const toBar = s.toBar;
    const placement = { from: fromBar * bar, to: toBar * bar, offset: 0 };
    const span = s.fromBar === s.toBar ? `bar ${s.fromBar}` : `bars ${s.fromBar}–${s.toBar}`;
    return {
      ok: true,
      input: { ...common, mode: 'infill', clip, fromBar, toBar },
      placement,
      summary: `Regenerates ${span}${lock}, joined to what follows`,
    };
  }

  if (!isIntIn(s.bars, 1, MAX_BARS)) return { ok: false, problem: `Length: 1 to ${MAX_BARS} bars.` };
  const length = s.bars * bar;

  if (s.mode === 'generate') {
    const offset = clip.notes.length > 0 ? ceilTo(notesEnd(clip.notes), bar) : 0;
    const where = offset === 0 ? 'from the start' : `after the clip, from bar ${offset / bar + 1}`;
    return {
      ok: true,
      input: { ...common, mode: 'generate', clip: { ...clip, notes: [] }, bars: s.bars },
      placement: { from: offset, to: offset + length, offset },
      summary: `${plural(s.bars, 'new bar')}${lock}, ${where}`,
    };
  }

  const selected = editor.selectedNotes.length >= MIN_SEED_SELECTION ? editor.selectedNotes : [];
  const seedNotes = selected.length > 0 ? selected : clip.notes;
  const bounds = boundsOf(seedNotes);
  if (!bounds) return { ok: false, problem: 'Draw a few notes to continue, or choose Generate from scratch.' };
  const startTick = ceilTo(bounds.end, beat);
  const what = selected.length > 0 ? `the ${plural(selected.length, 'selected note')}` : 'the clip';
  return {
    ok: true,
    input: { ...common, mode: 'continue', clip: { ...clip, notes: [...seedNotes] }, bars: s.bars, startTick },
    placement: { from: startTick, to: startTick + length, offset: 0 },
    summary: `Continues ${what} for ${plural(s.bars, 'bar')} from ${formatPosition(startTick, clip)}${lock}`,
  };
}

/** Generated notes moved to where they go in the clip. */
export function placeNotes(notes: readonly ClipNote[], placement: Placement): ClipNote[] {
  return notes.map((n) => ({ ...n, tick: n.tick + placement.offset }));
}

/** The clip's notes as they would be with a (placed) variation accepted: for auditioning it. */
export function withVariation(
  clipNotes: readonly ClipNote[],
  placed: readonly ClipNote[],
  placement: Placement,
): ClipNote[] {
  return [...clearRange(clipNotes, placement.from, placement.to), ...placed];
}

/** The bars (1-based, inclusive) a set of notes covers, for the infill default. */
export function barsOf(
  notes: readonly ClipNote[],
  metre: Pick<Clip, 'ppq' | 'timeSignature'>,
): { from: number; to: number } | null {
  const bounds = boundsOf(notes);
  if (!bounds) return null;
  const bar = ticksPerBar(metre);
  const from = Math.floor(bounds.start / bar) + 1;
  const to = Math.max(from, Math.ceil(bounds.end / bar));
  return { from, to };
}
