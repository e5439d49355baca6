import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseMidi } from 'midi-file';

/**
 * Independent readers for cross-checks: the `midi-file` npm parser and Debian's `midicsv`. Both
 * give events; notes are paired here the way MIDI defines them (per track, channel and pitch,
 * first-in-first-out; velocity-0 note-on = note-off; still-sounding notes close at end of track;
 * zero-length notes dropped), so only the byte-level reading differs from ours.
 */
export interface FlatNote {
  track: number; // index among the file's track chunks
  channel: number;
  pitch: number;
  tick: number;
  durationTicks: number;
  velocity: number;
}

interface RawEvent {
  tick: number;
  channel: number;
  pitch: number;
  velocity: number; // 0 = note-off
}

export function pairNotes(track: number, events: RawEvent[], endTick: number): FlatNote[] {
  const open = new Map<string, { tick: number; velocity: number }[]>();
  const notes: FlatNote[] = [];
  const emit = (start: { tick: number; velocity: number }, end: number, channel: number, pitch: number): void => {
    if (end > start.tick)
      notes.push({
        track,
        channel,
        pitch,
        tick: start.tick,
        durationTicks: end - start.tick,
        velocity: start.velocity,
      });
  };
  for (const e of events) {
    const key = `${e.channel}:${e.pitch}`;
    const queue = open.get(key) ?? [];
    open.set(key, queue);
    if (e.velocity > 0) queue.push({ tick: e.tick, velocity: e.velocity });
    else {
      const start = queue.shift();
      if (start) emit(start, e.tick, e.channel, e.pitch);
    }
  }
  for (const [key, queue] of open) {
    const [channel, pitch] = key.split(':').map(Number);
    for (const start of queue) emit(start, endTick, channel ?? 0, pitch ?? 0);
  }
  return notes;
}

export interface IndependentSong {
  format: number;
  ppq: number | null;
  notes: FlatNote[];
  tempos: { tick: number; microsecondsPerQuarter: number }[];
  timeSignatures: { tick: number; numerator: number; denominator: number }[];
  keySignatures: { tick: number; fifths: number; mode: 'major' | 'minor' }[];
  lyrics: { tick: number; text: string }[];
  /** Events that used running status (our writer must produce none). */
  runningStatusEvents: number;
  /** Per track: whether its last event is end-of-track, and end-of-track appears exactly once. */
  endsWithEndOfTrack: boolean[];
  rawTracks: ReturnType<typeof parseMidi>['tracks'];
}

/** Read with the `midi-file` package (Carter Thaxton), which shares no code with our reader. */
export function readWithMidiFile(bytes: Uint8Array): IndependentSong {
  const data = parseMidi(bytes);
  const song: IndependentSong = {
    format: data.header.format,
    ppq: data.header.ticksPerBeat ?? null,
    notes: [],
    tempos: [],
    timeSignatures: [],
    keySignatures: [],
    lyrics: [],
    runningStatusEvents: 0,
    endsWithEndOfTrack: [],
    rawTracks: data.tracks,
  };
  data.tracks.forEach((events, index) => {
    let tick = 0;
    const raw: RawEvent[] = [];
    for (const e of events) {
      tick += e.deltaTime;
      if ('running' in e && e.running) song.runningStatusEvents += 1;
      if (e.type === 'noteOn' || e.type === 'noteOff') {
        raw.push({ tick, channel: e.channel, pitch: e.noteNumber, velocity: e.type === 'noteOn' ? e.velocity : 0 });
      } else if (e.type === 'setTempo') song.tempos.push({ tick, microsecondsPerQuarter: e.microsecondsPerBeat });
      else if (e.type === 'timeSignature')
        song.timeSignatures.push({ tick, numerator: e.numerator, denominator: e.denominator });
      else if (e.type === 'keySignature')
        song.keySignatures.push({ tick, fifths: e.key, mode: e.scale === 1 ? 'minor' : 'major' });
      else if (e.type === 'lyrics') song.lyrics.push({ tick, text: utf8FromByteString(e.text) });
    }
    const eots = events.filter((e) => e.type === 'endOfTrack').length;
    song.endsWithEndOfTrack.push(eots === 1 && events[events.length - 1]?.type === 'endOfTrack');
    song.notes.push(...pairNotes(index, raw, tick));
  });
  return song;
}

