import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBmp } from '../../src/main/engine/stills/bmp';
import {
  INPUT_SIZE,
  StillsImageError,
  preprocessBytes,
  preprocessFile,
  probeStill,
} from '../../src/main/engine/stills/preprocess';
import { figure, figureBmp, writeFile } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-stills-pre-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pixel = (data: Float32Array, x: number, y: number): number[] => {
  const i = (y * INPUT_SIZE + x) * 3;
  return [data[i], data[i + 1], data[i + 2]] as number[];
};

describe('stills preprocessing', () => {
  it('decodes JPEG, PNG, WebP, GIF, TIFF and BMP to 224×224×3 in [-1, 1]', async () => {
    const files = [
      writeFile(dir, 'a.jpg', await figure('jpeg', 320, 180, 0.5)),
      writeFile(dir, 'a.png', await figure('png', 320, 180, 0.5)),
      writeFile(dir, 'a.webp', await figure('webp', 320, 180, 0.5)),
      writeFile(dir, 'a.gif', await figure('gif', 320, 180, 0.5)),
      writeFile(dir, 'a.tiff', await figure('tiff', 320, 180, 0.5)),
      writeFile(dir, 'a.bmp', await figureBmp(320, 180, 0.5)),
    ];
    const png = await preprocessFile(files[1] as string, 'crop');
    for (const file of files) {
      const data = await preprocessFile(file, 'crop');
      expect(data.length).toBe(INPUT_SIZE * INPUT_SIZE * 3);
      let min = Infinity;
      let max = -Infinity;
      for (const v of data) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      expect(min).toBeGreaterThanOrEqual(-1);
      expect(max).toBeLessThanOrEqual(1);
      expect(max - min).toBeGreaterThan(0.5); // a real picture, not a flat frame
      // Every format shows the same picture as the PNG (lossy ones within tolerance).
      let diff = 0;
      for (let i = 0; i < data.length; i++) diff += Math.abs((data[i] as number) - (png[i] as number));
      expect(diff / data.length, path.basename(file)).toBeLessThan(0.08);
    }
  });

  it('reads BMP pixels exactly (24-bit, bottom-up)', async () => {
    const rgb = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const { encodeBmp } = await import('../../src/main/engine/stills/bmp');
    const decoded = decodeBmp(encodeBmp(3, 2, rgb));
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect([...decoded.data]).toEqual([...rgb]);
  });

  it('crop fills the frame; pad letterboxes a wide frame with black bars', async () => {
    // A wide white frame: padding leaves black (-1) bars above and below; cropping does not.
    const white = await sharp({ create: { width: 400, height: 100, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const crop = await preprocessBytes('white.png', white, 'crop');
    const pad = await preprocessBytes('white.png', white, 'pad');
    expect(pixel(crop, 112, 2)).toEqual([1, 1, 1]);
    expect(pixel(pad, 112, 2)).toEqual([-1, -1, -1]);
    expect(pixel(pad, 112, 112)).toEqual([1, 1, 1]);
    expect(pixel(pad, 112, 221)).toEqual([-1, -1, -1]);
  });

  it('handles greyscale, 16-bit and transparent images as RGB (transparency on black)', async () => {
    const grey = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#808080' } })
      .greyscale()
      .png()
      .toBuffer();
    const deep = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#ff0000' } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const clear = await sharp({
      create: { width: 50, height: 40, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } },
    })
      .png()
      .toBuffer();
    expect(pixel(await preprocessBytes('grey.png', grey, 'crop'), 100, 100).map((v) => Math.round(v * 100))).toEqual([
      0, 0, 0,
    ]);
    expect(pixel(await preprocessBytes('deep.png', deep, 'crop'), 100, 100)).toEqual([1, -1, -1]);
    expect(pixel(await preprocessBytes('clear.png', clear, 'crop'), 100, 100)).toEqual([-1, -1, -1]);
  });

  it('applies the EXIF orientation', async () => {
    // Left half red, right half blue, stored with orientation 3 (rotated 180°): displayed, red is on the right.
    const raw = Buffer.alloc(200 * 100 * 3);
    for (let y = 0; y < 100; y++)
      for (let x = 0; x < 200; x++) raw.set(x < 100 ? [255, 0, 0] : [0, 0, 255], (y * 200 + x) * 3);
    const jpeg = await sharp(raw, { raw: { width: 200, height: 100, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 3 })
      .toBuffer();
    const data = await preprocessBytes('rotated.jpg', jpeg, 'pad');
    expect(pixel(data, 20, 112)[2]).toBeGreaterThan(0.8); // blue now on the left
    expect(pixel(data, 200, 112)[0]).toBeGreaterThan(0.8); // red on the right
    const probed = await probeStill('rotated.jpg', jpeg);
    expect(probed).toEqual({ width: 200, height: 100, format: 'jpeg' });
  });

  it('gives a typed error naming the file for empty, truncated, corrupt and non-image files', async () => {
    const good = await figure('jpeg', 320, 180, 0.5);
    const cases: Array<[string, Buffer, string]> = [
      ['empty.jpg', Buffer.alloc(0), 'empty'],
      ['truncated.jpg', good.subarray(0, Math.floor(good.length / 2)), 'corrupt'],
      [
        'garbage.png',
        Buffer.concat([(await figure('png', 64, 64, 0.5)).subarray(0, 40), Buffer.alloc(500, 7)]),
        'corrupt',
      ],
      ['notes.jpg', Buffer.from('these are my notes, not a picture\n'.repeat(20)), 'unsupported'],
      ['truncated.bmp', (await figureBmp(64, 64, 0.5)).subarray(0, 300), 'corrupt'],
    ];
    for (const [name, bytes, problem] of cases) {
      const file = writeFile(dir, name, bytes);
      const error = await preprocessFile(file, 'crop').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(StillsImageError);
      expect((error as StillsImageError).problem, name).toBe(problem);
      expect((error as StillsImageError).message).toContain(name);
      expect((error as StillsImageError).kind).toBe('invalid-input');
      await expect(probeStill(file, bytes)).rejects.toBeInstanceOf(StillsImageError);
    }
    await expect(preprocessFile(path.join(dir, 'absent.jpg'), 'crop')).rejects.toMatchObject({ problem: 'unreadable' });
  });
});
