import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/main/engine/ml/random';
import {
  assembleBatch,
  epochWindows,
  splitByFile,
  transpositionTable,
  type EncodedMelody,
} from '../../../src/main/engine/music/model/dataset';
import { BarGrid, extractMelodies, squashEvents, topVoice } from '../../../src/main/engine/music/model/extract';
import { NO_EVENT, NOTE_OFF } from '../../../src/main/engine/music/model/vocabulary';
import { note, song, STEP, track, tune } from './helpers';

const scale = (start: number): ReturnType<typeof note>[] =>
  [60, 62, 64, 65, 67, 69, 71, 72].map((p, k) => note(p, start + 4 * k, 4)); // two bars of quarters

describe('melody extraction', () => {
  it('skips drums (channel 10) and gives one melody per pitched track', () => {
    const drums = track(
      Array.from({ length: 32 }, (_, k) => note(36 + (k % 5), k * 2, 1, 100, 9)),
      'drums',
    );
    const melody = track([...scale(0), ...scale(32)], 'lead');
    const mixed = track([
      ...scale(0).map((n) => ({ ...n, pitch: n.pitch - 12 })),
      ...scale(32).map((n) => ({ ...n, channel: 9 })),
    ]);
    const melodies = extractMelodies(song([drums, melody, mixed]), { minBars: 2 });
    expect(melodies.map((m) => m.track)).toEqual([1, 2]);
    // The mixed track keeps only its pitched half (bars 1-2); its drum notes are ignored.
    const mixedEvents = melodies[1]!.events;
    expect(mixedEvents.filter((e) => e >= 0)).toEqual([48, 50, 52, 53, 55, 57, 59, 60]);
  });

  it('takes the top voice: highest of simultaneous onsets, drops notes under a sounding higher note, cuts at the next onset', () => {
    const voice = topVoice([
      { pitch: 60, velocity: 80, start: 0, end: 4 },
      { pitch: 67, velocity: 81, start: 0, end: 8 }, // chord: 67 wins
      { pitch: 64, velocity: 82, start: 2, end: 3 }, // starts under the sounding 67: dropped
      { pitch: 72, velocity: 83, start: 4, end: 6 }, // higher: cuts 67 at step 4
      { pitch: 50, velocity: 84, start: 6, end: 9 }, // after 72 ended: taken
    ]);
    expect(voice.map((n) => [n.pitch, n.start, n.end])).toEqual([
      [67, 0, 4],
      [72, 4, 6],
      [50, 6, 9],
    ]);
  });

  it('quantises to 4 steps per quarter (rounded onsets and ends, at least one step) and writes note-offs before rests', () => {
    const notes = [
      { pitch: 60, velocity: 70, tick: 0 + 30, durationTicks: 2 * STEP - 40, channel: 0 }, // ~step 0-2
      { pitch: 62, velocity: 71, tick: 2 * STEP - 50, durationTicks: 5, channel: 0 }, // tiny: one step at 2
      { pitch: 64, velocity: 72, tick: 4 * STEP, durationTicks: 2 * STEP, channel: 0 }, // 4-6, then a rest
      ...scale(8).map((n) => ({ ...n, tick: n.tick + 4 * STEP })),
    ];
    const [m] = extractMelodies(song([track(notes)]), { minBars: 1, minUniquePitches: 3 });
    expect(m).toBeDefined();
    expect(m!.events.slice(0, 8)).toEqual([60, NO_EVENT, 62, NOTE_OFF, 64, NO_EVENT, NOTE_OFF, NO_EVENT]);
    expect(m!.velocities.slice(0, 5)).toEqual([70, 0, 71, 0, 72]);
    expect(m!.events.length % 16).toBe(0); // padded to whole bars
  });

  it('drops melodies that are too short or have too few distinct pitches', () => {
    const twoBars = song([track(scale(0))]);
    expect(extractMelodies(twoBars, { minBars: 4 })).toHaveLength(0);
    expect(extractMelodies(twoBars, { minBars: 2 })).toHaveLength(1);
    const monotone = song([track(Array.from({ length: 32 }, (_, k) => note(60 + (k % 2) * 2, k * 2, 2)))]);
    expect(extractMelodies(monotone, { minBars: 1, minUniquePitches: 3 })).toHaveLength(0);
    expect(extractMelodies(monotone, { minBars: 1, minUniquePitches: 2 })).toHaveLength(1);
  });

  it('splits at a silence of a bar or more, each melody starting on a bar line', () => {
    const phrase1 = scale(4); // starts on beat 2 of bar 1
    const phrase2 = scale(4 + 32 + 32); // two bars of silence later
    const melodies = extractMelodies(song([track([...phrase1, ...phrase2])]), { minBars: 2 });
    expect(melodies).toHaveLength(2);
    expect(melodies.map((m) => m.startStep)).toEqual([0, 64]);
    expect(melodies[0]!.events.slice(0, 5)).toEqual([NO_EVENT, NO_EVENT, NO_EVENT, NO_EVENT, 60]);
    expect(melodies[0]!.barPositions.slice(0, 17)).toEqual([...Array.from({ length: 16 }, (_, k) => k), 0]);
  });

  it('follows time-signature changes for bar positions', () => {
    const grid = new BarGrid(
      [
        { tick: 0, numerator: 3, denominator: 4 },
        { tick: 12 * STEP, numerator: 6, denominator: 8 },
      ],
      STEP,
      4,
    );
    expect([0, 11, 12, 23, 24].map((s) => grid.position(s))).toEqual([0, 11, 0, 11, 0]);
    expect(grid.stepsPerBar(5)).toBe(12);
    expect(grid.barEnd(13)).toBe(24);
  });

  it('moves melodies into the pitch range by whole octaves, folding stragglers', () => {
    const { events, shift } = squashEvents([90, NO_EVENT, 95, 100, NOTE_OFF, 86], { minPitch: 48, maxPitch: 84 });
    expect(shift).toBe(-24);
    expect(events).toEqual([66, NO_EVENT, 71, 76, NOTE_OFF, 62]);
    const wide = squashEvents([40, 60, 80, 83], { minPitch: 48, maxPitch: 84 });
    expect(wide.shift).toBe(0);
    expect(wide.events).toEqual([52, 60, 80, 83]);
  });

  it('transposes for augmentation by folding pitches back into the range', () => {
    const range = { minPitch: 48, maxPitch: 84 };
    const up2 = transpositionTable(range, 2);
    expect(up2[0]).toBe(0);
    expect(up2[1]).toBe(1);
    expect(up2[2]).toBe(4); // 48 -> 50
    expect(up2[37]).toBe(2 + 85 - 12 - 48); // 83 -> 85 -> 73
  });

  it('extracts a real-looking tune end to end', () => {
    const melodies = extractMelodies(song([track(tune(62, 8, 3))]));
    expect(melodies).toHaveLength(1);
    expect(melodies[0]!.events).toHaveLength(8 * 16 + 16); // eight bars + the bar holding the final note-off
  });
});

