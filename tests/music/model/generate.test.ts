import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initMlRuntime, type Tf } from '../../../src/main/engine/ml/runtime';
import { continueClip, generateClip, infillClip } from '../../../src/main/engine/music/model/generate';
import { SequenceIndex } from '../../../src/main/engine/music/model/memorisation';
import { scalePitchClasses } from '../../../src/main/engine/music/model/sampling';
import { createMelodyNet, type MelodyModel } from '../../../src/main/engine/music/model/store';
import { DEFAULT_EXTRACTION } from '../../../src/main/engine/music/model/extract';
import type { Clip, ClipNote } from '../../../src/shared/music';

const PPQ = 480;
const STEP = PPQ / 4;

function clipOf(notes: Array<[pitch: number, step: number, steps: number, velocity?: number]>, bars: number): Clip {
  return {
    ppq: PPQ,
    bpm: 120,
    timeSignature: { numerator: 4, denominator: 4 },
    key: null,
    notes: notes.map(([pitch, step, steps, velocity], k): ClipNote => ({
      id: `s${k}`,
      pitch,
      tick: step * STEP,
      durationTicks: steps * STEP,
      velocity: velocity ?? 90,
    })),
    lengthTicks: bars * 16 * STEP,
  };
}

/** Two bars of eighth notes around D4, softly played. */
const seed = clipOf(
  [62, 64, 66, 67, 69, 67, 66, 64, 62, 66, 69, 74, 73, 71, 69, 67].map(
    (p, k) => [p, k * 2, 2, 40 + (k % 2) * 4] as [number, number, number, number],
  ),
  2,
);

let tf: Tf;
let model: MelodyModel;

beforeAll(async () => {
  tf = (await initMlRuntime({ MOTIF_TF_BACKEND: 'wasm' })).tf;
  const spec = {
    range: DEFAULT_EXTRACTION.range,
    stepsPerQuarter: 4,
    positionFeatures: 16,
    hiddenSizes: [24, 16],
    extraction: DEFAULT_EXTRACTION,
  };
  // An untrained net is enough to check the mechanics: masks, seeds, lengths, joins, velocities.
  model = { spec, net: createMelodyNet(tf, spec, 3), index: SequenceIndex.build([[0, 1, 2, 3]]), info: {} };
});

afterAll(() => {
  model.net.dispose();
});

