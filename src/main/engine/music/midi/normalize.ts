import type {
  KeySignatureChange,
  LyricEvent,
  MidiNote,
  MidiSong,
  MidiTrack,
  TempoChange,
  TimeSignatureChange,
} from '../../../../shared/music';
import { MidiWriteError } from './errors';
import { dedupeEvents as dedupe, sortByTick } from './event-lists';
import { compareNotes } from './note-pairing';

/** The writer's fixed resolution. */
export const WRITE_PPQ = 480;
export const DEFAULT_TEMPO: TempoChange = { tick: 0, microsecondsPerQuarter: 500_000 }; // 120 bpm
export const DEFAULT_TIME_SIGNATURE: TimeSignatureChange = { tick: 0, numerator: 4, denominator: 4 };
export const DEFAULT_KEY_SIGNATURE: KeySignatureChange = { tick: 0, fifths: 0, mode: 'major' };

/**
 * The song exactly as `writeMidi` encodes it, and so exactly as `readMidi` reads the written file
 * back (apart from `warnings`). Validates the song (a MidiWriteError names the first problem) and:
 * - rescales every tick to PPQ 480 (onsets and note ends rounded to the nearest tick; a note
 *   keeps at least one tick);
 * - rounds and clamps velocities to 1..127;
 * - repairs same-pitch overlaps per track and channel: a note that is still sounding when the same
 *   pitch starts again is truncated there; of two notes with the same onset the longer is kept;
 * - sorts notes (onset, pitch, channel, duration) and events by tick (stably), drops exact duplicate
 *   tempo/signature events, and puts a tempo (120 bpm), time signature (4/4) and key signature
 *   (C major) at tick 0 when the song has none there;
 * - drops trailing NUL characters from names and lyrics (the reader drops them too);
 * - makes durationTicks at least the end of the last note or event.
 */
export function normalizeForWrite(song: MidiSong): MidiSong {
  if (!Number.isFinite(song.ppq) || song.ppq <= 0)
    throw new MidiWriteError(`ppq ${song.ppq} (a positive number expected)`);
  const scale = WRITE_PPQ / song.ppq;
  const at = (tick: number, what: string): number => {
    if (!Number.isFinite(tick) || tick < 0)
      throw new MidiWriteError(`${what} at tick ${tick} (a non-negative number expected)`);
    return Math.round(tick * scale);
  };

  const tracks = song.tracks.map((track, t) => normalizeTrack(track, t, at));
  const tempos = withDefault(
    dedupe(
      song.tempos.map((e, i) => {
        const us = Math.round(e.microsecondsPerQuarter);
        if (!(us >= 1 && us <= 0xffffff))
          throw new MidiWriteError(
            `tempo ${i + 1}: ${e.microsecondsPerQuarter} microseconds per quarter (1 to 16777215)`,
          );
        return { tick: at(e.tick, `tempo ${i + 1}`), microsecondsPerQuarter: us };
      }),
    ),
    DEFAULT_TEMPO,
  );
  const timeSignatures = withDefault(
    dedupe(
      song.timeSignatures.map((e, i) => {
        const power = Math.log2(e.denominator);
        if (
          !Number.isInteger(e.numerator) ||
          e.numerator < 1 ||
          e.numerator > 255 ||
          !Number.isInteger(power) ||
          power < 0 ||
          power > 7
        ) {
          throw new MidiWriteError(
            `time signature ${i + 1}: ${e.numerator}/${e.denominator} (numerator 1-255, denominator a power of two up to 128)`,
          );
        }
        return { tick: at(e.tick, `time signature ${i + 1}`), numerator: e.numerator, denominator: e.denominator };
      }),
    ),
    DEFAULT_TIME_SIGNATURE,
  );
  const keySignatures = withDefault(
    dedupe(
      song.keySignatures.map((e, i) => {
        if (
          !Number.isInteger(e.fifths) ||
          e.fifths < -7 ||
          e.fifths > 7 ||
          (e.mode !== 'major' && e.mode !== 'minor')
        ) {
          throw new MidiWriteError(
            `key signature ${i + 1}: ${e.fifths} fifths ${String(e.mode)} (-7..7, major or minor)`,
          );
        }
        return { tick: at(e.tick, `key signature ${i + 1}`), fifths: e.fifths, mode: e.mode };
      }),
    ),
    DEFAULT_KEY_SIGNATURE,
  );
  const lyrics: LyricEvent[] = sortByTick(
    song.lyrics.map((e, i) => ({ tick: at(e.tick, `lyric ${i + 1}`), text: stripNul(e.text) })),
  );

  let durationTicks =
    Number.isFinite(song.durationTicks) && song.durationTicks > 0 ? Math.round(song.durationTicks * scale) : 0;
  for (const track of tracks)
    for (const n of track.notes) durationTicks = Math.max(durationTicks, n.tick + n.durationTicks);
  for (const list of [tempos, timeSignatures, keySignatures, lyrics])
    for (const e of list) durationTicks = Math.max(durationTicks, e.tick);

  return { format: 1, ppq: WRITE_PPQ, tracks, tempos, timeSignatures, keySignatures, lyrics, durationTicks };
}

