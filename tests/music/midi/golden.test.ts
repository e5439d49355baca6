import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MidiSong } from '../../../src/shared/music';
import { MidiParseError, readMidi, ticksToSeconds, type MidiErrorCode } from '../../../src/main/engine/music/midi';
import { referencePath } from '../../helpers/reference';
import { noteKeys, readWithMidiFile } from './support/independent';
import { midiFiles, readBytes } from './support/reference-files';

/**
 * Golden tests against real files written by other programs (../shared/data/midi and the
 * Nottingham corpus). Nothing is copied into the repository; without the data these skip.
 */
const midiRoot = referencePath('midi');
const nottinghamRoot = referencePath('melodies', 'nottingham', 'midi');

type Outcome =
  { file: string; bytes: Uint8Array; song: MidiSong } | { file: string; bytes: Uint8Array; error: MidiParseError };

function outcome(file: string): Outcome {
  const bytes = readBytes(file);
  try {
    return { file, bytes, song: readMidi(bytes) };
  } catch (error) {
    if (error instanceof MidiParseError) return { file, bytes, error };
    throw new Error(`${file}: untyped failure ${String(error)}`, { cause: error });
  }
}

/** The malformed or unsupported reference files, and the error each must give. */
const EXPECTED_ERRORS: Record<string, MidiErrorCode> = {
  'nfroidure-midifile/sounds/MIDIBadHeaderChunk.mid': 'not-midi', // 'MT0d'
  'nfroidure-midifile/sounds/MIDIBadHeaderFormat.mid': 'unsupported-format', // format 3
  'nfroidure-midifile/sounds/MIDIBadHeaderLength.mid': 'bad-chunk', // header length 22 lands mid-track
  'nfroidure-midifile/sounds/MIDIBadHeaderSMTPE.mid': 'bad-header', // SMPTE with 16 fps
  'nfroidure-midifile/sounds/MIDIBadHeaderTracksNum.mid': 'truncated', // declares 2 tracks, holds 1
  'nfroidure-midifile/sounds/MIDIBadTrackHdr.mid': 'truncated', // 'mTrk': no track chunk at all
  'nfroidure-midifile/sounds/MIDIBadTrackLength.mid': 'truncated', // track length 0x0100003B
  'nfroidure-midifile/sounds/MIDIOkFormat2.mid': 'unsupported-format', // format 2 is refused
};

function allNotes(song: MidiSong) {
  return song.tracks.flatMap((t) => t.notes);
}

