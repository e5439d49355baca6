/**
 * Build MIDI files byte by byte for hand-made fixtures. Everything here is written by us for the
 * tests; no reference data is copied.
 */

export function vlq(value: number): number[] {
  const out = [value & 0x7f];
  for (let rest = value >>> 7; rest > 0; rest >>>= 7) out.unshift((rest & 0x7f) | 0x80);
  return out;
}

export function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

export function u32le(value: number): number[] {
  return u32(value).reverse();
}

export function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

export function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

export function chunk(id: string, data: number[], declaredLength = data.length): number[] {
  return [...ascii(id), ...u32(declaredLength), ...data];
}

export function header(format: number, tracks: number, division: number): number[] {
  return chunk('MThd', [...u16(format), ...u16(tracks), ...u16(division)]);
}

/** A meta event's bytes after its delta time. */
export function meta(type: number, data: number[]): number[] {
  return [0xff, type, ...vlq(data.length), ...data];
}

export const END_OF_TRACK = [0x00, 0xff, 0x2f, 0x00];

/** A whole file: header plus one MTrk chunk per body (bodies are raw event bytes). */
export function smf(format: number, division: number, bodies: number[][]): Uint8Array {
  return new Uint8Array([...header(format, bodies.length, division), ...bodies.flatMap((b) => chunk('MTrk', b))]);
}

/** A RIFF RMID container around SMF bytes, with an odd-sized chunk before 'data' (so padding matters). */
export function rmid(smfBytes: Uint8Array, extraChunkBefore = true): Uint8Array {
  const before = extraChunkBefore ? [...ascii('DISP'), ...u32le(3), 1, 2, 3, 0] : [];
  const data = [...ascii('data'), ...u32le(smfBytes.length), ...smfBytes, ...(smfBytes.length % 2 ? [0] : [])];
  const body = [...ascii('RMID'), ...before, ...data];
  return new Uint8Array([...ascii('RIFF'), ...u32le(body.length), ...body]);
}

/** A note-on event with its delta time. */
export const noteOn = (delta: number, ch: number, pitch: number, vel: number): number[] => [
  ...vlq(delta),
  0x90 | ch,
  pitch,
  vel,
];
/** A note-off event (release velocity 64) with its delta time. */
export const noteOff = (delta: number, ch: number, pitch: number): number[] => [...vlq(delta), 0x80 | ch, pitch, 0x40];
