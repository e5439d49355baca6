/**
 * A small, key-independent description of a MIDI file's melodic content, stored with the item at
 * import so Discover can find tunes that sound alike without reading files again: the pitch-class
 * histogram (weighted by duration) rotated so its strongest class comes first, plus how the notes
 * move (steps, leaps, repeats), how dense and how wide they are. Drums are ignored.
 */
import type { MidiSong } from '../../../shared/music';

export const MELODY_FEATURES_SIZE = 17;

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function melodyFeatures(song: MidiSong): number[] | null {
  const notes = song.tracks
    .flatMap((t) => t.notes)
    .filter((n) => n.channel !== 9)
    .sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
  if (notes.length < 4) return null;
  const histogram = new Array<number>(12).fill(0);
  for (const n of notes) histogram[n.pitch % 12] = (histogram[n.pitch % 12] ?? 0) + n.durationTicks;
  const total = histogram.reduce((a, b) => a + b, 0) || 1;
  const tonic = histogram.indexOf(Math.max(...histogram));
  const rotated = histogram.map((_, k) => (histogram[(k + tonic) % 12] ?? 0) / total);
  // Movement between successive onsets (the top note when several start together).
  const line = notes.filter((n, i) => i === 0 || n.tick !== notes[i - 1]!.tick);
  let steps = 0;
  let leaps = 0;
  let repeats = 0;
  for (let i = 1; i < line.length; i++) {
    const interval = Math.abs(line[i]!.pitch - line[i - 1]!.pitch);
    if (interval === 0) repeats += 1;
    else if (interval <= 2) steps += 1;
    else leaps += 1;
  }
  const moves = Math.max(1, line.length - 1);
  const beats = Math.max(1, (notes[notes.length - 1]!.tick + notes[notes.length - 1]!.durationTicks - notes[0]!.tick) / song.ppq);
  const pitches = notes.map((n) => n.pitch);
  const range = Math.max(...pitches) - Math.min(...pitches);
  return [
    ...rotated,
    steps / moves,
    leaps / moves,
    repeats / moves,
    Math.min(1, line.length / beats / 4), // onsets per beat, 4 = a stream of 16ths
    Math.min(1, range / 36),
  ].map(round);
}

/** Cosine similarity of two feature vectors (0 when either is empty). */
export function featureSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    dot += (a[k] ?? 0) * (b[k] ?? 0);
    na += (a[k] ?? 0) ** 2;
    nb += (b[k] ?? 0) ** 2;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
