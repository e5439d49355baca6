const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/**
 * Decode a MIDI text payload. The standard says ASCII; real files carry UTF-8 or Latin-1. Valid
 * UTF-8 is taken as UTF-8, anything else as Latin-1 (every byte is a character), so decoding never
 * fails. Trailing NUL bytes (C-string terminators some writers include) are dropped.
 */
export function decodeText(bytes: Uint8Array, start: number, end: number): string {
  let stop = end;
  while (stop > start && bytes[stop - 1] === 0) stop -= 1;
  const view = bytes.subarray(start, stop);
  let ascii = true;
  for (let i = 0; i < view.length; i += 1) {
    if ((view[i] ?? 0) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    try {
      return utf8Strict.decode(view);
    } catch {
      // not UTF-8: fall through to Latin-1
    }
  }
  let text = '';
  for (let i = 0; i < view.length; i += 1) text += String.fromCharCode(view[i] ?? 0);
  return text;
}

/** Text for writing: UTF-8, which our reader (and most others) read back unchanged. */
export function encodeText(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
