import fs from 'node:fs';
import path from 'node:path';
import type { MediaItem } from '../../../shared/catalogue';
import { openImage } from '../stills/preprocess';

export const THUMBNAIL_SIZES: readonly number[] = [128, 256, 512];

/**
 * A WebP thumbnail of an image item, at most `size` pixels a side, made once and cached in the
 * data directory by content hash (a changed file gets a new one; the same still under two names
 * shares one).
 */
export async function thumbnailFor(dataDir: string, item: MediaItem, size: number): Promise<string> {
  if (item.path === null) throw new Error('the item has no file');
  const key = item.contentHash ?? `id${item.id}-${item.mtimeMs ?? 0}`;
  const dir = path.join(dataDir, 'thumbnails', key.slice(0, 2));
  const file = path.join(dir, `${key}-${size}.webp`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  // openImage reads BMP too (libvips cannot).
  await openImage(item.path, await fs.promises.readFile(item.path))
    .rotate()
    .resize(size, size, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toFile(temporary);
  fs.renameSync(temporary, file);
  return file;
}