function normalizeTrack(track: MidiTrack, t: number, at: (tick: number, what: string) => number): MidiTrack {
  const label = `track ${t + 1}`;
  if (track.program !== null && !(Number.isInteger(track.program) && track.program >= 0 && track.program <= 127)) {
    throw new MidiWriteError(`${label}: program ${track.program} (0-127 or null)`);
  }
  const notes: MidiNote[] = track.notes.map((n, i) => {
    const what = `${label} note ${i + 1}`;
    if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127)
      throw new MidiWriteError(`${what}: pitch ${n.pitch} (0-127)`);
    if (!Number.isInteger(n.channel) || n.channel < 0 || n.channel > 15)
      throw new MidiWriteError(`${what}: channel ${n.channel} (0-15)`);
    if (!Number.isFinite(n.durationTicks) || n.durationTicks <= 0)
      throw new MidiWriteError(`${what}: duration ${n.durationTicks} ticks (must be > 0)`);
    if (!Number.isFinite(n.velocity)) throw new MidiWriteError(`${what}: velocity ${n.velocity}`);
    const tick = at(n.tick, what);
    const end = Math.max(tick + 1, at(n.tick + n.durationTicks, what));
    return {
      pitch: n.pitch,
      velocity: Math.min(127, Math.max(1, Math.round(n.velocity))),
      tick,
      durationTicks: end - tick,
      channel: n.channel,
    };
  });
  return { name: stripNul(track.name), program: track.program, notes: repairOverlaps(notes) };
}

/** Per channel and pitch: truncate a note at the next onset of the same pitch; same onset keeps the longer. */
export function repairOverlaps(notes: MidiNote[]): MidiNote[] {
  const byKey = new Map<number, MidiNote[]>();
  for (const n of notes) {
    const key = n.channel * 128 + n.pitch;
    const list = byKey.get(key);
    if (list) list.push(n);
    else byKey.set(key, [n]);
  }
  const out: MidiNote[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.tick - b.tick || b.durationTicks - a.durationTicks || b.velocity - a.velocity);
    let previous: MidiNote | null = null;
    for (const note of list) {
      if (previous && note.tick === previous.tick) continue; // same onset: the longer one was kept
      const current = { ...note };
      if (previous && previous.tick + previous.durationTicks > current.tick)
        previous.durationTicks = current.tick - previous.tick;
      out.push(current);
      previous = current;
    }
  }
  return out.sort(compareNotes);
}

function stripNul(text: string): string {
  return text.replace(/\0+$/, '');
}

function withDefault<T extends { tick: number }>(events: T[], fallback: T): T[] {
  return events.length > 0 && events[0]?.tick === 0 ? events : [{ ...fallback }, ...events];
}
