/**
 * Stills preprocessing: decode any supported image (JPEG, PNG, WebP, GIF's first frame, TIFF via
 * sharp; BMP with Motif's own reader), apply the EXIF orientation, fit to 224×224 by the chosen
 * aspect policy and scale RGB to [-1, 1] as MobileNet expects. Black letterbox (top and bottom)
 * and pillarbox (left and right) bars are found and cut away first, so a 2.39:1 film inside a
 * 16:9 frame fills the input the same way as the bare frame would. Every failure is a typed
 * StillsImageError that names the file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { MotifError } from '../../../shared/errors';
import { BmpError, decodeBmp, isBmp } from './bmp';

export const INPUT_SIZE = 224;
export const ASPECT_POLICIES = ['crop', 'pad'] as const;
/** crop: centre-crop to a square (fills the frame); pad: letterbox with black (keeps the whole frame). */
export type AspectPolicy = (typeof ASPECT_POLICIES)[number];

export type ImageProblem = 'empty' | 'corrupt' | 'unsupported' | 'unreadable';

export class StillsImageError extends MotifError {
  constructor(
    readonly file: string,
    readonly problem: ImageProblem,
    /** What is wrong, without the file name. */
    readonly detail: string,
  ) {
    super('invalid-input', `${path.basename(file)}: ${detail}`);
    this.name = 'StillsImageError';
  }
}

/** A sharp pipeline for the image's bytes (BMP decoded here), with problems typed. */
export function openImage(file: string, bytes: Uint8Array): Sharp {
  if (bytes.length === 0) throw new StillsImageError(file, 'empty', 'the file is empty');
  if (isBmp(bytes)) {
    try {
      const raw = decodeBmp(bytes);
      return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
    } catch (error) {
      if (error instanceof BmpError)
        throw new StillsImageError(file, error.unsupported ? 'unsupported' : 'corrupt', error.message);
      throw error;
    }
  }
  return sharp(bytes, { failOn: 'error' });
}

function classify(file: string, error: unknown): StillsImageError {
  if (error instanceof StillsImageError) return error;
  const message = (error as Error).message ?? String(error);
  const unsupported = /unsupported image format|Input buffer contains unsupported/i.test(message);
  return new StillsImageError(
    file,
    unsupported ? 'unsupported' : 'corrupt',
    unsupported ? 'not an image format Motif can read' : `damaged or truncated image (${message.split('\n')[0]})`,
  );
}

/**
 * Names the preprocessing in cache keys: bump it when the pixels preprocessing makes change, so
 * cached embeddings of the old kind are not mixed with new ones.
 */
export const PREPROCESS_VERSION = 'bars1';

const PROBE = 64;
/** A row or column of the probe is a bar when no pixel in it is brighter than this (0-255). */
const BAR_LEVEL = 30;

export interface ContentBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Leading and trailing runs of `dark(i)` over 0..n-1. */
function runs(n: number, dark: (i: number) => boolean): [number, number] {
  let start = 0;
  while (start < n && dark(start)) start++;
  let end = 0;
  while (end < n - start && dark(n - 1 - end)) end++;
  return [start, end];
}

/**
 * The picture inside black bars, from a small greyscale probe of the image. Bars must come in
 * pairs of about the same size (letterbox: top and bottom; pillarbox: left and right), so a dark
 * sky or a night scene is not mistaken for a bar; an all-dark frame is left alone. Null when
 * there are no bars.
 */
