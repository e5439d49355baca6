import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MidiParseError,
  MidiWriteError,
  normalizeForWrite,
  readMidi,
  writeMidi,
} from '../../../src/main/engine/music/midi';
import { referencePath } from '../../helpers/reference';
import { mulberry32, randomInt, randomSong } from './support/random-song';
import { midiFiles, readBytes } from './support/reference-files';
import { ascii, END_OF_TRACK, meta, rmid, smf } from './support/smf-bytes';

/**
 * Mutation fuzzing: real files plus our own fixtures and writer output (so it still runs without
 * the reference data), with bit
 * flips, byte inserts and deletes, truncation, corrupted chunk lengths and variable-length
 * numbers, from a seeded PRNG so every run is the same. Every input must parse (into a song the
 * writer can encode) or give a typed MidiParseError; anything else fails. A hang would hit the
 * test timeout; output size is checked against input size.
 */
const ITERATIONS = 3000;
const SEED = 0x5eed_1d1;

function baseFiles(): { name: string; bytes: Uint8Array }[] {
  const own = smf(1, 96, [
    [0x00, ...meta(0x03, ascii('t')), 0x00, ...meta(0x51, [7, 0xa1, 0x20]), ...END_OF_TRACK],
    [
      0x00,
      0xc0,
      5,
      0x00,
      0x90,
      60,
      90,
      0x10,
      ...meta(0x05, ascii('la')),
      0x20,
      60,
      0,
      0x00,
      0xf0,
      2,
      1,
      0xf7,
      0x00,
      64,
      80,
      0x40,
      0x80,
      64,
      0,
      ...END_OF_TRACK,
    ],
  ]);
  const rand = mulberry32(4242);
  const written = Array.from({ length: 8 }, (_, i) => ({
    name: `written song ${i}`,
    bytes: writeMidi(randomSong(rand, i % 2 === 0)),
  }));
  const bases = [{ name: 'own fixture', bytes: own }, { name: 'own RMID', bytes: rmid(own) }, ...written];
  const midiRoot = referencePath('midi');
  const nottingham = referencePath('melodies', 'nottingham', 'midi');
  const real = [...(midiRoot ? midiFiles(midiRoot) : []), ...(nottingham ? midiFiles(nottingham).slice(0, 8) : [])]
    .map((file) => ({ name: path.basename(file), bytes: readBytes(file) }))
    .filter((f) => f.bytes.length <= 16 * 1024);
  return [...bases, ...real];
}

function chunkLengthOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 8 <= bytes.length; i += 1) {
    if (
      (bytes[i] === 0x4d && bytes[i + 1] === 0x54 && (bytes[i + 2] === 0x72 || bytes[i + 2] === 0x68)) ||
      (bytes[i] === 0x64 && bytes[i + 1] === 0x61 && bytes[i + 2] === 0x74 && bytes[i + 3] === 0x61)
    ) {
      out.push(i + 4);
    }
  }
  return out;
}

function mutate(rand: () => number, input: Uint8Array): Uint8Array {
  let bytes = input.slice();
  const edits = randomInt(rand, 1, 2);
  for (let e = 0; e < edits; e += 1) {
    const at = randomInt(rand, 0, Math.max(0, bytes.length - 1));
    switch (randomInt(rand, 0, 11)) {
      case 0: // bit flips
        for (let k = randomInt(rand, 1, 4); k > 0; k -= 1) {
          const i = randomInt(rand, 0, Math.max(0, bytes.length - 1));
          bytes[i] = (bytes[i] ?? 0) ^ (1 << randomInt(rand, 0, 7));
        }
        break;
      case 1: // an interesting byte value
        bytes[at] = [0x00, 0x7f, 0x80, 0xff, 0xf0, 0xf7, 0x90, 0x2f][randomInt(rand, 0, 7)] ?? 0;
        break;
      case 2: {
        // insert random bytes
        const extra = Array.from({ length: randomInt(rand, 1, 8) }, () => randomInt(rand, 0, 255));
        bytes = new Uint8Array([...bytes.subarray(0, at), ...extra, ...bytes.subarray(at)]);
        break;
      }
      case 3: // delete a range
        bytes = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + randomInt(rand, 1, 16))]);
        break;
      case 4: // truncate
        bytes = bytes.slice(0, at);
        break;
      case 5: {
        // corrupt a chunk length
        const offsets = chunkLengthOffsets(bytes);
        const target = offsets[randomInt(rand, 0, Math.max(0, offsets.length - 1))];
        if (target === undefined) break;
        const value =
          [0, 1, 0x7fffffff, 0xffffffff, randomInt(rand, 0, 0xffff), randomInt(rand, 0, 0xffffffff)][
            randomInt(rand, 0, 5)
          ] ?? 0;
        bytes[target] = value >>> 24;
        bytes[target + 1] = (value >>> 16) & 0xff;
        bytes[target + 2] = (value >>> 8) & 0xff;
        bytes[target + 3] = value & 0xff;
        break;
      }
      case 6: // an over-long or huge variable-length number
        bytes.set([0x8f, 0xff, 0xff, 0xff, randomInt(rand, 0, 1) ? 0x7f : 0xff].slice(0, bytes.length - at), at);
        break;
      case 8:
      case 9:
      case 10:
      case 11: {
        // structure-preserving: data bytes stay data bytes (pitches, velocities, delta times change)
        for (let k = randomInt(rand, 1, 8); k > 0; k -= 1) {
          const i = randomInt(rand, 0, Math.max(0, bytes.length - 1));
          if ((bytes[i] ?? 0x80) < 0x80) bytes[i] = randomInt(rand, 0, 0x7f);
        }
        break;
      }
      default: {
        // duplicate a region (repeated events, repeated chunks)
        const length = randomInt(rand, 1, 64);
        const region = bytes.slice(at, at + length);
        const to = randomInt(rand, 0, bytes.length);
        bytes = new Uint8Array([...bytes.subarray(0, to), ...region, ...bytes.subarray(to)]);
      }
    }
  }
  return bytes;
}