describe('training windows', () => {
  const melody = (token: number, length: number, file: number): EncodedMelody => ({
    tokens: Uint8Array.from({ length }, (_, k) => (k % 2 ? token : token + 1)),
    positions: Uint8Array.from({ length }, (_, k) => k % 16),
    file,
  });

  it('never span two melodies (or files); tails are padded with zero weights', () => {
    const melodies = [melody(2, 70, 0), melody(10, 33, 1), melody(20, 5, 2)];
    const random = mulberry32(4);
    const windows = epochWindows(melodies, 16, random);
    const batch = assembleBatch(melodies, windows, {
      steps: 16,
      batchSize: windows.length,
      random,
      transpositions: [],
      range: { minPitch: 48, maxPitch: 84 },
      positions: true,
    });
    const families = new Set<string>();
    for (let b = 0; b < batch.batchSize; b++) {
      const seen = new Set<number>();
      let weights = 0;
      for (let t = 0; t < batch.steps; t++) {
        const r = t * batch.batchSize + b;
        if (batch.weights[r] === 0) continue;
        weights++;
        seen.add(Math.floor((batch.tokens[r] ?? 0) / 5));
        seen.add(Math.floor((batch.targets[r] ?? 0) / 5));
      }
      expect(seen.size).toBe(1); // tokens and targets of one row come from one melody
      families.add([...seen].join());
      expect(weights).toBeGreaterThan(0);
    }
    expect(families.size).toBe(3);
    const total = batch.weights.reduce((s, w) => s + w, 0);
    expect(total).toBeLessThanOrEqual(69 + 32 + 4);
    expect(total).toBeGreaterThan(69 + 32 + 4 - 30); // at most a random offset (< 16) of each longer melody is skipped
  });

  it('feeds the position of the step being predicted', () => {
    const melodies = [melody(2, 40, 0)];
    const random = mulberry32(1);
    const windows = epochWindows(melodies, 8, random);
    const first = [...windows].sort((x, y) => x.start - y.start)[0]!;
    const batch = assembleBatch(melodies, [first], {
      steps: 8,
      batchSize: 1,
      random,
      transpositions: [],
      range: { minPitch: 48, maxPitch: 84 },
      positions: true,
    });
    const start = first.start;
    expect(Array.from(batch.features!)).toEqual(Array.from({ length: 8 }, (_, t) => (start + t + 1) % 16));
  });
});

describe('held-out split by file', () => {
  const names = Array.from({ length: 35 }, (_, k) => `tune${String(k).padStart(2, '0')}.mid`);

  it('holds out every 10th file in sorted name order, whatever the input order', () => {
    const shuffled = [...names].sort(() => 0.5 - mulberry32(3)());
    const a = splitByFile(names, (n) => n);
    const b = splitByFile(shuffled.reverse(), (n) => n);
    expect(a).toEqual(b);
    expect(a.heldOut).toEqual(['tune09.mid', 'tune19.mid', 'tune29.mid']);
    expect(a.train).toHaveLength(32);
    expect(splitByFile(names, (n) => n, { every: 10, offset: 0 }).heldOut).toEqual([
      'tune00.mid',
      'tune10.mid',
      'tune20.mid',
      'tune30.mid',
    ]);
  });

  it('sorts by code units, not by locale', () => {
    const split = splitByFile(['b', 'B', 'a', 'A'], (n) => n, { every: 2, offset: 1 });
    expect(split.heldOut).toEqual(['B', 'b']);
  });
});
