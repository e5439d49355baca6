import { describe, expect, it } from 'vitest';
import type { Clip, MidiSong } from '../../../src/shared/music';
import {
  clipToSong,
  fifthsOf,
  normalizeForWrite,
  readMidi,
  songToClip,
  tonicOf,
  writeMidi,
} from '../../../src/main/engine/music/midi';
import { readWithMidiFile } from './support/independent';

const song = (over: Partial<MidiSong> = {}): MidiSong => ({
  format: 1,
  ppq: 480,
  tracks: [],
  tempos: [],
  timeSignatures: [],
  keySignatures: [],
  lyrics: [],
  durationTicks: 0,
  ...over,
});
const n = (pitch: number, tick: number, durationTicks: number, velocity = 100, channel = 0) => ({
  pitch,
  tick,
  durationTicks,
  velocity,
  channel,
});

describe('writeMidi: conformance', () => {
  const example = song({
    ppq: 480,
    tracks: [
      { name: 'Lead', program: 73, notes: [n(72, 0, 480), n(74, 480, 480, 90), n(72, 960, 240, 80)] },
      { name: 'Bass', program: 32, notes: [n(36, 0, 960, 70, 1), n(43, 960, 960, 70, 1)] },
      { name: 'Drums', program: null, notes: [n(36, 0, 120, 120, 9)] },
    ],
    tempos: [
      { tick: 0, microsecondsPerQuarter: 600_000 },
      { tick: 1920, microsecondsPerQuarter: 400_000 },
    ],
    timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }],
    keySignatures: [{ tick: 0, fifths: -2, mode: 'minor' }],
    lyrics: [
      { tick: 0, text: 'Hel' },
      { tick: 480, text: 'lo' },
    ],
    durationTicks: 2400,
  });

  it('writes format 1, PPQ 480, a conductor track first with tempo, time and key signature at tick 0', () => {
    const bytes = writeMidi(example);
    expect([...bytes.subarray(0, 14)]).toEqual([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 4, 0x01, 0xe0]);
    const other = readWithMidiFile(bytes);
    expect(other.format).toBe(1);
    expect(other.ppq).toBe(480);
    const conductor = other.rawTracks[0] ?? [];
    const atZero = conductor.filter((e) => e.deltaTime === 0).map((e) => e.type);
    expect(atZero.slice(0, 3)).toEqual(['timeSignature', 'keySignature', 'setTempo']);
    expect(conductor.some((e) => e.type === 'noteOn' || e.type === 'noteOff')).toBe(false);
    expect(other.tempos).toEqual(example.tempos);
    expect(other.timeSignatures).toEqual(example.timeSignatures);
    expect(other.keySignatures).toEqual(example.keySignatures);
    expect(other.lyrics).toEqual(example.lyrics);
  });

  it('uses real note-offs (0x8n), no running status anywhere, and ends every track with end-of-track', () => {
    const bytes = writeMidi(example);
    const other = readWithMidiFile(bytes);
    const events = other.rawTracks.flat();
    expect(other.runningStatusEvents).toBe(0);
    const offs = events.filter((e) => e.type === 'noteOff');
    expect(offs).toHaveLength(6);
    expect(offs.every((e) => !('byte9' in e))).toBe(true); // 0x8n, not a velocity-0 note-on
    expect(events.filter((e) => e.type === 'noteOn').every((e) => 'velocity' in e && e.velocity > 0)).toBe(true);
    expect(other.endsWithEndOfTrack).toEqual([true, true, true, true]);
    // The conductor's end-of-track sits at the song's duration.
    const conductorEnd = (other.rawTracks[0] ?? []).reduce((t, e) => t + e.deltaTime, 0);
    expect(conductorEnd).toBe(2400);
  });

  it('writes each program change on every channel the track uses, before its notes', () => {
    const other = readWithMidiFile(writeMidi(example));
    const bass = other.rawTracks[2] ?? [];
    const first = bass.findIndex((e) => e.type === 'noteOn');
    expect(bass.slice(0, first).filter((e) => e.type === 'programChange')).toEqual([
      { deltaTime: 0, type: 'programChange', channel: 1, programNumber: 32 },
    ]);
    expect((other.rawTracks[3] ?? []).some((e) => e.type === 'programChange')).toBe(false); // program null
  });

  it('puts note-offs before note-ons at the same tick and orders events deterministically', () => {
    const repeated = song({
      tracks: [{ name: 'r', program: null, notes: [n(60, 0, 480), n(60, 480, 480), n(64, 480, 480), n(62, 0, 480)] }],
    });
    const events = readWithMidiFile(writeMidi(repeated)).rawTracks[1] ?? [];
    let tick = 0;
    const at480 = events.flatMap((e) => {
      tick += e.deltaTime;
      return tick === 480 && (e.type === 'noteOn' || e.type === 'noteOff') ? [`${e.type} ${e.noteNumber}`] : [];
    });
    expect(at480).toEqual(['noteOff 60', 'noteOff 62', 'noteOn 60', 'noteOn 64']);
    const shuffled = {
      ...repeated,
      tracks: [{ name: 'r', program: null, notes: [...(repeated.tracks[0]?.notes ?? [])].reverse() }],
    };
    expect(writeMidi(shuffled)).toEqual(writeMidi(repeated));
  });

  it('uses 120 bpm, 4/4 and C major at tick 0 when the song has none there', () => {
    const back = readMidi(writeMidi(song({ tempos: [{ tick: 960, microsecondsPerQuarter: 400_000 }] })));
    expect(back.tempos).toEqual([
      { tick: 0, microsecondsPerQuarter: 500_000 },
      { tick: 960, microsecondsPerQuarter: 400_000 },
    ]);
    expect(back.timeSignatures).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
    expect(back.keySignatures).toEqual([{ tick: 0, fifths: 0, mode: 'major' }]);
    expect(back.tracks).toEqual([]);
  });

  it('rescales ticks to PPQ 480', () => {
    const at96 = song({
      ppq: 96,
      tracks: [{ name: '', program: 0, notes: [n(60, 96, 48), n(62, 1, 1)] }],
      tempos: [{ tick: 192, microsecondsPerQuarter: 400_000 }],
      durationTicks: 384,
    });
    const back = readMidi(writeMidi(at96));
    expect(back.ppq).toBe(480);
    expect(back.tracks[0]?.notes).toEqual([n(62, 5, 5), n(60, 480, 240)]);
    expect(back.tempos[1]).toEqual({ tick: 960, microsecondsPerQuarter: 400_000 });
    expect(back.durationTicks).toBe(1920);
    // Rounding never produces a zero-length note.
    const at960 = song({ ppq: 960, tracks: [{ name: '', program: null, notes: [n(60, 0, 1)] }] });
    expect(readMidi(writeMidi(at960)).tracks[0]?.notes).toEqual([n(60, 0, 1)]);
  });

  it('repairs same-pitch overlaps by truncating the earlier note (per channel); same onset keeps the longer', () => {
    const overlapping = song({
      tracks: [
        {
          name: 'o',
          program: null,
          notes: [
            n(60, 0, 1000, 100),
            n(60, 100, 200, 90),
            n(60, 300, 100, 80),
            n(60, 200, 50, 1, 1),
            n(67, 0, 100, 50),
            n(67, 0, 300, 60),
          ],
        },
      ],
    });
    const back = readMidi(writeMidi(overlapping));
    expect(back.tracks[0]?.notes).toEqual([
      n(60, 0, 100, 100),
      n(67, 0, 300, 60),
      n(60, 100, 200, 90),
      n(60, 200, 50, 1, 1),
      n(60, 300, 100, 80),
    ]);
    expect(back.warnings).toEqual([]);
  });

  it('clamps velocities to 1..127 and rounds fractional ticks', () => {
    const loose = song({
      tracks: [{ name: '', program: null, notes: [n(60, 0.4, 10.2, 0), n(61, 3, 4, 300), n(62, 5, 5, 63.6)] }],
    });
    expect(readMidi(writeMidi(loose)).tracks[0]?.notes).toEqual([n(60, 0, 11, 1), n(61, 3, 4, 127), n(62, 5, 5, 64)]); // onset and end are rounded: 0.4 -> 0, 10.6 -> 11;
  });

  it('normalizeForWrite is what the reader returns and is idempotent', () => {
    const normal = normalizeForWrite(example);
    const { warnings, ...back } = readMidi(writeMidi(example));
    expect(warnings).toEqual([]);
    expect(back).toEqual(normal);
    expect(normalizeForWrite(normal)).toEqual(normal);
    expect(writeMidi(normal)).toEqual(writeMidi(example));
  });

  it('keeps empty tracks and Unicode names and lyrics through a round trip', () => {
    const s = song({
      tracks: [
        { name: '', program: null, notes: [] },
        { name: 'Ünïcødé ♫', program: 5, notes: [] },
      ],
      lyrics: [{ tick: 0, text: 'Grüß Gott ♪' }],
    });
    const back = readMidi(writeMidi(s));
    expect(back.tracks).toEqual(s.tracks);
    expect(back.lyrics).toEqual(s.lyrics);
  });
});

