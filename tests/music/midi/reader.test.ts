import { describe, expect, it } from 'vitest';
import { readMidi, ticksToSeconds } from '../../../src/main/engine/music/midi';
import { expectError } from './support/read-errors';
import { ascii, END_OF_TRACK, meta, noteOff, noteOn, rmid, smf, vlq } from './support/smf-bytes';

describe('readMidi: events', () => {
  it('keeps running status across meta and sysex events, as real files use it', () => {
    const body = [
      ...[0x00, 0x90, 60, 100], // note-on C4 with a status byte
      ...[0x60, 60, 0], // running status: velocity-0 note-on = note-off at 96
      ...[0x00, ...meta(0x01, ascii('abc'))], // a meta event in between
      ...[0x00, 62, 90], // running status continues after the meta event: note-on D4 at 96
      ...[0x00, 0xf0, ...vlq(3), 0x7e, 0x7f, 0xf7], // a sysex event in between
      ...[0x60, 62, 0], // running status continues after the sysex: note-off D4 at 192
      ...[0x00, 0xf7, ...vlq(1), 0x01], // an escape sysex (0xF7) too
      ...[0x00, 64, 80], // note-on E4 at 192
      ...[0x30, 64, 0],
      ...END_OF_TRACK,
    ];
    const song = readMidi(smf(0, 96, [body]));
    expect(song.tracks).toHaveLength(1);
    expect(song.tracks[0]?.notes).toEqual([
      { pitch: 60, velocity: 100, tick: 0, durationTicks: 96, channel: 0 },
      { pitch: 62, velocity: 90, tick: 96, durationTicks: 96, channel: 0 },
      { pitch: 64, velocity: 80, tick: 192, durationTicks: 48, channel: 0 },
    ]);
    expect(song.warnings).toEqual([]);
  });

  it('treats a velocity-0 note-on exactly like a note-off', () => {
    const withZero = smf(1, 480, [[...noteOn(0, 2, 70, 64), ...noteOn(240, 2, 70, 0), ...END_OF_TRACK]]);
    const withOff = smf(1, 480, [[...noteOn(0, 2, 70, 64), ...noteOff(240, 2, 70), ...END_OF_TRACK]]);
    const a = readMidi(withZero);
    expect(a.tracks[0]?.notes).toEqual([{ pitch: 70, velocity: 64, tick: 0, durationTicks: 240, channel: 2 }]);
    expect(a).toEqual(readMidi(withOff));
  });

  it('pairs overlapping same-pitch notes first-in-first-out, per channel', () => {
    const body = [
      ...noteOn(0, 0, 60, 100), // A starts at 0
      ...noteOn(10, 0, 60, 90), // B starts at 10 while A sounds
      ...noteOn(0, 1, 60, 50), // same pitch on channel 1 at 10
      ...noteOff(10, 0, 60), // 20: ends A (the earliest), not B
      ...noteOff(30, 0, 60), // 50: ends B
      ...noteOff(10, 1, 60), // 60: ends the channel-1 note
      ...END_OF_TRACK,
    ];
    const song = readMidi(smf(1, 96, [body]));
    expect(song.tracks[0]?.notes).toEqual([
      { pitch: 60, velocity: 100, tick: 0, durationTicks: 20, channel: 0 },
      { pitch: 60, velocity: 90, tick: 10, durationTicks: 40, channel: 0 },
      { pitch: 60, velocity: 50, tick: 10, durationTicks: 50, channel: 1 },
    ]);
  });

  it('closes note-ons never turned off at the end of the track, with a warning naming the byte', () => {
    const body = [
      ...noteOn(0, 0, 60, 100),
      ...noteOn(0, 0, 64, 100),
      ...noteOff(100, 0, 64),
      ...[0x40, 0xff, 0x2f, 0x00],
    ];
    const bytes = smf(1, 96, [body]);
    const song = readMidi(bytes);
    expect(song.tracks[0]?.notes).toEqual([
      { pitch: 60, velocity: 100, tick: 0, durationTicks: 164, channel: 0 },
      { pitch: 64, velocity: 100, tick: 0, durationTicks: 100, channel: 0 },
    ]);
    const eotOffset = 14 + 8 + body.length - 4; // header, chunk header, then the end-of-track event
    expect(song.warnings).toEqual([
      `track 1: note-on never turned off, closed at the end of the track (tick 164) (byte ${eotOffset})`,
    ]);
    expect(song.durationTicks).toBe(164);
  });

  it('warns about stray note-offs and drops zero-length notes, counting repeats', () => {
    const body = [
      ...noteOff(0, 0, 50),
      ...noteOff(0, 0, 51),
      ...noteOn(0, 0, 52, 9),
      ...noteOff(0, 0, 52),
      ...END_OF_TRACK,
    ];
    const song = readMidi(smf(1, 96, [body]));
    expect(song.tracks[0]?.notes).toEqual([]);
    expect(song.warnings).toEqual([
      'track 1: note-off without a sounding note-on, ignored (2 times, first at byte 22)',
      'track 1: zero-length note dropped (byte 34)',
    ]);
  });

  it('reads track names, program changes, tempo, time and key signatures', () => {
    const conductor = [
      0x00,
      ...meta(0x03, ascii('Song title')),
      0x00,
      ...meta(0x51, [0x07, 0xa1, 0x20]), // 500000 us = 120 bpm
      0x00,
      ...meta(0x58, [6, 3, 24, 8]), // 6/8
      0x00,
      ...meta(0x59, [0xfd, 1]), // 3 flats, minor (C minor)
      ...vlq(1920),
      ...meta(0x51, [0x0f, 0x42, 0x40]), // 1000000 us = 60 bpm at bar 2
      0x00,
      ...meta(0x58, [2, 2, 24, 8]), // 2/4
      0x00,
      ...meta(0x59, [2, 0]), // D major
      ...END_OF_TRACK,
    ];
    const melody = [
      0x00,
      ...meta(0x03, ascii('Flute')),
      0x00,
      0xc3,
      73,
      0x00,
      0xc3,
      12,
      ...noteOn(0, 3, 72, 80),
      ...noteOff(480, 3, 72),
      ...END_OF_TRACK,
    ];
    const song = readMidi(smf(1, 480, [conductor, melody]));
    expect(song.format).toBe(1);
    expect(song.ppq).toBe(480);
    expect(song.tracks.map((t) => [t.name, t.program, t.notes.length])).toEqual([
      ['Song title', null, 0], // named, so kept (a pure conductor track without a name is not a MidiTrack)
      ['Flute', 73, 1], // the first program change
    ]);
    expect(song.tempos).toEqual([
      { tick: 0, microsecondsPerQuarter: 500000 },
      { tick: 1920, microsecondsPerQuarter: 1000000 },
    ]);
    expect(song.timeSignatures).toEqual([
      { tick: 0, numerator: 6, denominator: 8 },
      { tick: 1920, numerator: 2, denominator: 4 },
    ]);
    expect(song.keySignatures).toEqual([
      { tick: 0, fifths: -3, mode: 'minor' },
      { tick: 1920, fifths: 2, mode: 'major' },
    ]);
    expect(song.durationTicks).toBe(1920);
    const seconds = ticksToSeconds(song);
    expect(seconds(960)).toBeCloseTo(1, 12);
    expect(seconds(1920 + 480)).toBeCloseTo(3, 12);
  });

  it('drops an unnamed conductor track but keeps its tempo map', () => {
    const conductor = [0x00, ...meta(0x51, [0x07, 0xa1, 0x20]), ...END_OF_TRACK];
    const song = readMidi(smf(1, 96, [conductor, [...noteOn(0, 0, 60, 1), ...noteOff(1, 0, 60), ...END_OF_TRACK]]));
    expect(song.tracks).toHaveLength(1);
    expect(song.tempos).toEqual([{ tick: 0, microsecondsPerQuarter: 500000 }]);
  });

  it('splits a format-0 track by channel, each with its own program', () => {
    const body = [
      0x00,
      ...meta(0x03, ascii('All')),
      0x00,
      0xc0,
      40,
      0x00,
      0xc9,
      0,
      ...noteOn(0, 9, 36, 100),
      ...noteOn(0, 0, 67, 70),
      ...noteOff(96, 0, 67),
      ...noteOff(0, 9, 36),
      ...END_OF_TRACK,
    ];
    const song = readMidi(smf(0, 96, [body]));
    expect(song.format).toBe(0);
    expect(song.tracks).toEqual([
      { name: 'All', program: 40, notes: [{ pitch: 67, velocity: 70, tick: 0, durationTicks: 96, channel: 0 }] },
      { name: 'All', program: 0, notes: [{ pitch: 36, velocity: 100, tick: 0, durationTicks: 96, channel: 9 }] },
    ]);
  });

  it('decodes text as UTF-8 when valid, else Latin-1, and drops trailing NULs', () => {
    const utf8 = [...new TextEncoder().encode('Flöte ♪')];
    const latin1 = [0x43, 0x6c, 0xe9, 0x00]; // "Clé" + NUL terminator
    const song = readMidi(
      smf(1, 96, [
        [0x00, ...meta(0x03, utf8), ...END_OF_TRACK],
        [0x00, ...meta(0x03, latin1), ...END_OF_TRACK],
      ]),
    );
    expect(song.tracks.map((t) => t.name)).toEqual(['Flöte ♪', 'Clé']);
  });
});

