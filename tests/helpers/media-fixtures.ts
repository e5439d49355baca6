import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** A 16-bit PCM WAV of a sine tone, written by the test itself. */
export function wavBytes(options: { seconds?: number; frequency?: number; sampleRate?: number; channels?: number; amplitude?: number } = {}): Buffer {
  const seconds = options.seconds ?? 0.5;
  const sampleRate = options.sampleRate ?? 8000;
  const channels = options.channels ?? 1;
  const amplitude = options.amplitude ?? 0.5;
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(Math.sin((2 * Math.PI * (options.frequency ?? 440) * i) / sampleRate) * amplitude * 32767);
    for (let c = 0; c < channels; c++) data.writeInt16LE(v, (i * channels + c) * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export function pngBytes(width: number, height: number, rgb: [number, number, number] = [200, 120, 40]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
}

/** A minimal valid format-0 MIDI file with one note. */
export function midiBytes(pitch = 60): Buffer {
  const track = Buffer.from([0x00, 0x90, pitch, 0x64, 0x83, 0x60, 0x80, pitch, 0x40, 0x00, 0xff, 0x2f, 0x00]);
  const header = Buffer.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xe0]);
  const trackHeader = Buffer.from([0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, track.length]);
  return Buffer.concat([header, trackHeader, track]);
}

export function write(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}
