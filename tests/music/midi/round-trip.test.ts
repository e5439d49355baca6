import { describe, expect, it } from 'vitest';
import type { MidiSong } from '../../../src/shared/music';
import { MidiParseError, normalizeForWrite, readMidi, writeMidi } from '../../../src/main/engine/music/midi';
import { compareNotes } from '../../../src/main/engine/music/midi/note-pairing';
import { referencePath } from '../../helpers/reference';
import {
  midicsvAvailable,
  noteKeys,
  readManyWithMidicsv,
  readWithMidiFile,
  type FlatNote,
} from './support/independent';
import { mulberry32, randomSong } from './support/random-song';
import { midiFiles, readBytes } from './support/reference-files';

function withoutWarnings(song: MidiSong): MidiSong {
  const { warnings: _warnings, ...rest } = song;
  return rest;
}

/** Our notes keyed by track index in the written file (track 0 is the conductor). */
function ourKeys(song: MidiSong, firstTrack: number): string[] {
  return song.tracks.flatMap((t, i) => noteKeys(t.notes).map((k) => `${i + firstTrack}${k}`)).sort();
}

function theirKeys(notes: FlatNote[]): string[] {
  return notes.map((n) => `${n.track}${noteKeys([n])[0] ?? ''}`).sort();
}

/**
 * Encode, decode, compare: the written bytes must read back as exactly the song the writer
 * promises (normalizeForWrite), through our reader and through the midi-file package; writing what
 * we read back must give the same bytes. Returns what the midicsv check needs.
 */
function checkRoundTrip(song: MidiSong, label: string): Written {
  const bytes = writeMidi(song);
  const expected = normalizeForWrite(song);
  const back = readMidi(bytes);
  expect(back.warnings, label).toEqual([]);
  expect(withoutWarnings(back), label).toEqual(expected);
  expect(Buffer.compare(writeMidi(back), bytes), `${label}: rewriting changes bytes`).toBe(0);

  const other = readWithMidiFile(bytes);
  expect(other.format).toBe(1);
  expect(other.ppq).toBe(480);
  expect(other.runningStatusEvents, label).toBe(0);
  expect(other.endsWithEndOfTrack.every(Boolean), label).toBe(true);
  expect(theirKeys(other.notes), label).toEqual(ourKeys(back, 1));
  expect(other.tempos, label).toEqual(back.tempos);
  expect(other.timeSignatures, label).toEqual(back.timeSignatures);
  expect(other.keySignatures, label).toEqual(back.keySignatures);
  expect(other.lyrics, label).toEqual(back.lyrics);
  return { label, bytes, back };
}

interface Written {
  label: string;
  bytes: Uint8Array;
  back: MidiSong;
}

/** Debian's midicsv must see the same header, notes, tempos and signatures as our reader. */
function checkMidicsv(written: Written[]): number {
  if (!hasMidicsv) return 0;
  const csvs = readManyWithMidicsv(written.map((w) => w.bytes));
  written.forEach(({ label, back }, i) => {
    const csv = csvs[i];
    expect(csv, label).toBeDefined();
    if (!csv) return;
    expect([csv.format, csv.trackCount, csv.ppq], label).toEqual([1, back.tracks.length + 1, 480]);
    expect(theirKeys(csv.notes), label).toEqual(ourKeys(back, 1));
    expect(csv.tempos, label).toEqual(back.tempos);
    expect(csv.timeSignatures, label).toEqual(back.timeSignatures);
    expect(csv.keySignatures, label).toEqual(back.keySignatures);
  });
  return written.length;
}

const hasMidicsv = midicsvAvailable();
if (!hasMidicsv) console.log('Skipping midicsv comparisons: /usr/bin/midicsv not installed (apt-get install midicsv).');

