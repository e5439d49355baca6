import { describe, expect, it } from 'vitest';
import type { MidiSong } from '../../../src/shared/music';
import { MidiParseError, readMidi, writeMidi } from '../../../src/main/engine/music/midi';
import { ascii, END_OF_TRACK, header, meta, rmid, smf, u32, u32le, vlq } from './support/smf-bytes';

/** Parse, returning the song or the typed error; anything else thrown fails the test. */
function attempt(bytes: Uint8Array): MidiSong | MidiParseError {
  try {
    return readMidi(bytes);
  } catch (error) {
    if (error instanceof MidiParseError) return error;
    throw new Error(`untyped failure for ${bytes.length} bytes: ${String(error)}`, { cause: error });
  }
}

/** A small valid file that uses most features: two tracks, meta, sysex, running status, lyrics. */
function richFile(): Uint8Array {
  const conductor = [
    0x00,
    ...meta(0x03, ascii('Title')),
    0x00,
    ...meta(0x51, [0x07, 0xa1, 0x20]),
    0x00,
    ...meta(0x58, [3, 2, 24, 8]),
    0x00,
    ...meta(0x59, [1, 0]),
    ...END_OF_TRACK,
  ];
  const melody = [
    0x00,
    ...meta(0x03, ascii('Lead')),
    0x00,
    0xc0,
    0x49,
    0x00,
    0x90,
    60,
    100,
    0x00,
    ...meta(0x05, ascii('la')),
    0x60,
    60,
    0,
    0x00,
    0xf0,
    0x02,
    0x7e,
    0xf7,
    0x00,
    62,
    90,
    0x30,
    0x80,
    62,
    64,
    0x00,
    0xb0,
    7,
    100,
    0x10,
    0xe0,
    0,
    64,
    ...END_OF_TRACK,
  ];
  return smf(1, 96, [conductor, melody]);
}

describe('truncation', () => {
  it('every proper prefix of a valid file gives a typed error at or before its end, never a crash', () => {
    for (const file of [richFile(), rmid(richFile())]) {
      expect(attempt(file)).not.toBeInstanceOf(MidiParseError);
      for (let length = 0; length < file.length; length += 1) {
        const result = attempt(file.subarray(0, length));
        // A prefix always cuts a declared chunk (or the header) short, so it must be refused.
        expect(result, `prefix of ${length} bytes`).toBeInstanceOf(MidiParseError);
        const error = result as MidiParseError;
        expect(['not-midi', 'truncated']).toContain(error.code);
        expect(error.offset).toBeGreaterThanOrEqual(0);
        expect(error.offset).toBeLessThanOrEqual(length);
        expect(error.message).toContain(`at byte ${error.offset}`);
      }
    }
  });

  it('a file cut inside a track whose chunk length was fixed up still parses or fails typed at every cut', () => {
    const file = richFile();
    const secondChunk = 14 + 8 + (file[14 + 7] ?? 0); // MThd + first MTrk (its length fits one byte here)
    let parsed = 0;
    for (let cut = secondChunk + 8; cut < file.length; cut += 1) {
      const bytes = file.slice(0, cut);
      bytes.set(u32(cut - secondChunk - 8), secondChunk + 4);
      const result = attempt(bytes);
      if (!(result instanceof MidiParseError)) parsed += 1;
    }
    expect(parsed).toBeGreaterThan(0); // cuts between events read (with warnings), the rest fail typed
  });
});