describe('continue', () => {
  it('continues after the seed for the requested bars, reproducibly for a seed', () => {
    const options = { bars: 2, temperature: 1, variations: 3, seed: 11 };
    const a = continueClip(model, seed, options);
    const b = continueClip(model, seed, options);
    const c = continueClip(model, seed, { ...options, seed: 12 });
    expect(a.variations).toHaveLength(3);
    expect(a.startTick).toBe(2 * 16 * STEP);
    expect(a.endTick).toBe(4 * 16 * STEP);
    expect(a.seed).toBe(11);
    expect(a.variations.map((v) => v.notes)).toEqual(b.variations.map((v) => v.notes));
    expect(a.variations.map((v) => v.notes)).not.toEqual(c.variations.map((v) => v.notes));
    const all = a.variations.flatMap((v) => v.notes);
    expect(all.length).toBeGreaterThan(0);
    for (const n of all) {
      expect(n.tick).toBeGreaterThanOrEqual(a.startTick);
      expect(n.tick + n.durationTicks).toBeLessThanOrEqual(a.endTick);
    }
    // Each variation is seeded on its own: the first variation does not depend on how many are asked for.
    expect(continueClip(model, seed, { ...options, variations: 1 }).variations[0]!.notes).toEqual(
      a.variations[0]!.notes,
    );
    expect(a.ms).toBeGreaterThan(0);
  });

  it('keeps every generated note in the locked key', () => {
    const key = { tonic: 2, mode: 'major' as const };
    const scale = new Set(scalePitchClasses(key));
    const result = continueClip(model, seed, { bars: 4, temperature: 2, variations: 4, seed: 5, key });
    const pitches = result.variations.flatMap((v) => v.notes.map((n) => n.pitch));
    expect(pitches.length).toBeGreaterThan(10);
    for (const p of pitches) expect(scale.has(p % 12)).toBe(true);
    // Without the lock the same untrained net does play outside the key.
    const free = continueClip(model, seed, { bars: 4, temperature: 2, variations: 4, seed: 5 });
    expect(free.variations.flatMap((v) => v.notes).some((n) => !scale.has(n.pitch % 12))).toBe(true);
  });

  it("keeps the seed's velocity feel instead of a fixed velocity", () => {
    const result = continueClip(model, seed, { bars: 4, temperature: 1.5, variations: 2, seed: 9 });
    const velocities = result.variations.flatMap((v) => v.notes.map((n) => n.velocity));
    expect(velocities.length).toBeGreaterThan(5);
    for (const v of velocities) expect(Math.abs(v - 42)).toBeLessThanOrEqual(8);
    expect(new Set(velocities).size).toBeGreaterThan(1);
  });

  it("plays in the seed's register: the model's range is moved by the seed's octave shift", () => {
    const high = { ...seed, notes: seed.notes.map((n) => ({ ...n, pitch: n.pitch + 24 })) }; // 86-98: above the model's range
    const result = continueClip(model, high, { bars: 4, temperature: 1.5, variations: 2, seed: 2 });
    for (const n of result.variations.flatMap((v) => v.notes)) {
      expect(n.pitch).toBeGreaterThanOrEqual(48 + 24);
      expect(n.pitch).toBeLessThan(84 + 24);
    }
  });

  it('generates from scratch and measures memorisation against the training index', () => {
    const greedy = { bars: 2, temperature: 0, variations: 1, seed: 1 };
    const first = generateClip(model, { ppq: PPQ, timeSignature: { numerator: 3, denominator: 4 } }, greedy);
    expect(first.endTick).toBe(2 * 12 * STEP);
    const unknown = first.variations[0]!.memorisation!;
    expect(unknown.phraseSteps).toBe(24);
    expect(unknown.steps).toBeLessThan(24);
    // Index the very classes greedy decoding produces: the meter must now report a full copy.
    const notes = first.variations[0]!.notes;
    const classes = new Array<number>(24).fill(0);
    for (const n of notes) {
      const end = (n.tick + n.durationTicks) / STEP;
      if (end < 24) classes[end] = 1; // note-off, unless the next note starts there
    }
    for (const n of notes) classes[n.tick / STEP] = 2 + n.pitch - 48;
    const copy: MelodyModel = { ...model, index: SequenceIndex.build([classes, [5, 6, 7]]) };
    const again = generateClip(copy, { ppq: PPQ, timeSignature: { numerator: 3, denominator: 4 } }, greedy);
    expect(again.variations[0]!.notes).toEqual(first.variations[0]!.notes);
    expect(again.variations[0]!.memorisation).toMatchObject({ steps: 24, fraction: 1, notes: notes.length });
  });

  it('rejects out-of-range options', () => {
    expect(() => continueClip(model, seed, { bars: 33, temperature: 1, variations: 1 })).toThrow(/bars/);
    expect(() => continueClip(model, seed, { bars: 1, temperature: 2.5, variations: 1 })).toThrow(/temperature/);
    expect(() => continueClip(model, seed, { bars: 1, temperature: 1, variations: 9 })).toThrow(/variations/);
    expect(() => continueClip(model, seed, { bars: 1, temperature: 1, variations: 1, topP: 0 })).toThrow(/top-p/);
  });

  it('leaves the tensor count unchanged', () => {
    continueClip(model, seed, { bars: 1, temperature: 1, variations: 2, seed: 1 });
    const before = tf.memory().numTensors;
    continueClip(model, seed, { bars: 2, temperature: 1, variations: 4, seed: 1 });
    infillClip(model, longClip(), { fromBar: 1, toBar: 2, temperature: 1, variations: 2, seed: 1 });
    generateClip(
      model,
      { ppq: PPQ, timeSignature: { numerator: 4, denominator: 4 } },
      { bars: 1, temperature: 1, variations: 1, seed: 1 },
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

function longClip(): Clip {
  // Four bars; a long note crosses from bar 0 into bar 1.
  return clipOf(
    [
      [60, 0, 4],
      [62, 4, 4],
      [64, 8, 12, 70], // 8-20: crosses into bar 1 (steps 16-31)
      [65, 20, 4],
      [67, 24, 8],
      [69, 32, 8],
      [71, 40, 8],
      [72, 48, 8],
      [71, 56, 8],
    ],
    4,
  );
}

describe('infill', () => {
  it('keeps the context before and the notes after, and replaces only the range', () => {
    const clip = longClip();
    const result = infillClip(model, clip, { fromBar: 1, toBar: 3, temperature: 1, variations: 3, seed: 4 });
    expect(result.startTick).toBe(16 * STEP);
    expect(result.endTick).toBe(48 * STEP);
    for (const v of result.variations) {
      for (const n of v.notes) {
        expect(n.tick).toBeGreaterThanOrEqual(result.startTick);
        expect(n.tick + n.durationTicks).toBeLessThanOrEqual(result.endTick);
      }
      const before = v.clipNotes.filter((n) => n.tick < result.startTick);
      expect(before.map((n) => [n.id, n.pitch, n.tick])).toEqual([
        ['s0', 60, 0],
        ['s1', 62, 4 * STEP],
        ['s2', 64, 8 * STEP],
      ]);
      expect(before[2]!.durationTicks).toBe(8 * STEP); // cut where the range starts
      const after = v.clipNotes.filter((n) => n.tick >= result.endTick);
      expect(after.map((n) => n.id)).toEqual(['s7', 's8']);
      expect(v.clipNotes.filter((n) => n.tick >= result.startTick && n.tick < result.endTick)).toEqual(v.notes);
    }
    // Reproducible, and different seeds differ.
    const again = infillClip(model, clip, { fromBar: 1, toBar: 3, temperature: 1, variations: 3, seed: 4 });
    expect(again.variations.map((v) => v.notes)).toEqual(result.variations.map((v) => v.notes));
  });

  it('refuses a reversed or empty bar range', () => {
    expect(() => infillClip(model, longClip(), { fromBar: 2, toBar: 2, temperature: 1, variations: 1 })).toThrow(
      /bar range/,
    );
  });
});
