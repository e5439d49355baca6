import { describe, expect, it } from 'vitest';
import { MidiParseError, readMidi } from '../../../src/main/engine/music/midi';
import { expectError } from './support/read-errors';
import { ascii, chunk, END_OF_TRACK, header, noteOff, noteOn, smf, u16, u32 } from './support/smf-bytes';

describe('readMidi: malformed input gives typed errors with byte offsets', () => {
  const ok = [...noteOn(0, 0, 60, 100), ...noteOff(96, 0, 60), ...END_OF_TRACK];

  it('refuses non-MIDI bytes', () => {
    expectError(new Uint8Array([]), 'not-midi', 0);
    expectError(new Uint8Array(ascii('MTh')), 'not-midi', 0);
    expectError(new TextEncoder().encode('<html><body>not a song</body></html>'), 'not-midi', 0, /3c 68 74 6d/);
    expectError(new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0]), 'not-midi', 0);
  });

  it('refuses bad headers', () => {
    expectError(new Uint8Array([...chunk('MThd', [0, 0, 0, 1]), ...chunk('MTrk', ok)]), 'bad-header', 4, /length 4/);
    expectError(smf(1, 0, [ok]), 'bad-header', 12, /division of 0/);
    expectError(new Uint8Array(header(1, 0, 96)), 'bad-header', 10, /0 tracks/);
    expectError(smf(0, 0xe800 | 0, [ok]), 'bad-header', 12, /0 ticks per frame/);
    expectError(smf(0, 0xf060, [ok]), 'bad-header', 12, /16 frames per second/);
  });

  it('refuses a file with fewer track chunks than declared', () => {
    const bytes = new Uint8Array([...header(1, 3, 96), ...chunk('MTrk', ok), ...chunk('MTrk', ok)]);
    expectError(bytes, 'truncated', bytes.length, /declares 3 tracks but the file holds 2/);
  });

  it('refuses garbage where a chunk belongs, but skips unknown chunks with a warning', () => {
    const garbage = new Uint8Array([...header(1, 1, 96), 0x00, 0x90, 0x3c, 0x40, 0, 0, 0, 0]);
    expectError(garbage, 'bad-chunk', 14, /00 90 3c 40/);
    const unknown = new Uint8Array([...header(1, 1, 96), ...chunk('XFIH', [1, 2, 3]), ...chunk('MTrk', ok)]);
    const song = readMidi(unknown);
    expect(song.tracks[0]?.notes).toHaveLength(1);
    expect(song.warnings).toEqual(["unknown chunk 'XFIH' skipped (byte 14)"]);
  });

  it('warns about (and ignores) bytes after the last track and after end-of-track', () => {
    const bytes = new Uint8Array([...header(1, 1, 96), ...chunk('MTrk', [...ok, 0x00, 0x90]), 0, 0, 0]);
    const song = readMidi(bytes);
    expect(song.tracks[0]?.notes).toHaveLength(1);
    expect(song.warnings).toEqual([
      'track 1: 2 bytes after the end-of-track event ignored (byte 34)', // listed in byte order
      '3 trailing bytes after the last track ignored (byte 36)',
    ]);
  });

  it('reads a track without end-of-track, with a warning', () => {
    const song = readMidi(smf(1, 96, [ok.slice(0, -4)]));
    expect(song.tracks[0]?.notes).toHaveLength(1);
    expect(song.warnings).toEqual(['track 1: no end-of-track event; the track ends with its chunk (byte 30)']);
  });

  it('refuses bad events at their exact offsets', () => {
    const at = 14 + 8; // first event byte of the first track
    expectError(smf(1, 96, [[0x00, 0x3c, 0x40, ...END_OF_TRACK]]), 'bad-event', at + 1, /no running status/);
    expectError(smf(1, 96, [[0x00, 0xf4, ...END_OF_TRACK]]), 'bad-event', at + 1, /0xf4/);
    expectError(smf(1, 96, [[0x00, 0x90, 0x3c, 0x90, ...END_OF_TRACK]]), 'bad-event', at + 3, /where a data byte/);
    expectError(
      smf(1, 96, [[0x81, 0x82, 0x83, 0x84, 0x05, 0x90, 60, 1, ...END_OF_TRACK]]),
      'bad-event',
      at,
      /longer than 4 bytes/,
    );
  });

  it('refuses events cut off by the end of their chunk', () => {
    const at = 14 + 8;
    expectError(smf(1, 96, [[0x00, 0x90, 0x3c]]), 'truncated', at, /channel event runs past/);
    expectError(smf(1, 96, [[0x00, 0xff, 0x01, 0x05, 0x41]]), 'truncated', at, /declares 5 bytes but only 1 remain/);
    expectError(smf(1, 96, [[0x00, 0xf0, 0x05, 0x41]]), 'truncated', at, /sysex event declares 5 bytes/);
    expectError(smf(1, 96, [[0x00, 0xff]]), 'truncated', at, /without a type byte/);
    expectError(smf(1, 96, [[0x81]]), 'truncated', at, /delta time runs past/);
    expectError(smf(1, 96, [[0x00]]), 'truncated', at, /no event after it/);
  });

  it('refuses more events than the cap', () => {
    const body = [...Array.from({ length: 20 }, (_, i) => [...noteOn(1, 0, 40 + i, 1)]).flat(), 0x01, 0xff, 0x2f, 0x00];
    expect(readMidi(smf(1, 96, [body])).tracks[0]?.notes).toHaveLength(20);
    const error = (() => {
      try {
        readMidi(smf(1, 96, [body]), { maxEvents: 10 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(MidiParseError);
    expect((error as MidiParseError).code).toBe('too-large');
    expect((error as MidiParseError).offset).toBe(14 + 8 + 10 * 4);
  });

  it('keeps u16/u32 helpers honest', () => {
    expect(u16(0x1234)).toEqual([0x12, 0x34]);
    expect(u32(0x01020304)).toEqual([1, 2, 3, 4]);
  });
});
