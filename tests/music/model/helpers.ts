import { mulberry32 } from '../../../src/main/engine/ml/random';
import type { MidiNote, MidiSong, MidiTrack } from '../../../src/shared/music';

export const PPQ = 480;
/** Ticks per 16th note at PPQ 480. */
export const STEP = PPQ / 4;

/** A note given in 16th-note steps. */
export function note(pitch: number, start: number, length: number, velocity = 90, channel = 0): MidiNote {
  return { pitch, velocity, tick: start * STEP, durationTicks: length * STEP, channel };
}

export function track(notes: MidiNote[], name = ''): MidiTrack {
  return { name, program: 0, notes };
}

export function song(tracks: MidiTrack[], timeSignature: [number, number] = [4, 4]): MidiSong {
  const end = Math.max(0, ...tracks.flatMap((t) => t.notes.map((n) => n.tick + n.durationTicks)));
  return {
    format: 1,
    ppq: PPQ,
    tracks,
    tempos: [{ tick: 0, microsecondsPerQuarter: 500_000 }],
    timeSignatures: [{ tick: 0, numerator: timeSignature[0], denominator: timeSignature[1] }],
    keySignatures: [],
    lyrics: [],
    durationTicks: end,
  };
}

/**
 * A major-scale tune of `bars` 4/4 bars in eighth notes from `root`: two one-bar motifs (a seeded
 * random walk over scale degrees) in the pattern A A B A, with accents on the beats.
 */
export function tune(root: number, bars: number, seed: number): MidiNote[] {
  const scaleSteps = [0, 2, 4, 5, 7, 9, 11, 12, 14];
  const random = mulberry32(seed);
  const motif = (): number[] => {
    const out: number[] = [];
    let degree = 2 + Math.floor(random() * 4);
    for (let k = 0; k < 8; k++) {
      degree = Math.max(0, Math.min(scaleSteps.length - 1, degree + Math.floor(random() * 5) - 2));
      out.push(degree);
    }
    return out;
  };
  const a = motif();
  const b = motif();
  const notes: MidiNote[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const m = bar % 4 === 2 ? b : a;
    m.forEach((degree, k) =>
      notes.push(note(root + (scaleSteps[degree] ?? 0), bar * 16 + k * 2, 2, k % 2 === 0 ? 96 : 72)),
    );
  }
  return notes;
}
