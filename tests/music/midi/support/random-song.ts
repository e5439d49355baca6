import type { MidiNote, MidiSong } from '../../../../src/shared/music';

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

const WORDS = ['la', 'Grüß', 'ñu', '♪', 'hey ', '/line', '\\para', 'do-re-mi', '"quoted"', ''];

/**
 * A random song for round trips. With `clean`, it is already in the writer's normal form (PPQ 480,
 * no same-pitch overlaps, events at tick 0), so a round trip must return every note unchanged.
 */
export function randomSong(rand: () => number, clean: boolean): MidiSong {
  const ppq = clean ? 480 : ([96, 120, 192, 240, 384, 480, 960, 1024][randomInt(rand, 0, 7)] ?? 480);
  const trackCount = randomInt(rand, 0, 4);
  const tracks = Array.from({ length: trackCount }, (_, t) => {
    const channel = t === 3 ? 9 : t;
    const notes: MidiNote[] = [];
    let tick = randomInt(rand, 0, ppq);
    const count = randomInt(rand, 0, 60);
    for (let i = 0; i < count; i += 1) {
      const pitch = randomInt(rand, 21, 108);
      const durationTicks = randomInt(rand, 1, ppq * 2);
      const ch = rand() < 0.1 ? randomInt(rand, 0, 15) : channel;
      notes.push({ pitch, velocity: randomInt(rand, 1, 127), tick, durationTicks, channel: ch });
      if (!clean && rand() < 0.15)
        notes.push({
          pitch,
          velocity: randomInt(rand, 1, 127),
          tick: tick + randomInt(rand, 0, durationTicks),
          durationTicks: randomInt(rand, 1, ppq),
          channel: ch,
        });
      tick += randomInt(rand, 0, ppq);
    }
    return {
      name: rand() < 0.2 ? '' : `Track ${t + 1} ${WORDS[randomInt(rand, 0, WORDS.length - 1)] ?? ''}`,
      program: rand() < 0.2 ? null : randomInt(rand, 0, 127),
      notes: clean ? dropOverlaps(notes) : notes,
    };
  });
  const changes = randomInt(rand, 0, 4);
  const at = (i: number): number => (clean && i === 0 ? 0 : randomInt(rand, 0, ppq * 16));
  return {
    format: 1,
    ppq,
    tracks,
    tempos: Array.from({ length: clean ? changes + 1 : changes }, (_, i) => ({
      tick: at(i),
      microsecondsPerQuarter: randomInt(rand, 200_000, 1_500_000),
    })).sort((a, b) => a.tick - b.tick),
    timeSignatures: Array.from({ length: clean ? 1 : randomInt(rand, 0, 2) }, (_, i) => ({
      tick: at(i),
      numerator: randomInt(rand, 1, 12),
      denominator: 2 ** randomInt(rand, 0, 5),
    })).sort((a, b) => a.tick - b.tick),
    keySignatures: Array.from({ length: clean ? 1 : randomInt(rand, 0, 2) }, (_, i) => ({
      tick: at(i),
      fifths: randomInt(rand, -7, 7),
      mode: rand() < 0.5 ? ('major' as const) : ('minor' as const),
    })).sort((a, b) => a.tick - b.tick),
    lyrics: Array.from({ length: randomInt(rand, 0, 5) }, () => ({
      tick: randomInt(rand, 0, ppq * 8),
      text: WORDS[randomInt(rand, 0, WORDS.length - 1)] ?? '',
    })).sort((a, b) => a.tick - b.tick),
    durationTicks: randomInt(rand, 0, ppq * 32),
  };
}

/** Keep only notes that do not overlap an earlier kept note of the same channel and pitch. */
function dropOverlaps(notes: MidiNote[]): MidiNote[] {
  const sorted = [...notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
  const endByKey = new Map<number, number>();
  return sorted.filter((n) => {
    const key = n.channel * 128 + n.pitch;
    if ((endByKey.get(key) ?? -1) > n.tick) return false;
    endByKey.set(key, n.tick + n.durationTicks);
    return true;
  });
}
