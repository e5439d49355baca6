import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/main/engine/ml/random';
import {
  augmentInto,
  flipHorizontal,
  identityParams,
  sampleAugment,
  toBytes,
  type AugmentParams,
} from '../../src/main/engine/stills/augment';

const SIZE = 8;

/** A byte image whose every channel value encodes its position, so moves are visible. */
function gradientImage(size = SIZE): Uint8Array {
  const image = new Uint8Array(size * size * 3);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      const i = (r * size + c) * 3;
      image[i] = r * 30;
      image[i + 1] = c * 30;
      image[i + 2] = (r * size + c) % 256;
    }
  return image;
}

function augmented(image: Uint8Array, params: AugmentParams, size = SIZE): Float32Array {
  const out = new Float32Array(size * size * 3);
  augmentInto(image, size, params, out);
  return out;
}

describe('stills augmentation', () => {
  it('flipping twice gives the image back, and a flip mirrors each row', () => {
    const image = gradientImage();
    const once = flipHorizontal(image, SIZE);
    expect(once).not.toEqual(image);
    expect(flipHorizontal(once, SIZE)).toEqual(image);
    // Row 2: the first pixel of the flip is the last pixel of the original.
    const row = 2 * SIZE * 3;
    expect([...once.subarray(row, row + 3)]).toEqual([...image.subarray(row + (SIZE - 1) * 3, row + SIZE * 3)]);
  });

  it('the whole frame without a flip reproduces the image exactly; with a flip it equals flipHorizontal', () => {
    const image = gradientImage();
    expect(toBytes(augmented(image, identityParams(SIZE)))).toEqual(image);
    expect(toBytes(augmented(image, { ...identityParams(SIZE), flip: true }))).toEqual(flipHorizontal(image, SIZE));
  });

  it('a crop keeps the shape and range, and zooms in: a corner crop starts at its corner', () => {
    const image = gradientImage();
    const out = augmented(image, { ...identityParams(SIZE), x: 4, y: 4, side: 4 });
    expect(out.length).toBe(SIZE * SIZE * 3);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
    const bytes = toBytes(out);
    // Output pixel (0, 0) has its centre at 4.25 along each axis of the source, i.e. 3/4 of the
    // way from pixel centre 3 to pixel centre 4: 30 * 3.75 = 112.5 in the row and column channels.
    expect(Math.abs((bytes[0] as number) - 112.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((bytes[1] as number) - 112.5)).toBeLessThanOrEqual(0.5);
    // The bottom-right output pixel is the source's bottom-right pixel (clamped at the edge).
    const last = (SIZE * SIZE - 1) * 3;
    expect(bytes[last]).toBe(image[last]);
    expect(bytes[last + 1]).toBe(image[last + 1]);
  });

  it('brightness shifts and contrast scales around mid-grey, clamped to [-1, 1]', () => {
    const image = new Uint8Array(SIZE * SIZE * 3).fill(191); // 191 / 127.5 - 1 ≈ 0.498
    const base = 191 / 127.5 - 1;
    const brighter = augmented(image, { ...identityParams(SIZE), brightness: 0.1 });
    expect(brighter[5]).toBeCloseTo(base + 0.1, 5);
    const flatter = augmented(image, { ...identityParams(SIZE), contrast: 0.5 });
    expect(flatter[5]).toBeCloseTo(base * 0.5, 5);
    const clipped = augmented(image, { ...identityParams(SIZE), contrast: 3, brightness: 0.2 });
    expect(Math.max(...clipped)).toBe(1);
  });

  it('sampled crops stay inside the frame and within the crop range; flips come about half the time', () => {
    const random = mulberry32(5);
    let flips = 0;
    for (let i = 0; i < 400; i++) {
      const p = sampleAugment(random, 96);
      expect(p.side).toBeGreaterThanOrEqual(96 * 0.88 - 1e-9);
      expect(p.side).toBeLessThanOrEqual(96);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + p.side).toBeLessThanOrEqual(96 + 1e-9);
      expect(p.y + p.side).toBeLessThanOrEqual(96 + 1e-9);
      expect(Math.abs(p.brightness)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(p.contrast - 1)).toBeLessThanOrEqual(0.15);
      if (p.flip) flips++;
    }
    expect(flips).toBeGreaterThan(150);
    expect(flips).toBeLessThan(250);
    const never = sampleAugment(mulberry32(1), 96, { flipChance: 0, minCrop: 1, brightness: 0, contrast: 0 });
    expect(never).toEqual(identityParams(96));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const image = gradientImage(16);
    const run = (seed: number): Float32Array[] => {
      const random = mulberry32(seed);
      return Array.from({ length: 5 }, () => augmented(image, sampleAugment(random, 16), 16));
    };
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it('toBytes rounds and clamps floats in [-1, 1] to bytes', () => {
    expect([...toBytes(new Float32Array([-1, 1, 0, -2, 2, 1 / 127.5 - 1]))]).toEqual([0, 255, 128, 0, 255, 1]);
  });
});
