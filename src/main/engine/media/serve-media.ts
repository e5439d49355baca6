import fs from 'node:fs';
import path from 'node:path';
import type { MediaRepo } from '../catalogue/media-repo';
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

/**
 * Serve a catalogue file by item id, for the `motif-media://item/<id>` protocol and the HTTP
 * bridge's `/media/<id>`. Only files the catalogue knows are served, never a path from the URL:
 * anything but a plain decimal id is refused, so `..` tricks have nothing to act on.
 */
export function serveMedia(
  media: MediaRepo,
  request: { idSegment: string; method: string; range?: string | null },
): MediaResponse {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  let decoded: string;
  try {
    decoded = decodeURIComponent(request.idSegment);
  } catch {
    return text(400, 'Malformed media address');
  }
  if (!/^[1-9]\d{0,15}$/.test(decoded)) return text(400, 'Media is addressed by catalogue item id only');
  const item = media.get(Number(decoded));
  if (!item || item.path === null) return text(404, 'Not in the catalogue');
  const file = item.path;
  if (!path.isAbsolute(file)) return text(404, 'Not in the catalogue');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return text(404, 'The file is missing from disk');
  }
  if (!stat.isFile()) return text(404, 'Not a file');

  const size = stat.size;
  const headers: Record<string, string> = {
    'Content-Type': contentTypeFor(file),
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
