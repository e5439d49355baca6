/**
 * A small BMP reader (sharp/libvips cannot read BMP): uncompressed 24- and 32-bit, 8-bit
 * paletted and BI_BITFIELDS 32-bit images, bottom-up or top-down. Returns RGB bytes. Anything else
 * (RLE, 16-bit, 1/4-bit) is reported as unsupported rather than guessed at.
 */
export class BmpError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
  ) {
    super(message);
  }
}

export interface RawImage {
  width: number;
  height: number;
  channels: 3;
  data: Buffer;
}

export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

const MAX_PIXELS = 100_000_000;

export function decodeBmp(bytes: Uint8Array): RawImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isBmp(bytes) || bytes.length < 54) throw new BmpError('truncated BMP header', false);
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (headerSize < 40) throw new BmpError(`BMP header of ${headerSize} bytes (OS/2 bitmaps) is not supported`, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bpp = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height === 0 || width * height > MAX_PIXELS)
    throw new BmpError(`implausible BMP size ${width}×${height}`, false);
  if (!(compression === 0 || (compression === 3 && bpp === 32)))
    throw new BmpError(`compressed BMP (method ${compression}) is not supported`, true);
  if (bpp !== 24 && bpp !== 32 && bpp !== 8) throw new BmpError(`${bpp}-bit BMP is not supported`, true);
  const rowSize = Math.ceil((width * bpp) / 32) * 4;
  if (dataOffset + rowSize * height > bytes.length) throw new BmpError('truncated BMP pixel data', false);
  let palette: Uint8Array | null = null;
  if (bpp === 8) {
    const colours = view.getUint32(46, true) || 256;
    const start = 14 + headerSize;
    if (start + colours * 4 > dataOffset) throw new BmpError('truncated BMP palette', false);
    palette = bytes.subarray(start, start + colours * 4);
  }
  // Channel masks for BI_BITFIELDS (default BGRA order otherwise).
  const shifts = { r: 16, g: 8, b: 0 };
  if (compression === 3) {
    const shiftOf = (mask: number): number => (mask === 0 ? 0 : 31 - Math.clz32(mask & -mask));
    shifts.r = shiftOf(view.getUint32(54, true));
    shifts.g = shiftOf(view.getUint32(58, true));
    shifts.b = shiftOf(view.getUint32(62, true));
  }
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      if (bpp === 8) {
        const index = bytes[row + x] as number;
        if (!palette || index * 4 + 2 >= palette.length) throw new BmpError('BMP palette index out of range', false);
        out[o] = palette[index * 4 + 2] as number;
        out[o + 1] = palette[index * 4 + 1] as number;
        out[o + 2] = palette[index * 4] as number;
      } else if (bpp === 24) {
        const p = row + x * 3;
        out[o] = bytes[p + 2] as number;
        out[o + 1] = bytes[p + 1] as number;
        out[o + 2] = bytes[p] as number;
      } else {
        const v = view.getUint32(row + x * 4, true);
        out[o] = (v >>> shifts.r) & 0xff;
        out[o + 1] = (v >>> shifts.g) & 0xff;
        out[o + 2] = (v >>> shifts.b) & 0xff;
      }
    }
  }
  return { width, height, channels: 3, data: out };
}

/** A 24-bit bottom-up BMP of RGB bytes (for tests and fixtures). */
export function encodeBmp(width: number, height: number, rgb: Uint8Array): Buffer {
  const rowSize = Math.ceil((width * 24) / 32) * 4;
  const size = 54 + rowSize * height;
  const buf = Buffer.alloc(size);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(size, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  buf.writeUInt32LE(rowSize * height, 34);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      buf[row + x * 3] = rgb[i + 2] as number;
      buf[row + x * 3 + 1] = rgb[i + 1] as number;
      buf[row + x * 3 + 2] = rgb[i] as number;
    }
  }
  return buf;
}
