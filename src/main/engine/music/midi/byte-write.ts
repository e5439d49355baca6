import { MidiWriteError } from './errors';

/** An append-only byte buffer that grows by doubling. */
export class ByteWriter {
  private buffer = new Uint8Array(1024);
  private length = 0;

  get size(): number {
    return this.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length] = value & 0xff;
    this.length += 1;
  }

  bytes(values: ArrayLike<number>): void {
    this.reserve(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
  }

  ascii(text: string): void {
    for (let i = 0; i < text.length; i += 1) this.byte(text.charCodeAt(i));
  }

  u16(value: number): void {
    this.byte(value >> 8);
    this.byte(value);
  }

  u32(value: number): void {
    this.byte(value >>> 24);
    this.byte(value >>> 16);
    this.byte(value >>> 8);
    this.byte(value);
  }

  /** A MIDI variable-length quantity (0 .. 0x0FFFFFFF). */
  vlq(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 0x0fffffff) {
      throw new MidiWriteError(`${value} does not fit a MIDI variable-length number (0 to 268435455)`);
    }
    let shift = 21;
    while (shift > 0 && value >> shift === 0) shift -= 7;
    for (; shift > 0; shift -= 7) this.byte(((value >> shift) & 0x7f) | 0x80);
    this.byte(value & 0x7f);
  }

  /** Overwrite four bytes at `at` (a chunk length written after its data). */
  patchU32(at: number, value: number): void {
    this.buffer[at] = (value >>> 24) & 0xff;
    this.buffer[at + 1] = (value >>> 16) & 0xff;
    this.buffer[at + 2] = (value >>> 8) & 0xff;
    this.buffer[at + 3] = value & 0xff;
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
