import type {
  KeySignatureChange,
  LyricEvent,
  MidiNote,
  TempoChange,
  TimeSignatureChange,
} from '../../../../shared/music';
import { readVlq } from './byte-read';
import { MidiParseError } from './errors';
import { compareNotes, NotePairer } from './note-pairing';
import { decodeText } from './text';
import type { WarningLog } from './warnings';

/** Everything the reader keeps from one MTrk chunk. */
export interface ParsedTrack {
  /** Index of the chunk among the file's track chunks (0-based). */
  index: number;
  /** The first track-name meta event's text, or null when there is none. */
  name: string | null;
  /** Whether the chunk holds any channel (voice) event at all. */
  hasChannelEvents: boolean;
  /** First program change in the track (any channel), and the first per channel. */
  program: number | null;
  programByChannel: (number | null)[];
  notes: MidiNote[];
  /** Tick of the end-of-track event (or of the last event when it is missing). */
  endTick: number;
  /** The later of endTick and the end of the last note. */
  lastTick: number;
  tempos: TempoChange[];
  timeSignatures: TimeSignatureChange[];
  keySignatures: KeySignatureChange[];
  /** Lyric meta events (0x05). */
  lyrics: LyricEvent[];
  /** Text meta events (0x01), decoded: karaoke (.kar) files carry their lyrics in these. */
  texts: LyricEvent[];
}

/** Shared across the tracks of one file: the event cap and the warning log. */
export interface ParseContext {
  bytes: Uint8Array;
  warnings: WarningLog;
  maxEvents: number;
  events: number;
}

const META_END_OF_TRACK = 0x2f;

/**
 * Parse the events of one track chunk, bytes [start, end) of `ctx.bytes`. Offsets in errors and
 * warnings are absolute. Running status persists across meta and sysex events (real files rely on
 * it, and it is unambiguous: a data byte can only continue the last channel status).
 */
export function parseTrack(ctx: ParseContext, index: number, start: number, end: number): ParsedTrack {
  const { bytes, warnings } = ctx;
  const label = `track ${index + 1}`;
  const pairer = new NotePairer(label, warnings);
  const track: ParsedTrack = {
    index,
    name: null,
    hasChannelEvents: false,
    program: null,
    programByChannel: new Array<number | null>(16).fill(null),
    notes: pairer.notes,
    endTick: 0,
    lastTick: 0,
    tempos: [],
    timeSignatures: [],
    keySignatures: [],
    lyrics: [],
    texts: [],
  };
  const cursor = { pos: start };
  let tick = 0;
  let running = -1;
  let endedAt = -1;

  while (cursor.pos < end) {
    const eventStart = cursor.pos;
    ctx.events += 1;
    if (ctx.events > ctx.maxEvents) {
      throw new MidiParseError('too-large', eventStart, `more than ${ctx.maxEvents} events`);
    }
    const first = bytes[cursor.pos] ?? 0x80;
    if (first < 0x80) {
      tick += first; // one-byte delta time: the common case
      cursor.pos += 1;
    } else {
      tick += readVlq(bytes, cursor, end, 'delta time');
    }
    if (cursor.pos >= end) throw new MidiParseError('truncated', eventStart, 'delta time with no event after it');
    let status = bytes[cursor.pos] ?? 0;
    if (status < 0x80) {
      if (running < 0) {
        throw new MidiParseError(
          'bad-event',
          cursor.pos,
          `data byte 0x${hex(status)} with no running status to continue`,
        );
      }
      status = running;
    } else {
      cursor.pos += 1;
      if (status < 0xf0) running = status;
    }

    if (status < 0xf0) {
      const kind = status >> 4;
      const need = kind === 0xc || kind === 0xd ? 1 : 2;
      if (cursor.pos + need > end)
        throw new MidiParseError('truncated', eventStart, 'channel event runs past the end of the track chunk');
      const d1 = bytes[cursor.pos] ?? 0;
      const d2 = need === 2 ? (bytes[cursor.pos + 1] ?? 0) : 0;
      if (d1 >= 0x80 || d2 >= 0x80) {
        const at = d1 >= 0x80 ? cursor.pos : cursor.pos + 1;
        throw new MidiParseError(
          'bad-event',
          at,
          `status byte 0x${hex(bytes[at] ?? 0)} where a data byte of event 0x${hex(status)} belongs`,
        );
      }
      cursor.pos += need;
      track.hasChannelEvents = true;
      const channel = status & 0x0f;
      if (kind === 0x9 && d2 > 0) pairer.noteOn(tick, channel, d1, d2);
      else if (kind === 0x8 || kind === 0x9) pairer.noteOff(tick, channel, d1, eventStart);
      else if (kind === 0xc) {
        track.program ??= d1;
        track.programByChannel[channel] ??= d1;
      }
      continue;
    }

    if (status === 0xff) {
      if (cursor.pos >= end) throw new MidiParseError('truncated', eventStart, 'meta event without a type byte');
      const type = bytes[cursor.pos] ?? 0;
      cursor.pos += 1;
      const length = readVlq(bytes, cursor, end, 'meta event length');
      const dataStart = cursor.pos;
      if (length > end - dataStart) {
        throw new MidiParseError(
          'truncated',
          eventStart,
          `meta event 0x${hex(type)} declares ${length} bytes but only ${end - dataStart} remain in the track chunk`,
        );
      }
      cursor.pos = dataStart + length;
      if (type === META_END_OF_TRACK) {
        endedAt = eventStart;
        break;
      }
      readMeta(track, ctx, label, type, tick, dataStart, length, eventStart);
      continue;
    }

    if (status === 0xf0 || status === 0xf7) {
      const length = readVlq(bytes, cursor, end, 'sysex length');
      if (length > end - cursor.pos) {
        throw new MidiParseError(
          'truncated',
          eventStart,
          `sysex event declares ${length} bytes but only ${end - cursor.pos} remain in the track chunk`,
        );
      }
      cursor.pos += length;
      continue;
    }

    throw new MidiParseError(
      'bad-event',
      cursor.pos - 1,
      `status byte 0x${hex(status)} (a real-time or system-common message) cannot appear in a MIDI file`,
    );
  }

  if (endedAt < 0) {
    warnings.add(`${label}:no-eot`, `${label}: no end-of-track event; the track ends with its chunk`, end);
  } else if (cursor.pos < end) {
    warnings.add(
      `${label}:after-eot`,
      `${label}: ${end - cursor.pos} bytes after the end-of-track event ignored`,
      cursor.pos,
    );
  }
  track.endTick = tick;
  pairer.closeAll(tick, endedAt < 0 ? end : endedAt);
  track.lastTick = Math.max(tick, pairer.lastEnd);
  track.notes.sort(compareNotes);
  return track;
}

