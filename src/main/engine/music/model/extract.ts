/**
 * Monophonic melody extraction from a MidiSong, following Magenta's melody pipeline as a
 * starting point:
 * - drum notes (channel 10, index 9) are skipped;
 * - each track gives its own melodies, from its top voice: at each onset the highest starting
 *   note wins, a note that starts under a higher sounding note is dropped, and a new onset ends
 *   the note before it;
 * - notes are quantised to `stepsPerQuarter` steps per quarter note (onset and end rounded to the
 *   nearest step, at least one step long);
 * - a silence of `gapBars` bars or more splits a track into separate melodies; each melody starts
 *   on the bar line before its first note and is padded with no-events to the end of its last bar;
 * - melodies shorter than `minBars` bars or with fewer than `minUniquePitches` distinct pitches are
 *   dropped;
 * - pitches are moved into the vocabulary's range by whole octaves: the melody's octave shift that
 *   keeps the most notes in range, then any note still outside is folded by octaves.
 */
import type { MidiSong } from '../../../../shared/music';
import { DEFAULT_PITCH_RANGE, NO_EVENT, NOTE_OFF, type PitchRange } from './vocabulary';

export const DRUM_CHANNEL = 9;

export interface ExtractionOptions {
  stepsPerQuarter: number;
  minBars: number;
  minUniquePitches: number;
  gapBars: number;
  range: PitchRange;
}

export const DEFAULT_EXTRACTION: ExtractionOptions = {
  stepsPerQuarter: 4,
  minBars: 4,
  minUniquePitches: 5,
  gapBars: 1,
  range: DEFAULT_PITCH_RANGE,
};

/** One extracted melody on the step grid. Plain JSON data. */
export interface Melody {
  /** Raw event per step: NO_EVENT, NOTE_OFF or a MIDI pitch in the range. */
  events: number[];
  /** Velocity of the note starting at each step, 0 where none starts. */
  velocities: number[];
  /** Position of each step in its bar, 0 on the downbeat. */
  barPositions: number[];
  /** Absolute step of events[0] on the song's grid. */
  startStep: number;
  /** Steps per bar where the melody starts. */
  stepsPerBar: number;
  /** Index of the song track it came from. */
  track: number;
}

/** A note on the step grid. */
export interface StepNote {
  pitch: number;
  velocity: number;
  start: number;
  /** Exclusive; > start. */
  end: number;
}

/** Bar lines on the step grid, from a song's time signatures (4/4 before the first). */
export class BarGrid {
  private readonly segments: Array<{ start: number; stepsPerBar: number }>;

  constructor(
    timeSignatures: ReadonlyArray<{ tick: number; numerator: number; denominator: number }>,
    ticksPerStep: number,
    stepsPerQuarter: number,
  ) {
    const segments: Array<{ start: number; stepsPerBar: number }> = [{ start: 0, stepsPerBar: stepsPerQuarter * 4 }];
    for (const ts of [...timeSignatures].sort((a, b) => a.tick - b.tick)) {
      const start = Math.round(ts.tick / ticksPerStep);
      const stepsPerBar = Math.max(1, Math.round((ts.numerator * stepsPerQuarter * 4) / Math.max(1, ts.denominator)));
      const last = segments[segments.length - 1];
      if (last && last.start === start) last.stepsPerBar = stepsPerBar;
      else segments.push({ start, stepsPerBar });
    }
    this.segments = segments;
  }

  static fixed(stepsPerBar: number): BarGrid {
    const grid = new BarGrid([], 1, 4);
    grid.segments[0] = { start: 0, stepsPerBar };
    return grid;
  }

  private segmentAt(step: number): { start: number; stepsPerBar: number } {
    let found = this.segments[0] as { start: number; stepsPerBar: number };
    for (const s of this.segments) {
      if (s.start <= step) found = s;
      else break;
    }
    return found;
  }

  stepsPerBar(step: number): number {
    return this.segmentAt(step).stepsPerBar;
  }

  position(step: number): number {
    const s = this.segmentAt(step);
    return (((step - s.start) % s.stepsPerBar) + s.stepsPerBar) % s.stepsPerBar;
  }

  barStart(step: number): number {
    return step - this.position(step);
  }

  /** The first bar line at or after `step`. */
  barEnd(step: number): number {
    const pos = this.position(step);
    return pos === 0 ? step : step - pos + this.stepsPerBar(step);
  }
}

/** Quantise notes given in ticks to the step grid (onset and end rounded, at least one step). */
export function quantiseNotes(
  notes: ReadonlyArray<{ pitch: number; velocity: number; tick: number; durationTicks: number }>,
  ticksPerStep: number,
): StepNote[] {
  return notes.map((n) => {
    const start = Math.round(n.tick / ticksPerStep);
    const end = Math.max(start + 1, Math.round((n.tick + n.durationTicks) / ticksPerStep));
    return { pitch: n.pitch, velocity: n.velocity, start, end };
  });
}

/** The top voice of possibly polyphonic notes (see the file note). */
export function topVoice(notes: readonly StepNote[]): StepNote[] {
  const sorted = [...notes].sort((a, b) => a.start - b.start || b.pitch - a.pitch);
  const out: StepNote[] = [];
  let current: StepNote | null = null;
  for (const n of sorted) {
    if (current && n.start === current.start) continue; // a lower note of the same onset
    if (current && n.start < current.end && n.pitch < current.pitch) continue; // under a sounding higher note
    if (current) current.end = Math.min(current.end, n.start);
    current = { ...n };
    out.push(current);
  }
  return out;
}

