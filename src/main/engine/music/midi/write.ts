import type { MidiSong, MidiTrack } from '../../../../shared/music';
import { ByteWriter } from './byte-write';
import { MidiWriteError } from './errors';
import { normalizeForWrite, WRITE_PPQ } from './normalize';
import { encodeText } from './text';

/** One event to write, with a sort rank that fixes the order of events at the same tick. */
interface OutEvent {
  tick: number;
  rank: number;
  /** Secondary order within a rank (pitch for notes). */
  order: number;
  bytes: number[] | Uint8Array;
}

// Events at one tick: names and signatures first, then tempo, lyrics, programs, note-offs, note-ons.
const RANK_NAME = 0;
const RANK_TIME_SIGNATURE = 1;
const RANK_KEY_SIGNATURE = 2;
const RANK_TEMPO = 3;
const RANK_LYRIC = 4;
const RANK_PROGRAM = 5;
const RANK_NOTE_OFF = 6;
const RANK_NOTE_ON = 7;

const NOTE_OFF_VELOCITY = 64; // the standard's "no velocity sensing" value

/**
 * Encode a song as a conformant Standard MIDI File: format 1, PPQ 480, a conductor track first
 * (tempo, time signature and key signature at tick 0 - 120 bpm, 4/4, C major when the song has
 * none there - then every change, and the lyrics as lyric meta events), then one track per
 * MidiTrack with its name, a program change per channel it uses (when it has a program), and real
 * note-off (0x8n) events. No running status at all. Every track ends with end-of-track. At one
 * tick, note-offs come before note-ons. The exact song written is `normalizeForWrite(song)`
 * (ticks rescaled to 480, same-pitch overlaps repaired, ...), which is what readMidi returns for
 * the written bytes. Throws MidiWriteError (kind 'invalid-input') for a song it cannot encode.
 */
export function writeMidi(song: MidiSong): Uint8Array {
  const normal = normalizeForWrite(song);
  const trackCount = normal.tracks.length + 1;
  if (trackCount > 0xffff) throw new MidiWriteError(`${normal.tracks.length} tracks (at most 65534)`);
  const out = new ByteWriter();
  out.ascii('MThd');
  out.u32(6);
  out.u16(1);
  out.u16(trackCount);
  out.u16(WRITE_PPQ);
  writeTrack(out, conductorEvents(normal), normal.durationTicks);
  for (const track of normal.tracks) writeTrack(out, trackEvents(track), 0);
  return out.toBytes();
}

function meta(type: number, data: ArrayLike<number>): number[] {
  const bytes = [0xff, type];
  // Meta lengths are variable-length numbers; encode them here (texts can exceed 127 bytes).
  const length = data.length;
  if (length > 0x0fffffff) throw new MidiWriteError(`meta event of ${length} bytes`);
  const vlq: number[] = [length & 0x7f];
  for (let rest = length >> 7; rest > 0; rest >>= 7) vlq.unshift((rest & 0x7f) | 0x80);
  bytes.push(...vlq);
  for (let i = 0; i < length; i += 1) bytes.push(data[i] ?? 0);
  return bytes;
}

function conductorEvents(song: MidiSong): OutEvent[] {
  const events: OutEvent[] = [];
  song.timeSignatures.forEach((e, i) => {
    const power = Math.round(Math.log2(e.denominator));
    // 24 MIDI clocks per quarter note: one metronome click per beat; 8 thirty-seconds per quarter.
    const clocks = Math.max(1, Math.min(255, Math.round(96 / e.denominator)));
    events.push({
      tick: e.tick,
      rank: RANK_TIME_SIGNATURE,
      order: i,
      bytes: meta(0x58, [e.numerator, power, clocks, 8]),
    });
  });
  song.keySignatures.forEach((e, i) => {
    events.push({
      tick: e.tick,
      rank: RANK_KEY_SIGNATURE,
      order: i,
      bytes: meta(0x59, [e.fifths & 0xff, e.mode === 'minor' ? 1 : 0]),
    });
  });
  song.tempos.forEach((e, i) => {
    const us = e.microsecondsPerQuarter;
    events.push({
      tick: e.tick,
      rank: RANK_TEMPO,
      order: i,
      bytes: meta(0x51, [(us >> 16) & 0xff, (us >> 8) & 0xff, us & 0xff]),
    });
  });
  song.lyrics.forEach((e, i) => {
    events.push({ tick: e.tick, rank: RANK_LYRIC, order: i, bytes: meta(0x05, encodeText(e.text)) });
  });
  return events;
}

function trackEvents(track: MidiTrack): OutEvent[] {
  const events: OutEvent[] = [{ tick: 0, rank: RANK_NAME, order: 0, bytes: meta(0x03, encodeText(track.name)) }];
  if (track.program !== null) {
    const channels = [...new Set(track.notes.map((n) => n.channel))].sort((a, b) => a - b);
    for (const channel of channels.length > 0 ? channels : [0]) {
      events.push({ tick: 0, rank: RANK_PROGRAM, order: channel, bytes: [0xc0 | channel, track.program] });
    }
  }
  for (const n of track.notes) {
    const order = n.pitch * 16 + n.channel;
    events.push({ tick: n.tick, rank: RANK_NOTE_ON, order, bytes: [0x90 | n.channel, n.pitch, n.velocity] });
    events.push({
      tick: n.tick + n.durationTicks,
      rank: RANK_NOTE_OFF,
      order,
      bytes: [0x80 | n.channel, n.pitch, NOTE_OFF_VELOCITY],
    });
  }
  return events;
}

function writeTrack(out: ByteWriter, events: OutEvent[], endTick: number): void {
  events.sort((a, b) => a.tick - b.tick || a.rank - b.rank || a.order - b.order);
  out.ascii('MTrk');
  const lengthAt = out.size;
  out.u32(0);
  const start = out.size;
  let tick = 0;
  for (const event of events) {
    checkDelta(event.tick - tick, tick);
    out.vlq(event.tick - tick);
    tick = event.tick;
    out.bytes(event.bytes);
  }
  checkDelta(Math.max(0, endTick - tick), tick);
  out.vlq(Math.max(0, endTick - tick));
  out.bytes([0xff, 0x2f, 0x00]);
  out.patchU32(lengthAt, out.size - start);
}

const MAX_DELTA = 0x0fffffff;

function checkDelta(delta: number, from: number): void {
  if (delta > MAX_DELTA) {
    throw new MidiWriteError(
      `a gap of ${delta} ticks after tick ${from} is longer than a MIDI delta time can hold (${MAX_DELTA} ticks at PPQ ${WRITE_PPQ})`,
    );
  }
}