function readMeta(
  track: ParsedTrack,
  ctx: ParseContext,
  label: string,
  type: number,
  tick: number,
  at: number,
  length: number,
  eventStart: number,
): void {
  const { bytes, warnings } = ctx;
  const short = (what: string, need: number): boolean => {
    if (length >= need) {
      if (length > need)
        warnings.add(
          `${label}:long-${type}`,
          `${label}: ${what} event longer than ${need} bytes; extra bytes ignored`,
          eventStart,
        );
      return false;
    }
    warnings.add(`${label}:short-${type}`, `${label}: ${what} event shorter than ${need} bytes, ignored`, eventStart);
    return true;
  };
  switch (type) {
    case 0x01:
      track.texts.push({ tick, text: decodeText(bytes, at, at + length) });
      return;
    case 0x03:
      track.name ??= decodeText(bytes, at, at + length);
      return;
    case 0x05:
      track.lyrics.push({ tick, text: decodeText(bytes, at, at + length) });
      return;
    case 0x51: {
      if (short('tempo', 3)) return;
      const us = ((bytes[at] ?? 0) << 16) + ((bytes[at + 1] ?? 0) << 8) + (bytes[at + 2] ?? 0);
      if (us === 0) {
        warnings.add(`${label}:tempo0`, `${label}: tempo of 0 microseconds per quarter ignored`, eventStart);
        return;
      }
      track.tempos.push({ tick, microsecondsPerQuarter: us });
      return;
    }
    case 0x58: {
      // Two-byte time signatures occur in the wild; the metronome bytes are not kept anyway.
      if (short('time signature', length >= 4 ? 4 : 2)) return;
      const numerator = bytes[at] ?? 0;
      const power = bytes[at + 1] ?? 0;
      if (numerator === 0 || power > 7) {
        warnings.add(
          `${label}:bad-timesig`,
          `${label}: invalid time signature ${numerator}/2^${power} ignored`,
          eventStart,
        );
        return;
      }
      track.timeSignatures.push({ tick, numerator, denominator: 2 ** power });
      return;
    }
    case 0x59: {
      if (short('key signature', 2)) return;
      const raw = bytes[at] ?? 0;
      const fifths = raw >= 0x80 ? raw - 0x100 : raw;
      const mode = bytes[at + 1] ?? 0;
      if (fifths < -7 || fifths > 7 || mode > 1) {
        warnings.add(
          `${label}:bad-keysig`,
          `${label}: invalid key signature (${fifths} fifths, mode ${mode}) ignored`,
          eventStart,
        );
        return;
      }
      track.keySignatures.push({ tick, fifths, mode: mode === 1 ? 'minor' : 'major' });
      return;
    }
    default:
      return;
  }
}

export function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