/** midi-file returns text one character per byte; our writer stores UTF-8. */
function utf8FromByteString(text: string): string {
  return new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0)));
}

export function midicsvAvailable(): boolean {
  return fs.existsSync('/usr/bin/midicsv');
}

export interface CsvSong {
  format: number;
  trackCount: number;
  ppq: number;
  notes: FlatNote[];
  tempos: { tick: number; microsecondsPerQuarter: number }[];
  timeSignatures: { tick: number; numerator: number; denominator: number }[];
  keySignatures: { tick: number; fifths: number; mode: 'major' | 'minor' }[];
}

/** Run Debian's midicsv on the bytes (through a temp file) and read its CSV records. */
export function readWithMidicsv(bytes: Uint8Array): CsvSong {
  const [song] = readManyWithMidicsv([bytes]);
  if (!song) throw new Error('midicsv returned nothing');
  return song;
}

const SEPARATOR = '#### motif end of file ####';

/** Run midicsv on many files in one shell (a process per file is slow on a busy machine). */
export function readManyWithMidicsv(files: readonly Uint8Array[]): CsvSong[] {
  if (files.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-midicsv-'));
  try {
    const paths = files.map((bytes, i) => {
      const file = path.join(dir, `${i}.mid`);
      fs.writeFileSync(file, bytes);
      return file;
    });
    const script = `for f in "$@"; do /usr/bin/midicsv "$f" || echo "midicsv failed on $f"; echo '${SEPARATOR}'; done`;
    const output = execFileSync('/bin/sh', ['-c', script, 'sh', ...paths], {
      encoding: 'latin1',
      maxBuffer: 512 * 1024 * 1024,
    });
    const parts = output.split(`${SEPARATOR}\n`).slice(0, files.length);
    if (parts.length !== files.length)
      throw new Error(`midicsv gave ${parts.length} outputs for ${files.length} files`);
    return parts.map((csv) => {
      if (csv.includes('midicsv failed')) throw new Error(csv.slice(0, 500));
      return parseMidicsv(csv);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function parseMidicsv(csv: string): CsvSong {
  const song: CsvSong = {
    format: -1,
    trackCount: -1,
    ppq: -1,
    notes: [],
    tempos: [],
    timeSignatures: [],
    keySignatures: [],
  };
  const byTrack = new Map<number, { raw: RawEvent[]; end: number }>();
  for (const line of csv.split('\n')) {
    if (!line.trim()) continue;
    const fields = line.split(',').map((f) => f.trim());
    const track = Number(fields[0]);
    const tick = Number(fields[1]);
    const type = fields[2] ?? '';
    const n = (i: number): number => Number(fields[i]);
    const entry = byTrack.get(track) ?? { raw: [], end: 0 };
    byTrack.set(track, entry);
    switch (type) {
      case 'Header':
        song.format = n(3);
        song.trackCount = n(4);
        song.ppq = n(5);
        break;
      case 'Note_on_c':
        entry.raw.push({ tick, channel: n(3), pitch: n(4), velocity: n(5) });
        break;
      case 'Note_off_c':
        entry.raw.push({ tick, channel: n(3), pitch: n(4), velocity: 0 });
        break;
      case 'Tempo':
        song.tempos.push({ tick, microsecondsPerQuarter: n(3) });
        break;
      case 'Time_signature':
        song.timeSignatures.push({ tick, numerator: n(3), denominator: 2 ** n(4) });
        break;
      case 'Key_signature':
        song.keySignatures.push({ tick, fifths: n(3), mode: (fields[4] ?? '').includes('minor') ? 'minor' : 'major' });
        break;
      case 'End_track':
        entry.end = tick;
        break;
      default:
        break;
    }
  }
  for (const [track, { raw, end }] of byTrack) {
    if (track >= 1) song.notes.push(...pairNotes(track - 1, raw, end));
  }
  return song;
}

/** Canonical strings of notes, sorted, for multiset comparison. */
export function noteKeys(
  notes: readonly { pitch: number; tick: number; durationTicks: number; velocity: number; channel: number }[],
  track?: (i: number) => number,
): string[] {
  return notes
    .map((n, i) => `${track ? track(i) : ''}|${n.channel}|${n.pitch}|${n.tick}|${n.durationTicks}|${n.velocity}`)
    .sort();
}