/** Octave shift that keeps the most pitches inside the range (ties: the smallest shift). */
export function bestOctaveShift(pitches: readonly number[], range: PitchRange): number {
  let best = 0;
  let bestInside = -1;
  for (const k of [0, -1, 1, -2, 2, -3, 3, -4, 4]) {
    let inside = 0;
    for (const p of pitches) if (p + 12 * k >= range.minPitch && p + 12 * k < range.maxPitch) inside++;
    if (inside > bestInside) {
      best = k;
      bestInside = inside;
    }
  }
  return best * 12;
}

/** Fold one pitch into the range by whole octaves. */
export function foldPitch(pitch: number, range: PitchRange): number {
  let p = pitch;
  while (p < range.minPitch) p += 12;
  while (p >= range.maxPitch) p -= 12;
  return p;
}

/**
 * Raw events for notes (monophonic, sorted, non-overlapping) over steps [from, to): the pitch at
 * each onset, NOTE_OFF where a note ends without another starting, NO_EVENT elsewhere.
 */
export function notesToEvents(
  notes: readonly StepNote[],
  from: number,
  to: number,
): { events: number[]; velocities: number[] } {
  const length = Math.max(0, to - from);
  const events = new Array<number>(length).fill(NO_EVENT);
  const velocities = new Array<number>(length).fill(0);
  for (const n of notes) {
    const end = n.end - from;
    if (end >= 0 && end < length && events[end] === NO_EVENT) events[end] = NOTE_OFF;
  }
  for (const n of notes) {
    const start = n.start - from;
    if (start >= 0 && start < length) {
      events[start] = n.pitch;
      velocities[start] = n.velocity;
    }
  }
  return { events, velocities };
}

/** Notes back from raw events: each onset lasts until the next event (or the end). */
export function eventsToNotes(
  events: readonly number[],
  velocities: readonly number[] | null,
  defaultVelocity = 80,
): StepNote[] {
  const notes: StepNote[] = [];
  let current: StepNote | null = null;
  for (let step = 0; step < events.length; step++) {
    const e = events[step] ?? NO_EVENT;
    if (e === NO_EVENT) continue;
    if (current) {
      current.end = step;
      current = null;
    }
    if (e >= 0) {
      const velocity = velocities?.[step] ?? 0;
      current = { pitch: e, velocity: velocity > 0 ? velocity : defaultVelocity, start: step, end: events.length };
      notes.push(current);
    }
  }
  return notes;
}

/** Move a melody's pitches into the range: best octave shift, then fold the rest. */
export function squashEvents(events: readonly number[], range: PitchRange): { events: number[]; shift: number } {
  const pitches = events.filter((e) => e >= 0);
  const shift = bestOctaveShift(pitches, range);
  return { events: events.map((e) => (e >= 0 ? foldPitch(e + shift, range) : e)), shift };
}

/** Transpose a melody by semitones, folding any note that leaves the range back by octaves. */
export function transposeMelody(melody: Melody, semitones: number, range: PitchRange): Melody {
  return { ...melody, events: melody.events.map((e) => (e >= 0 ? foldPitch(e + semitones, range) : e)) };
}

function uniquePitches(events: readonly number[]): number {
  return new Set(events.filter((e) => e >= 0)).size;
}

/** Every melody of a song (see the file note). */
export function extractMelodies(song: MidiSong, options: Partial<ExtractionOptions> = {}): Melody[] {
  const opts: ExtractionOptions = { ...DEFAULT_EXTRACTION, ...options };
  const ticksPerStep = song.ppq / opts.stepsPerQuarter;
  if (!(ticksPerStep > 0)) return [];
  const grid = new BarGrid(song.timeSignatures, ticksPerStep, opts.stepsPerQuarter);
  const melodies: Melody[] = [];
  song.tracks.forEach((track, trackIndex) => {
    const voice = topVoice(
      quantiseNotes(
        track.notes.filter((n) => n.channel !== DRUM_CHANNEL),
        ticksPerStep,
      ),
    );
    // Split at long silences.
    const groups: StepNote[][] = [];
    let group: StepNote[] = [];
    for (const n of voice) {
      const prev = group[group.length - 1];
      if (prev && n.start - prev.end >= opts.gapBars * grid.stepsPerBar(prev.end)) {
        groups.push(group);
        group = [];
      }
      group.push(n);
    }
    if (group.length > 0) groups.push(group);
    for (const notes of groups) {
      const first = notes[0] as StepNote;
      const last = notes[notes.length - 1] as StepNote;
      const from = grid.barStart(first.start);
      const to = grid.barEnd(last.end + 1);
      const stepsPerBar = grid.stepsPerBar(from);
      if (to - from < opts.minBars * stepsPerBar) continue;
      const raw = notesToEvents(notes, from, to);
      if (uniquePitches(raw.events) < opts.minUniquePitches) continue;
      const barPositions: number[] = [];
      for (let s = from; s < to; s++) barPositions.push(grid.position(s));
      melodies.push({
        events: squashEvents(raw.events, opts.range).events,
        velocities: raw.velocities,
        barPositions,
        startStep: from,
        stepsPerBar,
        track: trackIndex,
      });
    }
  });
  return melodies;
}