export function findContentBox(grey: Uint8Array, probe: number, width: number, height: number): ContentBox | null {
  const rowDark = (y: number) => {
    for (let x = 0; x < probe; x++) if ((grey[y * probe + x] as number) > BAR_LEVEL) return false;
    return true;
  };
  const columnDark = (x: number) => {
    for (let y = 0; y < probe; y++) if ((grey[y * probe + x] as number) > BAR_LEVEL) return false;
    return true;
  };
  const pair = ([a, b]: [number, number]): [number, number] => {
    const minimum = 2; // rows of the 64-row probe: about 3% of the frame
    if (a < minimum || b < minimum || Math.abs(a - b) > Math.max(2, 0.25 * Math.max(a, b))) return [0, 0];
    if (probe - a - b < probe * 0.3) return [0, 0];
    // One probe row on each side may mix bar and picture: keep it (a sliver of black is harmless).
    return [a - 1, b - 1];
  };
  const [top, bottom] = pair(runs(probe, rowDark));
  const [left, right] = pair(runs(probe, columnDark));
  if (top + bottom + left + right === 0) return null;
  const box = {
    left: Math.floor((left / probe) * width),
    top: Math.floor((top / probe) * height),
    width: Math.ceil(((probe - left - right) / probe) * width),
    height: Math.ceil(((probe - top - bottom) / probe) * height),
  };
  box.width = Math.min(box.width, width - box.left);
  box.height = Math.min(box.height, height - box.top);
  return box;
}

async function contentBox(file: string, bytes: Uint8Array): Promise<ContentBox | null> {
  const { data, info } = await openImage(file, bytes)
    .rotate()
    .flatten({ background: { r: 0, g: 0, b: 0 } })
    .resize(PROBE, PROBE, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) return null;
  const meta = await openImage(file, bytes).metadata();
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = (swapped ? meta.height : meta.width) ?? 0;
  const height = (swapped ? meta.width : meta.height) ?? 0;
  if (width < 8 || height < 8) return null;
  return findContentBox(data, PROBE, width, height);
}

/** Decode bytes to 224×224 RGB in [-1, 1], written into `out` at `offset` (floats) if given. */
export async function preprocessBytes(
  file: string,
  bytes: Uint8Array,
  policy: AspectPolicy,
  out: Float32Array = new Float32Array(INPUT_SIZE * INPUT_SIZE * 3),
  offset = 0,
): Promise<Float32Array> {
  let rgb: Buffer;
  try {
    const box = await contentBox(file, bytes);
    let image = openImage(file, bytes).rotate(); // EXIF orientation
    if (box) image = image.extract(box);
    rgb = await image
      .resize(INPUT_SIZE, INPUT_SIZE, {
        fit: policy === 'crop' ? 'cover' : 'contain',
        position: 'centre',
        background: { r: 0, g: 0, b: 0 },
      })
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer();
  } catch (error) {
    throw classify(file, error);
  }
  if (rgb.length !== INPUT_SIZE * INPUT_SIZE * 3)
    throw new StillsImageError(file, 'unsupported', `unexpected channel layout (${rgb.length} bytes)`);
  for (let i = 0; i < rgb.length; i++) out[offset + i] = (rgb[i] as number) / 127.5 - 1;
  return out;
}

export async function preprocessFile(
  file: string,
  policy: AspectPolicy,
  out?: Float32Array,
  offset?: number,
): Promise<Float32Array> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new StillsImageError(
      file,
      'unreadable',
      `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return preprocessBytes(file, bytes, policy, out, offset);
}

/** Width, height and format, decoding the whole image (a damaged body fails here). */
export async function probeStill(
  file: string,
  bytes: Uint8Array,
): Promise<{ width: number; height: number; format: string }> {
  try {
    const image = openImage(file, bytes);
    const meta = await image.metadata();
    if (!meta.width || !meta.height) throw new StillsImageError(file, 'corrupt', 'the image has no dimensions');
    await openImage(file, bytes).resize(8, 8, { fit: 'inside' }).raw().toBuffer();
    const format = isBmp(bytes) ? 'bmp' : (meta.format ?? 'unknown');
    // EXIF orientations 5-8 swap width and height.
    const swapped = (meta.orientation ?? 1) >= 5;
    return { width: swapped ? meta.height : meta.width, height: swapped ? meta.width : meta.height, format };
  } catch (error) {
    throw classify(file, error);
  }
}
