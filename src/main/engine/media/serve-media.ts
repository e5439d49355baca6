import fs from 'node:fs';
import path from 'node:path';
import type { MediaItem } from '../../../shared/catalogue';
import type { MediaRepo } from '../catalogue/media-repo';
import { THUMBNAIL_SIZES, thumbnailFor } from './thumbnails';
import { contentTypeFor } from './content-type';
import { parseRange } from './range';

export interface MediaResponse {
  status: 200 | 206 | 400 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** The byte span of the file to send, or a short plain-text reason. */
  body: { file: string; start: number; end: number } | string | null;
}

const text = (status: MediaResponse['status'], message: string, extra: Record<string, string> = {}): MediaResponse => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  body: message,
});

/** The catalogue item an address names, or the response that refuses it. */
export function resolveMediaItem(media: MediaRepo, idSegment: string): { item: MediaItem; file: string } | MediaResponse {
  let decoded: string;
  try {
    decoded = decodeURIComponent(idSegment);
  } catch {
    return text(400, 'Malformed media address');
  }
  if (!/^[1-9]\d{0,15}$/.test(decoded)) return text(400, 'Media is addressed by catalogue item id only');
  const item = media.get(Number(decoded));
  if (!item || item.path === null || !path.isAbsolute(item.path)) return text(404, 'Not in the catalogue');
  return { item, file: item.path };
}

/** Serve (part of) a file with Range support. */
export function serveFile(file: string, request: { method: string; range?: string | null }, contentType = contentTypeFor(file)): MediaResponse {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return text(404, 'The file is missing from disk');
  }
  if (!stat.isFile()) return text(404, 'Not a file');

  const size = stat.size;
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
    'Last-Modified': stat.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  const range = parseRange(request.range, size);
  if (range.kind === 'unsatisfiable') return text(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
  if (range.kind === 'partial') {
    return {
      status: 206,
      headers: {
        ...headers,
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
        'Content-Length': String(range.end - range.start + 1),
      },
      body: request.method === 'HEAD' ? null : { file, start: range.start, end: range.end },
    };
  }
  return {
    status: 200,
    headers: { ...headers, 'Content-Length': String(size) },
    body: request.method === 'HEAD' || size === 0 ? null : { file, start: 0, end: size - 1 },
  };
}

/**
 * Serve a catalogue file by item id, for the `motif-media://item/<id>` protocol and the HTTP
 * bridge's `/media/<id>`. Only files the catalogue knows are served, never a path from the URL:
 * anything but a plain decimal id is refused, so `..` tricks have nothing to act on. With `size`,
 * an image is served as a cached thumbnail of at most that many pixels a side.
 */
export async function serveMedia(
  media: MediaRepo,
  request: { idSegment: string; method: string; range?: string | null; size?: string | null; dataDir?: string },
): Promise<MediaResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const resolved = resolveMediaItem(media, request.idSegment);
  if ('status' in resolved) return resolved;
  if (request.size === undefined || request.size === null) return serveFile(resolved.file, request);
  const size = Number(request.size);
  if (!THUMBNAIL_SIZES.includes(size) || request.dataDir === undefined) return text(400, `Thumbnail sizes are ${THUMBNAIL_SIZES.join(', ')}`);
  if (resolved.item.kind !== 'image') return text(404, 'Only images have thumbnails');
  try {
    const thumb = await thumbnailFor(request.dataDir, resolved.item, size);
    return serveFile(thumb, request, 'image/webp');
  } catch {
    return text(404, 'The image could not be read for a thumbnail');
  }
}
