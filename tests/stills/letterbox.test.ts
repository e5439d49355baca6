import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findContentBox, preprocessBytes } from '../../src/main/engine/stills/preprocess';
import { figureSvg } from './fixtures';

/** A 64×64 greyscale probe: rows [0, top) and [64 - bottom, 64) black, the rest `level`. */
function probe(top: number, bottom: number, left = 0, right = 0, level = 120): Uint8Array {
  const grey = new Uint8Array(64 * 64);
  for (let y = 0; y < 64; y++)
    for (let x = 0; x < 64; x++) {
      const bar = y < top || y >= 64 - bottom || x < left || x >= 64 - right;
      grey[y * 64 + x] = bar ? 4 : level;
    }
  return grey;
}

function meanAbsoluteDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

describe('letterbox and pillarbox bars', () => {
  it('finds paired bars and maps them to image pixels', () => {
    const box = findContentBox(probe(8, 8), 64, 1920, 1080);
    expect(box).not.toBeNull();
    // 7 of 64 rows cut on each side (one probe row kept as a margin).
    expect(box?.top).toBe(Math.floor((7 / 64) * 1080));
    expect(box?.left).toBe(0);
    expect(box?.width).toBe(1920);
    expect(box?.height).toBe(Math.ceil((50 / 64) * 1080));
    const pillar = findContentBox(probe(0, 0, 10, 10), 64, 1440, 1080);
    expect(pillar?.top).toBe(0);
    expect(pillar?.left).toBe(Math.floor((9 / 64) * 1440));
  });

  it('leaves frames without paired bars alone: a dark sky, a night scene, an all-black frame', () => {
    expect(findContentBox(probe(0, 0), 64, 640, 360)).toBeNull();
    expect(findContentBox(probe(12, 0), 64, 640, 360)).toBeNull(); // dark top only
    expect(findContentBox(probe(20, 6), 64, 640, 360)).toBeNull(); // unequal: not a letterbox
    expect(findContentBox(probe(0, 0, 0, 0, 10), 64, 640, 360)).toBeNull(); // all dark
    expect(findContentBox(probe(26, 26), 64, 640, 360)).toBeNull(); // less than 30% picture left
  });

  it('makes a letterboxed frame preprocess like the bare picture', async () => {
    const picture = await sharp(Buffer.from(figureSvg(480, 200, 0.6)))
      .png()
      .toBuffer();
    const boxed = await sharp(picture).extend({ top: 60, bottom: 60, background: '#000000' }).png().toBuffer();
    for (const policy of ['crop', 'pad'] as const) {
      const bare = await preprocessBytes('bare.png', picture, policy);
      const fromBoxed = await preprocessBytes('boxed.png', boxed, policy);
      // Without bar removal the two differ by far more (the bars shift and shrink the picture).
      expect(meanAbsoluteDifference(bare, fromBoxed)).toBeLessThan(0.06);
    }
    const untrimmed = await sharp(boxed).resize(224, 224, { fit: 'cover' }).removeAlpha().raw().toBuffer();
    const asFloats = Float32Array.from(untrimmed, (v) => v / 127.5 - 1);
    expect(meanAbsoluteDifference(await preprocessBytes('bare.png', picture, 'crop'), asFloats)).toBeGreaterThan(0.1);
  });
});
