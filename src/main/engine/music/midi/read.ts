import type { LyricEvent, MidiNote, MidiSong, MidiTrack } from '../../../../shared/music';
import { locateSmf, readHeader, trackChunks } from './container';
import { parseTrack, type ParseContext, type ParsedTrack } from './parse-track';
import { dedupeEvents as dedupe, sortByTick } from './event-lists';
import { smpteGrid } from './smpte';
import { WarningLog } from './warnings';

export interface ReadMidiOptions {
  /** Refuse files with more events than this (error code 'too-large'). Default 4,000,000. */
  maxEvents?: number;
}

export const DEFAULT_MAX_EVENTS = 4_000_000;

/**
 * Read a Standard MIDI File (format 0 or 1, optionally in a RIFF RMID container) into a MidiSong.
 *
 * Lenient but never silent: anything repaired or ignored is listed in `song.warnings` with its byte
 * offset; anything unusable throws a MidiParseError (kind 'invalid-input') naming the problem and
 * the byte offset. The reader never allocates in proportion to a declared length (it reads views
 * of the input), so its memory is bounded by the input size and the event cap.
 *
 * Tracks: one MidiTrack per track chunk that holds a channel event or a track name; a pure
 * conductor chunk (tempo map only) contributes only to the song-level lists. A format-0 file whose
 * track uses several channels is split into one track per channel (in channel order), so each
 * track has one program. Tempo, time-signature, key-signature and lyric events are gathered from
 * every track, sorted by tick (exact duplicates dropped). Lyrics are the lyric meta events (0x05);
 * a karaoke (.kar) file without them contributes its text events (0x01) that do not start with
 * '@', taken from its 'Words' track when it has one.
 */
export function readMidi(bytes: Uint8Array, options: ReadMidiOptions = {}): MidiSong {
  const warnings = new WarningLog();
  const region = locateSmf(bytes, warnings);
  const header = readHeader(bytes, region);
  const smpte = header.division & 0x8000 ? smpteGrid(header.division, header.divisionOffset) : null;
  const chunks = trackChunks(bytes, region, header, warnings);
  if (header.format === 0 && chunks.length > 1) {
    warnings.add('format0-tracks', `format 0 file with ${chunks.length} track chunks; all are read`, region.start + 10);
  }
  const ctx: ParseContext = { bytes, warnings, maxEvents: options.maxEvents ?? DEFAULT_MAX_EVENTS, events: 0 };
  const parsed = chunks.map((chunk, index) => parseTrack(ctx, index, chunk.start, chunk.end));

  const tracks: MidiTrack[] = [];
  for (const track of parsed) {
    if (!track.hasChannelEvents && track.name === null) continue;
    if (header.format === 0) tracks.push(...splitByChannel(track));
    else tracks.push({ name: track.name ?? '', program: track.program, notes: track.notes });
  }

  let tempos = dedupe(parsed.flatMap((t) => t.tempos));
  if (smpte) {
    if (tempos.length > 0) {
      warnings.add(
        'smpte-tempo',
        `${tempos.length} tempo events ignored: an SMPTE-timed file counts absolute time`,
        header.divisionOffset,
      );
    }
    tempos = [{ tick: 0, microsecondsPerQuarter: smpte.microsecondsPerQuarter }];
  }
  let durationTicks = 0;
  for (const track of parsed) durationTicks = Math.max(durationTicks, track.lastTick);

  return {
    format: header.format === 0 ? 0 : 1,
    ppq: smpte ? smpte.ppq : header.division,
    tracks,
    tempos,
    timeSignatures: dedupe(parsed.flatMap((t) => t.timeSignatures)),
    keySignatures: dedupe(parsed.flatMap((t) => t.keySignatures)),
    lyrics: sortByTick(lyricsOf(parsed)),
    durationTicks,
    warnings: warnings.toStrings(),
  };
}

function splitByChannel(track: ParsedTrack): MidiTrack[] {
  const byChannel: MidiNote[][] = Array.from({ length: 16 }, () => []);
  for (const note of track.notes) byChannel[note.channel]?.push(note);
  const used = byChannel.flatMap((notes, channel) => (notes.length > 0 ? [channel] : []));
  if (used.length <= 1) return [{ name: track.name ?? '', program: track.program, notes: track.notes }];
  return used.map((channel) => ({
    name: track.name ?? '',
    program: track.programByChannel[channel] ?? null,
    notes: byChannel[channel] ?? [],
  }));
}

function lyricsOf(parsed: ParsedTrack[]): LyricEvent[] {
  const lyrics = parsed.flatMap((t) => t.lyrics);
  if (lyrics.length > 0) return lyrics;
  const words = parsed.filter((t) => t.name !== null && t.name.trim().toLowerCase() === 'words');
  const karaoke = words.length > 0 || parsed.some((t) => t.texts.some((e) => e.text.startsWith('@KMIDI')));
  if (!karaoke) return [];
  const sources = words.length > 0 ? words : parsed;
  return sources.flatMap((t) => t.texts.filter((e) => !e.text.startsWith('@')));
}