describe('readMidi: lyrics', () => {
  it('reads lyric meta events (0x05) in tick order from every track', () => {
    const words = [0x00, ...meta(0x05, ascii('Hel')), 0x60, ...meta(0x05, ascii('lo ')), ...END_OF_TRACK];
    const more = [
      ...vlq(50),
      ...meta(0x05, ascii('there')),
      0x00,
      ...meta(0x01, ascii('not a lyric')),
      ...END_OF_TRACK,
    ];
    const song = readMidi(smf(1, 96, [words, more]));
    expect(song.lyrics).toEqual([
      { tick: 0, text: 'Hel' },
      { tick: 50, text: 'there' },
      { tick: 96, text: 'lo ' },
    ]);
  });

  it("reads a karaoke (.kar) file's text events from its Words track, skipping @ header lines", () => {
    const info = [
      0x00,
      ...meta(0x01, ascii('@KMIDI KARAOKE FILE')),
      0x00,
      ...meta(0x01, ascii('@V0100')),
      ...END_OF_TRACK,
    ];
    const words = [
      0x00,
      ...meta(0x03, ascii('Words')),
      0x00,
      ...meta(0x01, ascii('@LENGL')),
      0x00,
      ...meta(0x01, ascii('@TTwinkle')),
      ...vlq(96),
      ...meta(0x01, ascii('\\Twin')),
      0x30,
      ...meta(0x01, ascii('kle ')),
      0x30,
      ...meta(0x01, ascii('/lit')),
      ...END_OF_TRACK,
    ];
    const melody = [
      0x00,
      ...meta(0x01, ascii('arranged by someone')),
      ...noteOn(96, 0, 60, 90),
      ...noteOff(96, 0, 60),
      ...END_OF_TRACK,
    ];
    const song = readMidi(smf(1, 96, [info, words, melody]));
    expect(song.lyrics).toEqual([
      { tick: 96, text: '\\Twin' },
      { tick: 144, text: 'kle ' },
      { tick: 192, text: '/lit' },
    ]);
  });

  it('does not mistake ordinary text events for lyrics', () => {
    const song = readMidi(smf(1, 96, [[0x00, ...meta(0x01, ascii('Composed 1997')), ...END_OF_TRACK]]));
    expect(song.lyrics).toEqual([]);
  });
});

