import path from 'node:path';
import type { MediaKind } from '../../../shared/catalogue';

const KIND_BY_EXTENSION: Record<string, Exclude<MediaKind, 'film'>> = {
  '.mp3': 'audio',
  '.wav': 'audio',
  '.ogg': 'audio',
  '.oga': 'audio',
  '.flac': 'audio',
  '.m4a': 'audio',
  '.mid': 'midi',
  '.midi': 'midi',
  '.kar': 'midi',
  '.rmi': 'midi',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.png': 'image',
  '.webp': 'image',
  '.gif': 'image',
  '.bmp': 'image',
  '.tif': 'image',
  '.tiff': 'image',
};

/** The catalogue kind of a file by its extension, or null for files Motif does not catalogue. */
export function mediaKindOf(file: string): Exclude<MediaKind, 'film'> | null {
  return KIND_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

export const SUPPORTED_EXTENSIONS = Object.keys(KIND_BY_EXTENSION);
