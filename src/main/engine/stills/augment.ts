/**
 * Light, seeded augmentation for the from-scratch stills CNN: a random horizontal flip, a random
 * crop of 88-100% of the frame (position and scale jitter) resized back to the full size, and a
 * small brightness and contrast change (films differ in grading; a CNN trained on a few films
 * should not learn their palettes). Pure
 * functions over square RGB images stored as bytes (height × width × 3, row-major), so they are
 * cheap in plain JavaScript, unit-testable, and the same seed gives the same images.
 *
 * The crop stays mild on purpose: shot scale is the size of a figure in the frame, and a crop
 * enlarges it by up to 1 / 0.88 ≈ 1.14×, well under the step between neighbouring shot scales.
 */

/** A square crop window in source pixels (may be fractional) and whether to mirror it. */
export interface AugmentParams {
  flip: boolean;
  /** Left and top edges of the crop window. */
  x: number;
  y: number;
  /** Side of the crop window (at most the image size). */
  side: number;
  /** Added to every value in [-1, 1] units (0: unchanged). */
  brightness: number;
  /** Values are scaled by this around 0, mid-grey (1: unchanged). */
  contrast: number;
}

export interface AugmentOptions {
  /** Smallest crop side as a share of the image side (default 0.88). */
  minCrop?: number;
  /** Chance of a horizontal flip (default 0.5). */
  flipChance?: number;
  /** Largest brightness shift, in [-1, 1] units (default 0.1: about 13 of 255 levels). */
  brightness?: number;
  /** Largest relative contrast change (default 0.15: ×0.85 to ×1.15). */
  contrast?: number;
}

/** The identity: no flip, the whole frame. */
export function identityParams(size: number): AugmentParams {
  return { flip: false, x: 0, y: 0, side: size, brightness: 0, contrast: 1 };
}

/** Draw one augmentation from `random` (uniform in [0, 1)): six draws, always in the same order. */
export function sampleAugment(random: () => number, size: number, options: AugmentOptions = {}): AugmentParams {
  const minCrop = Math.min(1, Math.max(0.1, options.minCrop ?? 0.88));
  const flipChance = options.flipChance ?? 0.5;
  const flip = random() < flipChance;
  const side = size * (minCrop + (1 - minCrop) * random());
  const slack = size - side;
  const x = slack * random();
  const y = slack * random();
  const brightness = (options.brightness ?? 0.1) * (2 * random() - 1);
  const contrast = 1 + (options.contrast ?? 0.15) * (2 * random() - 1);
  return { flip, x, y, side, brightness, contrast };
}

/** Mirror left-right. Returns a new image. */
export function flipHorizontal(image: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(image.length);
  const row = size * 3;
  for (let r = 0; r < size; r++) {
    const base = r * row;
    for (let c = 0; c < size; c++) {
      const from = base + c * 3;
      const to = base + (size - 1 - c) * 3;
      out[to] = image[from] as number;
      out[to + 1] = image[from + 1] as number;
      out[to + 2] = image[from + 2] as number;
    }
  }
  return out;
}

/**
 * Apply `params` to a square byte image and write it, scaled to [-1, 1], into `out` at `offset`
 * (floats): bilinear sampling of the crop window back to size × size, mirrored when `flip`, then
 * contrast and brightness, clamped to [-1, 1]. The identity reproduces the image exactly.
 */
export function augmentInto(
  image: Uint8Array,
  size: number,
  params: AugmentParams,
  out: Float32Array,
  offset = 0,
): void {
  const scale = params.side / size;
  const { brightness, contrast } = params;
  const last = size - 1;
  for (let r = 0; r < size; r++) {
    // Pixel centres: output (r + 0.5) maps to source y + (r + 0.5) * scale, minus 0.5 to index.
    const sy = Math.min(last, Math.max(0, params.y + (r + 0.5) * scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(last, y0 + 1);
    const fy = sy - y0;
    for (let c = 0; c < size; c++) {
      const sc = params.flip ? last - c : c;
      const sx = Math.min(last, Math.max(0, params.x + (sc + 0.5) * scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(last, x0 + 1);
      const fx = sx - x0;
      const a = (y0 * size + x0) * 3;
      const b = (y0 * size + x1) * 3;
      const d = (y1 * size + x0) * 3;
      const e = (y1 * size + x1) * 3;
      const target = offset + (r * size + c) * 3;
      for (let k = 0; k < 3; k++) {
        const top = (image[a + k] as number) * (1 - fx) + (image[b + k] as number) * fx;
        const bottom = (image[d + k] as number) * (1 - fx) + (image[e + k] as number) * fx;
        const value = ((top * (1 - fy) + bottom * fy) / 127.5 - 1) * contrast + brightness;
        out[target + k] = value < -1 ? -1 : value > 1 ? 1 : value;
      }
    }
  }
}

/** Bytes in [0, 255] from floats in [-1, 1] (rounded, clamped): the cache's storage format. */
export function toBytes(pixels: Float32Array, out: Uint8Array = new Uint8Array(pixels.length), offset = 0): Uint8Array {
  for (let i = 0; i < pixels.length; i++) {
    const v = Math.round(((pixels[i] as number) + 1) * 127.5);
    out[offset + i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}