describe('readMidi: containers and timing', () => {
  const plain = smf(1, 96, [
    [0x00, ...meta(0x03, ascii('x')), ...noteOn(0, 0, 60, 100), ...noteOff(96, 0, 60), ...END_OF_TRACK],
  ]);

  it('unwraps a RIFF RMID container (with other chunks and word padding)', () => {
    const song = readMidi(rmid(plain));
    expect(song).toEqual(readMidi(plain));
    expect(readMidi(rmid(plain, false))).toEqual(readMidi(plain));
  });

  it('reports error offsets inside an RMID container from the start of the whole file', () => {
    const broken = plain.slice();
    const status = 14 + 8 + 5 + 1; // header, chunk header, the name event, the note-on's delta
    expect(broken[status]).toBe(0x90);
    broken[status] = 0xf4; // the note-on status byte becomes an illegal system-common byte
    const wrapped = rmid(broken, false); // the SMF then starts at byte 20
    expectError(wrapped, 'bad-event', 20 + status, /0xf4/);
  });

  it('refuses RIFF files that are not RMID, or hold no data chunk', () => {
    const wave = rmid(plain);
    wave.set(ascii('WAVE'), 8);
    expectError(wave, 'bad-container', 8, /WAVE/);
    const noData = new Uint8Array([...ascii('RIFF'), 12, 0, 0, 0, ...ascii('RMID'), ...ascii('DISP'), 0, 0, 0, 0]);
    expectError(noData, 'bad-container', 20, /no 'data' chunk/);
  });

  it('converts SMPTE division to a PPQ grid with an exact tempo (25 fps x 40 ticks per frame)', () => {
    const body = [
      0x00,
      ...meta(0x51, [0x07, 0xa1, 0x20]),
      ...noteOn(1000, 0, 60, 100),
      ...noteOff(500, 0, 60),
      ...END_OF_TRACK,
    ];
    const song = readMidi(smf(0, 0xe728, [body])); // 0xE7 = -25 fps, 0x28 = 40 ticks per frame
    expect(song.ppq).toBe(1000);
    expect(song.tempos).toEqual([{ tick: 0, microsecondsPerQuarter: 1_000_000 }]);
    expect(song.tracks[0]?.notes).toEqual([{ pitch: 60, velocity: 100, tick: 1000, durationTicks: 500, channel: 0 }]);
    const seconds = ticksToSeconds(song);
    expect(seconds(1000)).toBe(1); // 1000 ticks of 1/1000 s
    expect(song.warnings).toEqual(['1 tempo events ignored: an SMPTE-timed file counts absolute time (byte 12)']);
  });

  it('keeps 29.97 fps drop-frame timing exact', () => {
    const song = readMidi(
      smf(0, (0xe3 << 8) | 80, [[...noteOn(0, 0, 60, 100), ...noteOff(2400, 0, 60), ...END_OF_TRACK]]),
    );
    expect(song.ppq).toBe(2400); // 30 x 80
    expect(song.tempos).toEqual([{ tick: 0, microsecondsPerQuarter: 1_001_000 }]);
    expect(ticksToSeconds(song)(30_000 * 80)).toBeCloseTo(1001, 9); // 30000 frames at 29.97 fps = 1001 s
  });

  it('refuses format 2 with a clear error', () => {
    expectError(
      smf(2, 96, [END_OF_TRACK, END_OF_TRACK]),
      'unsupported-format',
      8,
      /format 2 \(independent sequences\) is not supported/,
    );
    expectError(smf(7, 96, [END_OF_TRACK]), 'unsupported-format', 8, /unknown format 7/);
  });
});