describe.skipIf(!midiRoot)('reference MIDI files (../shared/data/midi)', () => {
  const root = midiRoot ?? '';
  const outcomes = midiRoot ? midiFiles(root).map(outcome) : [];
  const rel = (file: string): string => path.relative(root, file).split(path.sep).join('/');

  it('every file parses or gives a typed error (kind invalid-input, offset within the file)', () => {
    expect(outcomes.length).toBeGreaterThan(100);
    const errors: Record<string, MidiErrorCode> = {};
    const byCode: Record<string, number> = {};
    for (const o of outcomes) {
      if ('error' in o) {
        expect(o.error.kind).toBe('invalid-input');
        expect(o.error.offset).toBeGreaterThanOrEqual(0);
        expect(o.error.offset).toBeLessThanOrEqual(o.bytes.length);
        expect(o.error.message).toContain(`at byte ${o.error.offset}`);
        errors[rel(o.file)] = o.error.code;
        byCode[o.error.code] = (byCode[o.error.code] ?? 0) + 1;
      }
    }
    expect(errors).toEqual(EXPECTED_ERRORS);
    const parsed = outcomes.filter((o) => 'song' in o);
    const withWarnings = parsed.filter((o) => 'song' in o && (o.song.warnings?.length ?? 0) > 0).length;
    const notes = parsed.reduce((sum, o) => sum + ('song' in o ? allNotes(o.song).length : 0), 0);
    console.log(
      `[midi golden] ${outcomes.length} files: ${parsed.length} parse (${notes} notes; ${withWarnings} with warnings), ` +
        `${outcomes.length - parsed.length} typed errors ${JSON.stringify(byCode)}`,
    );
  });

  it('every parsed file has the same notes, tempos and signatures as the midi-file package reads', () => {
    let compared = 0;
    let notes = 0;
    for (const o of outcomes) {
      if (!('song' in o)) continue;
      const other = readWithMidiFile(o.bytes);
      const ours = o.song;
      expect(noteKeys(allNotes(ours)), rel(o.file)).toEqual(noteKeys(other.notes));
      const sorted = <T extends { tick: number }>(list: T[]): T[] =>
        [...new Map(list.map((e) => [JSON.stringify(e), e])).values()].sort((a, b) => a.tick - b.tick);
      if (other.ppq !== null) {
        expect(ours.ppq).toBe(other.ppq);
        expect(ours.tempos, rel(o.file)).toEqual(sorted(other.tempos.filter((t) => t.microsecondsPerQuarter > 0)));
      }
      expect(ours.timeSignatures, rel(o.file)).toEqual(sorted(other.timeSignatures));
      expect(ours.keySignatures, rel(o.file)).toEqual(sorted(other.keySignatures));
      compared += 1;
      notes += other.notes.length;
    }
    console.log(`[midi golden] midi-file agrees on ${compared} files, ${notes} notes`);
    expect(compared).toBeGreaterThan(100);
  });

  it("matches Tone.js's expected JSON dump note for note (pitch, ticks, duration, velocity per track)", () => {
    const file = path.join(root, 'tonejs-midi/test/midi/bach/bach_846.mid');
    const dumpPath = `${file.slice(0, -4)}.json`;
    if (!fs.existsSync(dumpPath)) return;
    interface DumpNote {
      midi: number;
      ticks: number;
      durationTicks: number;
      velocity: number;
    }
    interface Dump {
      header: {
        ppq: number;
        tempos: { ticks: number; bpm: number }[];
        timeSignatures: { ticks: number; timeSignature: number[] }[];
        keySignatures: { ticks: number; key: string; scale: string }[];
      };
      tracks: { name: string; notes: DumpNote[] }[];
    }
    const dump = JSON.parse(fs.readFileSync(dumpPath, 'utf8')) as Dump;
    const song = readMidi(readBytes(file));
    expect(song.ppq).toBe(dump.header.ppq);
    const ours = song.tracks.filter((t) => t.notes.length > 0);
    const theirs = dump.tracks.filter((t) => t.notes.length > 0);
    expect(ours.map((t) => t.name)).toEqual(theirs.map((t) => t.name));
    ours.forEach((track, i) => {
      const expected = (theirs[i]?.notes ?? [])
        .map((d) => `${d.midi}|${d.ticks}|${d.durationTicks}|${Math.round(d.velocity * 127)}`)
        .sort();
      expect(track.notes.map((n) => `${n.pitch}|${n.tick}|${n.durationTicks}|${n.velocity}`).sort()).toEqual(expected);
    });
    expect(song.tempos.map((t) => [t.tick, t.microsecondsPerQuarter])).toEqual(
      dump.header.tempos.map((t) => [t.ticks, Math.round(60_000_000 / t.bpm)]),
    );
    expect(song.timeSignatures.map((t) => [t.tick, t.numerator, t.denominator])).toEqual(
      dump.header.timeSignatures.map((t) => [t.ticks, ...t.timeSignature]),
    );
    const majorKeys = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];
    expect(song.keySignatures.map((k) => [k.tick, majorKeys[k.fifths + 7], k.mode])).toEqual(
      dump.header.keySignatures.map((k) => [k.ticks, k.key, k.scale]),
    );
  });

  it("matches pretty_midi's note dumps (the .mid.txt files shipped with Tone.js) in seconds", () => {
    const TOLERANCE_S = 0.001;
    let expectedTotal = 0;
    let identical = 0;
    let overlapPairing = 0;
    for (const o of outcomes) {
      const txt = `${o.file}.txt`;
      if (!('song' in o) || !fs.existsSync(txt)) continue;
      const expected = fs
        .readFileSync(txt, 'latin1')
        .split(/\r?\n/)
        .filter((line) => line.length > 0 && !line.startsWith('track '))
        .map((line) => line.split('\t').map(Number));
      const seconds = ticksToSeconds(o.song);
      const ours = o.song.tracks.flatMap((t) =>
        t.notes.map((n) => {
          // pretty_midi ends every sounding note of a pitch at the first note-off; we pair
          // first-in-first-out. The two differ only for notes overlapping a same-pitch note.
          const overlaps = t.notes.some(
            (m) =>
              m !== n &&
              m.pitch === n.pitch &&
              m.channel === n.channel &&
              m.tick < n.tick + n.durationTicks &&
              n.tick < m.tick + m.durationTicks,
          );
          return {
            pitch: n.pitch,
            start: seconds(n.tick),
            end: seconds(n.tick + n.durationTicks),
            overlaps,
            used: false,
          };
        }),
      );
      const byPitch = new Map<number, typeof ours>();
      for (const n of ours) {
        const list = byPitch.get(n.pitch);
        if (list) list.push(n);
        else byPitch.set(n.pitch, [n]);
      }
      for (const [pitch, start, end] of expected) {
        const candidates = byPitch.get(pitch ?? -1) ?? [];
        const exact = candidates.find(
          (c) =>
            !c.used && Math.abs(c.start - (start ?? 0)) < TOLERANCE_S && Math.abs(c.end - (end ?? 0)) < TOLERANCE_S,
        );
        if (exact) {
          exact.used = true;
          identical += 1;
          continue;
        }
        const sameOnset = candidates.find(
          (c) => !c.used && c.overlaps && Math.abs(c.start - (start ?? 0)) < TOLERANCE_S,
        );
        expect(sameOnset, `${rel(o.file)}: pretty_midi note ${pitch} ${start}-${end} has no counterpart`).toBeDefined();
        if (sameOnset) sameOnset.used = true;
        overlapPairing += 1;
      }
      expectedTotal += expected.length;
      // The Bartok dump covers only its first instruments; every other dump lists every note.
      if (!o.file.includes('concerto_for_orchestra_1')) expect(ours.length, rel(o.file)).toBe(expected.length);
    }
    console.log(
      `[midi golden] pretty_midi dumps: ${expectedTotal} notes, ${identical} identical within 1 ms, ${overlapPairing} differ only by same-pitch overlap pairing`,
    );
    expect(expectedTotal).toBeGreaterThan(20_000);
    expect(overlapPairing).toBeLessThan(expectedTotal * 0.01);
  });
});

describe.skipIf(!nottinghamRoot)('Nottingham corpus (../shared/data/melodies/nottingham/midi)', () => {
  it('all 1,034 tunes parse, each with notes, and agree with midi-file', () => {
    const files = midiFiles(nottinghamRoot ?? '');
    expect(files).toHaveLength(1034);
    let notes = 0;
    let warned = 0;
    for (const file of files) {
      const bytes = readBytes(file);
      const song = readMidi(bytes);
      const ours = allNotes(song);
      expect(ours.length, file).toBeGreaterThan(0);
      expect(noteKeys(ours), file).toEqual(noteKeys(readWithMidiFile(bytes).notes));
      notes += ours.length;
      if ((song.warnings?.length ?? 0) > 0) warned += 1;
    }
    console.log(`[midi golden] Nottingham: ${files.length} files parse, ${notes} notes, ${warned} with warnings`);
  });
});
