import { MidiParseError } from './errors';

/** Big-endian unsigned 32-bit read; the caller has checked that four bytes are there. */
export function u32be(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) >>> 0) + ((bytes[at + 1] ?? 0) << 16) + ((bytes[at + 2] ?? 0) << 8) + (bytes[at + 3] ?? 0)
  );
}

/** Little-endian unsigned 32-bit read (RIFF sizes); the caller has checked the bounds. */
export function u32le(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at + 3] ?? 0) << 24) >>> 0) + ((bytes[at + 2] ?? 0) << 16) + ((bytes[at + 1] ?? 0) << 8) + (bytes[at] ?? 0)
  );
}

export function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) + (bytes[at + 1] ?? 0);
}

/** Four bytes as a chunk id, or null when they are not all printable ASCII. */
export function chunkId(bytes: Uint8Array, at: number): string | null {
  let id = '';
  for (let i = 0; i < 4; i += 1) {
    const b = bytes[at + i] ?? 0;
    if (b < 0x20 || b > 0x7e) return null;
    id += String.fromCharCode(b);
  }
  return id;
}

export function hexBytes(bytes: Uint8Array, at: number, count: number): string {
  const parts: string[] = [];
  for (let i = at; i < Math.min(bytes.length, at + count); i += 1)
    parts.push((bytes[i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(' ');
}

/**
 * Read a MIDI variable-length quantity (at most four bytes, so at most 0x0FFFFFFF) that must end
 * before `end`. Returns the value; the new position is written to `cursor.pos`.
 */
export function readVlq(bytes: Uint8Array, cursor: { pos: number }, end: number, what: string): number {
  const start = cursor.pos;
  let value = 0;
  for (let i = 0; i < 4; i += 1) {
    const at = start + i;
    if (at >= end) throw new MidiParseError('truncated', start, `${what} runs past the end of the track chunk`);
    const b = bytes[at] ?? 0;
    value = (value << 7) | (b & 0x7f);
    if ((b & 0x80) === 0) {
      cursor.pos = at + 1;
      return value;
    }
  }
  throw new MidiParseError('bad-event', start, `${what} is a variable-length number longer than 4 bytes`);
}
