/** Generated stills for the stills-lab tests: drawn figures at several shot scales, and broken files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { encodeBmp } from '../../src/main/engine/stills/bmp';

/** A figure (head and body) whose height is `scale` of the frame, on a coloured ground. */
export function figureSvg(width: number, height: number, scale: number, ground = '#4a6a8a'): string {
  const h = height * scale;
  const cx = width / 2;
  const top = height / 2 - h / 2;
  const head = h * 0.18;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="${ground}"/>
  <circle cx="${cx}" cy="${top + head}" r="${head}" fill="#e8c39e"/>
  <rect x="${cx - h * 0.15}" y="${top + head * 2}" width="${h * 0.3}" height="${h - head * 2}" fill="#8a2a2a"/>
</svg>`;
}

export async function figure(
  format: 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff',
  width: number,
  height: number,
  scale: number,
): Promise<Buffer> {
  const image = sharp(Buffer.from(figureSvg(width, height, scale)));
  return image.toFormat(format).toBuffer();
}

export async function figureBmp(width: number, height: number, scale: number): Promise<Buffer> {
  const rgb = await sharp(Buffer.from(figureSvg(width, height, scale)))
    .removeAlpha()
    .raw()
    .toBuffer();
  return encodeBmp(width, height, rgb);
}

export function writeFile(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

/** Temporary folders for one test file, removed by `cleanup` (call it in afterEach/afterAll). */
export function tempDirs(): { make(prefix?: string): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make(prefix = 'motif-stills-') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup() {
      made.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
    },
  };
}
