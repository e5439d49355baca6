/** Formatting for catalogue fields: durations, file sizes, dimensions, kinds. */
import type { MediaItem, MediaKind } from '../../../shared/catalogue';

export const KIND_LABELS: Record<MediaKind, string> = {
  audio: 'Audio',
  midi: 'MIDI',
  image: 'Image',
  film: 'Film',
};

/** "3:07", "1:02:45"; empty for unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Playback clock with tenths under a minute of audio: "0:03.4". */
export function formatClock(seconds: number, withTenths: boolean): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const base = formatDuration(safe);
  return withTenths ? `${base}.${Math.floor((safe * 10) % 10)}` : base;
}

const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit]}`;
}

/** Image dimensions from the catalogue metadata ("1920 × 1080"), or null. */
export function dimensionsOf(item: Pick<MediaItem, 'metadata'>): { width: number; height: number } | null {
  const { width, height } = item.metadata;
  return typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0 ? { width, height } : null;
}

export function fileNameOf(path: string | null): string {
  if (!path) return '';
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

export function folderOf(path: string | null): string {
  if (!path) return '';
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return at > 0 ? path.slice(0, at) : path;
}

/** Artist and album as one line: "Artist — Album", either alone, or empty. */
export function byline(item: Pick<MediaItem, 'artist' | 'album'>): string {
  return [item.artist, item.album].filter((part) => part !== null && part.trim() !== '').join(' — ');
}

/** Whether `path` is absolute on POSIX or Windows ("/music", "C:\\Music", "\\\\server\\share"). */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path.trim());
}
