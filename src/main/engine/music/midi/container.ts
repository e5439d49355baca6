import { chunkId, hexBytes, u16be, u32be, u32le } from './byte-read';
import { MidiParseError } from './errors';
import type { WarningLog } from './warnings';

/** Where the Standard MIDI File data lies within the given bytes. */
export interface SmfRegion {
  start: number;
  end: number;
}

/**
 * Find the SMF bytes: the whole input, or the 'data' chunk of a RIFF RMID container
 * ("RIFF" size "RMID", then word-aligned chunks, one of them "data" holding an SMF).
 */
export function locateSmf(bytes: Uint8Array, warnings: WarningLog): SmfRegion {
  if (bytes.length < 4)
    throw new MidiParseError('not-midi', 0, `only ${bytes.length} bytes; a MIDI file starts with 'MThd'`);
  const magic = chunkId(bytes, 0);
  if (magic === 'MThd') return { start: 0, end: bytes.length };
  if (magic !== 'RIFF') {
    throw new MidiParseError(
      'not-midi',
      0,
      `starts with ${hexBytes(bytes, 0, 4)}, not 'MThd' or a RIFF RMID container`,
    );
  }
  if (bytes.length < 12) throw new MidiParseError('truncated', 0, 'RIFF header shorter than 12 bytes');
  const form = chunkId(bytes, 8);
  if (form !== 'RMID')
    throw new MidiParseError('bad-container', 8, `RIFF form '${form ?? hexBytes(bytes, 8, 4)}' is not 'RMID'`);
  const declared = u32le(bytes, 4);
  if (declared + 8 !== bytes.length) {
    warnings.add('riff-size', `RIFF size field says ${declared + 8} bytes but the file has ${bytes.length}`, 4);
  }
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = chunkId(bytes, pos);
    const size = u32le(bytes, pos + 4);
    if (id === null)
      throw new MidiParseError('bad-container', pos, `bytes ${hexBytes(bytes, pos, 4)} where a RIFF chunk id belongs`);
    const dataStart = pos + 8;
    if (size > bytes.length - dataStart) {
      throw new MidiParseError(
        'truncated',
        pos,
        `RIFF chunk '${id}' declares ${size} bytes but only ${bytes.length - dataStart} remain`,
      );
    }
    if (id === 'data') return { start: dataStart, end: dataStart + size };
    pos = dataStart + size + (size & 1);
  }
  if (pos < bytes.length || declared + 8 > bytes.length) {
    throw new MidiParseError(
      'truncated',
      Math.min(pos, bytes.length),
      `RIFF RMID container ends (at byte ${bytes.length}) before its 'data' chunk`,
    );
  }
  throw new MidiParseError('bad-container', pos, "RIFF RMID container has no 'data' chunk");
}

export interface SmfHeader {
  format: number;
  trackCount: number;
  division: number;
  /** Offset of the division field, for error messages. */
  divisionOffset: number;
  /** First byte after the header chunk. */
  chunksStart: number;
}

export function readHeader(bytes: Uint8Array, region: SmfRegion): SmfHeader {
  const { start, end } = region;
  if (end - start < 8 || chunkId(bytes, start) !== 'MThd') {
    throw new MidiParseError(
      'not-midi',
      start,
      `expected an 'MThd' header chunk, found ${hexBytes(bytes, start, 4) || 'nothing'}`,
    );
  }
  const length = u32be(bytes, start + 4);
  if (length < 6)
    throw new MidiParseError('bad-header', start + 4, `header chunk length ${length} (at least 6 expected)`);
  if (length > end - start - 8) {
    throw new MidiParseError(
      'truncated',
      start + 4,
      `header chunk declares ${length} bytes but only ${end - start - 8} remain`,
    );
  }
  const format = u16be(bytes, start + 8);
  const trackCount = u16be(bytes, start + 10);
  const division = u16be(bytes, start + 12);
  if (format === 2) {
    throw new MidiParseError(
      'unsupported-format',
      start + 8,
      'format 2 (independent sequences) is not supported; only formats 0 and 1',
    );
  }
  if (format > 2)
    throw new MidiParseError('unsupported-format', start + 8, `unknown format ${format} (0 or 1 expected)`);
  if (trackCount === 0) throw new MidiParseError('bad-header', start + 10, 'header declares 0 tracks');
  if (division === 0) throw new MidiParseError('bad-header', start + 12, 'division of 0 ticks per quarter note');
  return { format, trackCount, division, divisionOffset: start + 12, chunksStart: start + 8 + length };
}

/** One track chunk's data range. */
export interface TrackChunk {
  start: number;
  end: number;
}

/**
 * Walk the chunks after the header. Unknown chunks (printable ids) are skipped with a warning, as
 * the standard asks. Fewer track chunks than the header declares is an error (a truncated file);
 * bytes after the declared tracks that do not form a chunk are ignored with a warning.
 */
export function trackChunks(
  bytes: Uint8Array,
  region: SmfRegion,
  header: SmfHeader,
  warnings: WarningLog,
): TrackChunk[] {
  const chunks: TrackChunk[] = [];
  let pos = header.chunksStart;
  let skipped: { id: string; at: number } | null = null;
  while (pos < region.end) {
    const remaining = region.end - pos;
    const complete = chunks.length >= header.trackCount;
    if (remaining < 8) {
      if (complete) {
        warnings.add('trailing', `${remaining} trailing bytes after the last track ignored`, pos);
        break;
      }
      throw new MidiParseError('truncated', pos, `${remaining} bytes where an 8-byte chunk header belongs`);
    }
    const id = chunkId(bytes, pos);
    const length = u32be(bytes, pos + 4);
    const dataStart = pos + 8;
    if (id === null) {
      if (complete) {
        warnings.add('trailing', `${remaining} trailing bytes after the last track ignored`, pos);
        break;
      }
      throw new MidiParseError(
        'bad-chunk',
        pos,
        `bytes ${hexBytes(bytes, pos, 4)} where a track chunk ('MTrk') belongs`,
      );
    }
    if (length > region.end - dataStart) {
      if (complete && id !== 'MTrk') {
        warnings.add('trailing', `${remaining} trailing bytes after the last track ignored`, pos);
        break;
      }
      throw new MidiParseError(
        'truncated',
        pos + 4,
        `chunk '${id}' declares ${length} bytes but only ${region.end - dataStart} remain`,
      );
    }
    if (id === 'MTrk') {
      chunks.push({ start: dataStart, end: dataStart + length });
    } else {
      skipped ??= { id, at: pos };
      warnings.add(`chunk-${id}`, `unknown chunk '${id}' skipped`, pos);
    }
    pos = dataStart + length;
  }
  if (chunks.length < header.trackCount) {
    const hint = skipped ? `; chunk '${skipped.id}' at byte ${skipped.at} is not a track chunk` : '';
    throw new MidiParseError(
      'truncated',
      region.end,
      `header declares ${header.trackCount} tracks but the file holds ${chunks.length}${hint}`,
    );
  }
  if (chunks.length > header.trackCount) {
    warnings.add(
      'extra-tracks',
      `header declares ${header.trackCount} tracks but the file holds ${chunks.length}; all are read`,
      header.chunksStart,
    );
  }
  return chunks;
}
