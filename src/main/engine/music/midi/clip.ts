import type { Clip, ClipNote, MidiSong } from '../../../../shared/music';
import { compareNotes } from './note-pairing';

/** General MIDI channel 10 (index 9) is percussion. */
export const DRUM_CHANNEL = 9;

export interface SongToClipOptions {
  /** Keep notes on the drum channel too (default false). */
  includeDrums?: boolean;
}

/**
 * Merge a song's notes into one editor clip: every non-drum note of every track, sorted by onset
 * then pitch, with ids "n1", "n2", ... in that order. The clip keeps the song's PPQ; its tempo,
 * time signature and key are the song's first ones (120 bpm, 4/4 and null when absent); its length
 * is the song's duration or the end of the last note, whichever is later.
 */
export function songToClip(song: MidiSong, options: SongToClipOptions = {}): Clip {
  const includeDrums = options.includeDrums ?? false;
  const merged = song.tracks
    .flatMap((t) => t.notes)
    .filter((n) => includeDrums || n.channel !== DRUM_CHANNEL)
    .sort(compareNotes);
  const notes: ClipNote[] = merged.map((n, i) => ({
    id: `n${i + 1}`,
    pitch: n.pitch,
    tick: n.tick,
    durationTicks: n.durationTicks,
    velocity: n.velocity,
  }));
  const tempo = song.tempos[0];
  const time = song.timeSignatures[0];
  const key = song.keySignatures[0];
  let lengthTicks = song.durationTicks;
  for (const n of notes) lengthTicks = Math.max(lengthTicks, n.tick + n.durationTicks);
  return {
    ppq: song.ppq,
    notes,
    bpm: tempo ? 60_000_000 / tempo.microsecondsPerQuarter : 120,
    timeSignature: time
      ? { numerator: time.numerator, denominator: time.denominator }
      : { numerator: 4, denominator: 4 },
    key: key ? { tonic: tonicOf(key.fifths, key.mode), mode: key.mode } : null,
    lengthTicks,
  };
}

export interface ClipToSongOptions {
  /** Track name (default ''). */
  name?: string;
  /** General MIDI program, or null for none (default 0, acoustic grand piano). */
  program?: number | null;
  /** Channel of every note (default 0). */
  channel?: number;
}

/** One clip as a one-track song at the clip's PPQ, with its tempo, time signature and key at tick 0. */
export function clipToSong(clip: Clip, options: ClipToSongOptions = {}): MidiSong {
  const channel = options.channel ?? 0;
  const notes = clip.notes
    .map((n) => ({ pitch: n.pitch, velocity: n.velocity, tick: n.tick, durationTicks: n.durationTicks, channel }))
    .sort(compareNotes);
  return {
    format: 1,
    ppq: clip.ppq,
    tracks: [{ name: options.name ?? '', program: options.program === undefined ? 0 : options.program, notes }],
    tempos: [{ tick: 0, microsecondsPerQuarter: Math.round(60_000_000 / clip.bpm) }],
    timeSignatures: [{ tick: 0, numerator: clip.timeSignature.numerator, denominator: clip.timeSignature.denominator }],
    keySignatures: clip.key ? [{ tick: 0, fifths: fifthsOf(clip.key.tonic, clip.key.mode), mode: clip.key.mode }] : [],
    lyrics: [],
    durationTicks: clip.lengthTicks,
  };
}

/** Pitch class (0 = C) of the tonic of a key signature. */
export function tonicOf(fifths: number, mode: 'major' | 'minor'): number {
  return (((fifths * 7 + (mode === 'minor' ? 9 : 0)) % 12) + 12) % 12;
}

/**
 * Sharps (+) or flats (-) of the key with this tonic pitch class and mode, spelled with at most
 * five flats or six sharps (D-flat rather than C-sharp major, F-sharp rather than G-flat major).
 */
export function fifthsOf(tonic: number, mode: 'major' | 'minor'): number {
  const major = (((mode === 'minor' ? tonic + 3 : tonic) % 12) + 12) % 12;
  // 7 is its own inverse mod 12: fifths = 7 * pitch class (mod 12), then centred on -5..6.
  const f = (major * 7) % 12;
  return f > 6 ? f - 12 : f;
}