describe('round trips of generated songs', () => {
  it('clean songs (PPQ 480, no overlaps) come back with every note, tempo and signature unchanged', () => {
    const rand = mulberry32(20261129);
    let notes = 0;
    const forMidicsv: Written[] = [];
    for (let i = 0; i < 150; i += 1) {
      const song = randomSong(rand, true);
      const written = checkRoundTrip(song, `clean song ${i}`);
      if (i % 5 === 0) forMidicsv.push(written);
      const back = written.back;
      expect(
        back.tracks.map((t) => t.notes),
        `clean song ${i}`,
      ).toEqual(song.tracks.map((t) => [...t.notes].sort(compareNotes)));
      expect(back.tracks.map((t) => [t.name, t.program])).toEqual(song.tracks.map((t) => [t.name, t.program]));
      expect(back.tempos).toEqual(song.tempos);
      expect(back.timeSignatures).toEqual(song.timeSignatures);
      expect(back.keySignatures).toEqual(song.keySignatures);
      expect(back.lyrics).toEqual(song.lyrics);
      notes += song.tracks.reduce((s, t) => s + t.notes.length, 0);
    }
    expect(notes).toBeGreaterThan(3000);
    checkMidicsv(forMidicsv);
  });

  it('messy songs (other PPQs, same-pitch overlaps, missing tick-0 events) come back as normalised', () => {
    const rand = mulberry32(7);
    const forMidicsv: Written[] = [];
    for (let i = 0; i < 150; i += 1) {
      const written = checkRoundTrip(randomSong(rand, false), `messy song ${i}`);
      if (i % 5 === 0) forMidicsv.push(written);
    }
    checkMidicsv(forMidicsv);
  });
});

describe('the cross-checks can fail', () => {
  it('midi-file and midicsv both notice one changed note in a written file', () => {
    const song = randomSong(mulberry32(99), true);
    song.tracks = [
      { name: 'x', program: null, notes: [{ pitch: 60, velocity: 100, tick: 0, durationTicks: 480, channel: 0 }] },
    ];
    const bytes = writeMidi(song);
    const back = readMidi(bytes);
    const changed = bytes.slice();
    // The note-on is the first 0x90 status byte after the last 'MTrk'; bump its pitch.
    const lastTrack = Buffer.from(changed).lastIndexOf('MTrk');
    const noteOn = changed.indexOf(0x90, lastTrack);
    changed[noteOn + 1] = 61;
    expect(theirKeys(readWithMidiFile(changed).notes)).not.toEqual(ourKeys(back, 1));
    if (hasMidicsv) expect(theirKeys(readManyWithMidicsv([changed])[0]?.notes ?? [])).not.toEqual(ourKeys(back, 1));
    expect(theirKeys(readWithMidiFile(bytes).notes)).toEqual(ourKeys(back, 1));
  });
});

const midiRoot = referencePath('midi');
const nottinghamRoot = referencePath('melodies', 'nottingham', 'midi');

describe.skipIf(!midiRoot || !nottinghamRoot)('round trips of real files', () => {
  it('every readable reference file and every Nottingham tune: read, write, read back identically (midi-file agrees; midicsv on a sample)', () => {
    const files = [...midiFiles(midiRoot ?? ''), ...midiFiles(nottinghamRoot ?? '')];
    let written = 0;
    let notes = 0;
    const forMidicsv: Written[] = [];
    files.forEach((file, index) => {
      let song: MidiSong;
      try {
        song = readMidi(readBytes(file));
      } catch (error) {
        expect(error).toBeInstanceOf(MidiParseError);
        return;
      }
      const isReference = index < files.length - 1034;
      const result = checkRoundTrip(song, file);
      if (isReference || index % 20 === 0) forMidicsv.push(result);
      written += 1;
      notes += normalizeForWrite(song).tracks.reduce((s, t) => s + t.notes.length, 0);
    });
    const viaMidicsv = checkMidicsv(forMidicsv);
    console.log(
      `[midi round trip] ${written} real files written and read back identically by our reader and midi-file (${notes} notes); ${viaMidicsv} also through midicsv`,
    );
    expect(written).toBe(1034 + 142);
  });
});