describe('MidiSong <-> Clip', () => {
  it('songToClip merges non-drum tracks and takes the first tempo, time signature and key', () => {
    const s = song({
      ppq: 96,
      tracks: [
        { name: 'a', program: 0, notes: [n(64, 96, 96, 80), n(60, 0, 96, 90)] },
        { name: 'drums', program: 0, notes: [n(36, 0, 10, 100, 9)] },
        { name: 'b', program: 0, notes: [n(55, 48, 48, 70, 2)] },
      ],
      tempos: [{ tick: 0, microsecondsPerQuarter: 400_000 }],
      timeSignatures: [{ tick: 0, numerator: 6, denominator: 8 }],
      keySignatures: [{ tick: 0, fifths: -3, mode: 'minor' }],
      durationTicks: 384,
    });
    const clip = songToClip(s);
    expect(clip).toEqual({
      ppq: 96,
      notes: [
        { id: 'n1', pitch: 60, tick: 0, durationTicks: 96, velocity: 90 },
        { id: 'n2', pitch: 55, tick: 48, durationTicks: 48, velocity: 70 },
        { id: 'n3', pitch: 64, tick: 96, durationTicks: 96, velocity: 80 },
      ],
      bpm: 150,
      timeSignature: { numerator: 6, denominator: 8 },
      key: { tonic: 0, mode: 'minor' },
      lengthTicks: 384,
    });
    expect(songToClip(s, { includeDrums: true }).notes).toHaveLength(4);
    expect(songToClip(song()).key).toBeNull();
    expect(songToClip(song()).bpm).toBe(120);
  });

  it('clipToSong writes and reads back as the same clip', () => {
    const clip: Clip = {
      ppq: 480,
      notes: [
        { id: 'x', pitch: 62, tick: 480, durationTicks: 240, velocity: 70 },
        { id: 'y', pitch: 60, tick: 0, durationTicks: 480, velocity: 96 },
      ],
      bpm: 96,
      timeSignature: { numerator: 3, denominator: 4 },
      key: { tonic: 9, mode: 'minor' },
      lengthTicks: 1440,
    };
    const s = clipToSong(clip, { name: 'Melody', program: 73 });
    expect(s.tracks[0]?.program).toBe(73);
    const back = songToClip(readMidi(writeMidi(s)));
    expect(back).toEqual({
      ...clip,
      notes: [
        { ...clip.notes[1], id: 'n1' },
        { ...clip.notes[0], id: 'n2' },
      ],
    });
  });

  it('converts between key signatures and tonics for all 24 keys', () => {
    for (const mode of ['major', 'minor'] as const) {
      for (let tonic = 0; tonic < 12; tonic += 1) {
        const fifths = fifthsOf(tonic, mode);
        expect(fifths).toBeGreaterThanOrEqual(-5);
        expect(fifths).toBeLessThanOrEqual(6);
        expect(tonicOf(fifths, mode)).toBe(tonic);
      }
    }
    expect(fifthsOf(7, 'major')).toBe(1); // G major: one sharp
    expect(fifthsOf(5, 'major')).toBe(-1); // F major: one flat
    expect(fifthsOf(4, 'minor')).toBe(1); // E minor: one sharp
    expect(tonicOf(-3, 'major')).toBe(3); // E-flat
  });
});