describe('fuzz: mutated MIDI files', () => {
  it(`${ITERATIONS} seeded mutations: every input parses or gives a typed error`, () => {
    const bases = baseFiles();
    const rand = mulberry32(SEED);
    const codes: Record<string, number> = {};
    let parsed = 0;
    let notes = 0;
    let unwritable = 0;
    for (let i = 0; i < ITERATIONS; i += 1) {
      const base = bases[randomInt(rand, 0, bases.length - 1)];
      if (!base) throw new Error('no fuzz bases');
      const bytes = mutate(rand, base.bytes);
      const label = `iteration ${i} (${base.name}, seed ${SEED})`;
      let song;
      try {
        song = readMidi(bytes);
      } catch (error) {
        if (!(error instanceof MidiParseError)) throw new Error(`${label}: untyped ${String(error)}`, { cause: error });
        expect(error.kind).toBe('invalid-input');
        expect(error.offset, label).toBeGreaterThanOrEqual(0);
        expect(error.offset, label).toBeLessThanOrEqual(bytes.length);
        codes[error.code] = (codes[error.code] ?? 0) + 1;
        continue;
      }
      parsed += 1;
      const all = song.tracks.flatMap((t) => t.notes);
      notes += all.length;
      expect(all.length, label).toBeLessThanOrEqual(bytes.length / 3);
      for (const n of all) {
        const valid =
          n.pitch >= 0 &&
          n.pitch <= 127 &&
          n.velocity >= 1 &&
          n.velocity <= 127 &&
          n.channel >= 0 &&
          n.channel <= 15 &&
          n.tick >= 0 &&
          n.durationTicks > 0;
        if (!valid) expect(n, label).toBe('a valid note');
      }
      // Whatever the reader accepts, the writer encodes and the reader reads back as promised -
      // except gaps too long for a delta time once rescaled to PPQ 480, which it refuses, typed.
      let written: Uint8Array;
      try {
        written = writeMidi(song);
      } catch (error) {
        if (!(error instanceof MidiWriteError)) throw error;
        expect(error.message, label).toMatch(/longer than a MIDI delta time can hold/);
        expect(song.durationTicks * (480 / song.ppq), label).toBeGreaterThan(0x0fffffff);
        unwritable += 1;
        continue;
      }
      const { warnings: _w, ...back } = readMidi(written);
      expect(back, label).toEqual(normalizeForWrite(song));
    }
    const errors = ITERATIONS - parsed;
    console.log(
      `[midi fuzz] ${ITERATIONS} mutations of ${bases.length} files: ${parsed} parsed (${notes} notes), ${errors} typed errors ${JSON.stringify(codes)}; ${unwritable} parsed songs too long to rewrite`,
    );
    // The mutations must exercise both paths, or the fuzz proves little.
    expect(parsed).toBeGreaterThan(ITERATIONS * 0.1);
    expect(errors).toBeGreaterThan(ITERATIONS * 0.1);
  });
});
