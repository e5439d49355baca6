/** Text decoding for rating and item files, which MovieLens ships as UTF-8 or Latin-1. */

export type TextEncoding = 'latin1' | 'utf8' | 'auto';

/** Latin-1 (ISO-8859-1): every byte is the code point of the same value. */
export function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  const chunk = 0x4000;
  for (let at = 0; at < bytes.length; at += chunk) {
    out += String.fromCharCode(...bytes.subarray(at, Math.min(at + chunk, bytes.length)));
  }
  return out;
}

/**
 * Decode bytes: 'utf8' strictly, 'latin1' byte for byte, 'auto' as UTF-8 when the bytes are valid
 * UTF-8 and as Latin-1 otherwise (ml-100k's u.item and ml-1m's movies.dat are Latin-1). A UTF-8
 * byte-order mark is dropped.
 */
export function decodeText(input: string | Uint8Array, encoding: TextEncoding = 'auto'): string {
  if (typeof input === 'string') return stripBom(input);
  if (encoding === 'latin1') return decodeLatin1(input);
  if (encoding === 'utf8') return stripBom(new TextDecoder('utf-8', { fatal: false }).decode(input));
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(input));
  } catch {
    return decodeLatin1(input);
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Physical lines with their 1-based numbers; `\r\n` and `\n` both end a line. */
export function* numberedLines(text: string): Generator<[line: string, lineNumber: number]> {
  let start = 0;
  let lineNumber = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    yield [text.slice(start, stop), lineNumber];
    start = end + 1;
    lineNumber++;
  }
}