describe('absurd declared lengths', () => {
  const note = [0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0];

  it.each([
    [
      'header chunk length 0xFFFFFFFF',
      new Uint8Array([...ascii('MThd'), ...u32(0xffffffff), 0, 1, 0, 1, 0, 96]),
      'truncated',
      4,
    ],
    [
      'track chunk length 0xFFFFFFF0',
      new Uint8Array([...header(1, 1, 96), ...ascii('MTrk'), ...u32(0xfffffff0), ...note, ...END_OF_TRACK]),
      'truncated',
      18,
    ],
    ['meta length 0x0FFFFFFF', smf(1, 96, [[0x00, 0xff, 0x01, ...vlq(0x0fffffff), 65, 66]]), 'truncated', 22],
    ['sysex length 0x0FFFFFFF', smf(1, 96, [[0x00, 0xf0, ...vlq(0x0fffffff), 1, 2, 3]]), 'truncated', 22],
    [
      'unknown chunk length 0xFFFFFFFF',
      new Uint8Array([...header(1, 1, 96), ...ascii('JUNK'), ...u32(0xffffffff), 1, 2]),
      'truncated',
      18,
    ],
    [
      'RIFF data chunk size 0xFFFFFFFF',
      new Uint8Array([
        ...ascii('RIFF'),
        ...u32le(100),
        ...ascii('RMID'),
        ...ascii('data'),
        ...u32le(0xffffffff),
        ...header(1, 1, 96),
      ]),
      'truncated',
      12,
    ],
    [
      'header declaring 65535 tracks',
      new Uint8Array([...header(1, 0xffff, 96), ...ascii('MTrk'), ...u32(note.length + 4), ...note, ...END_OF_TRACK]),
      'truncated',
      14 + 8 + note.length + 4,
    ],
  ] as const)('%s: typed error, no allocation of the declared size', (_name, bytes, code, offset) => {
    const before = process.memoryUsage().arrayBuffers;
    const result = attempt(bytes);
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(result).toBeInstanceOf(MidiParseError);
    expect((result as MidiParseError).code).toBe(code);
    expect((result as MidiParseError).offset).toBe(offset);
    expect(grown).toBeLessThan(16 * 1024 * 1024); // a declared 4 GB buffer would show here (or crash)
  });

  it('output size is bounded by input size: a note needs at least three bytes', () => {
    // 20000 note-ons in running status, never turned off: all closed at the end, within the bound.
    const body = [
      0x00,
      0x90,
      0,
      1,
      ...Array.from({ length: 19_999 }, (_, i) => [0x01, i % 128, 1]).flat(),
      0x01,
      0xff,
      0x2f,
      0x00,
    ];
    const bytes = smf(1, 96, [body]);
    const song = attempt(bytes) as MidiSong;
    const notes = song.tracks.reduce((sum, t) => sum + t.notes.length, 0);
    expect(notes).toBe(20_000);
    expect(notes).toBeLessThanOrEqual(bytes.length / 3);
    expect(song.warnings?.length).toBe(1); // one aggregated warning, not 20000
    expect(song.warnings?.[0]).toMatch(/20000 times/);
  });
});

describe('the writer refuses what it cannot encode', () => {
  const base: MidiSong = {
    format: 1,
    ppq: 480,
    tracks: [],
    tempos: [],
    timeSignatures: [],
    keySignatures: [],
    lyrics: [],
    durationTicks: 0,
  };
  const note = { pitch: 60, velocity: 100, tick: 0, durationTicks: 10, channel: 0 };
  it.each([
    ['pitch 128', { ...base, tracks: [{ name: '', program: null, notes: [{ ...note, pitch: 128 }] }] }, /pitch 128/],
    ['channel 16', { ...base, tracks: [{ name: '', program: null, notes: [{ ...note, channel: 16 }] }] }, /channel 16/],
    [
      'zero duration',
      { ...base, tracks: [{ name: '', program: null, notes: [{ ...note, durationTicks: 0 }] }] },
      /duration 0/,
    ],
    ['negative tick', { ...base, tracks: [{ name: '', program: null, notes: [{ ...note, tick: -1 }] }] }, /tick -1/],
    [
      'NaN tick',
      { ...base, tracks: [{ name: '', program: null, notes: [{ ...note, tick: Number.NaN }] }] },
      /tick NaN/,
    ],
    ['program 200', { ...base, tracks: [{ name: '', program: 200, notes: [] }] }, /program 200/],
    ['tempo 0', { ...base, tempos: [{ tick: 0, microsecondsPerQuarter: 0 }] }, /tempo 1/],
    ['denominator 3', { ...base, timeSignatures: [{ tick: 0, numerator: 3, denominator: 3 }] }, /3\/3/],
    ['8 sharps', { ...base, keySignatures: [{ tick: 0, fifths: 8, mode: 'major' as const }] }, /8 fifths/],
    ['ppq 0', { ...base, ppq: 0 }, /ppq 0/],
    [
      'a delta beyond 28 bits',
      { ...base, tracks: [{ name: '', program: null, notes: [{ ...note, tick: 2 ** 30 }] }] },
      /a gap of 107374183\d ticks after tick 0 is longer than a MIDI delta time can hold/,
    ],
  ])('%s', (_name, song, message) => {
    expect(() => writeMidi(song)).toThrow(message);
    try {
      writeMidi(song);
    } catch (error) {
      expect((error as { kind?: string }).kind).toBe('invalid-input');
    }
  });
});
