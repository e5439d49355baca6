/** Small formatting helpers for the stills lab's numbers. */

/** 0.8123 → "81.2%"; null or NaN → "—". */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** "1 still", "12 stills". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** The last part of a path: "/films/close-up/a.jpg" → "a.jpg". */
export function baseName(path: string | null): string {
  if (!path) return '';
  return path.split(/[\\/]/).pop() ?? path;
}

/** A path in the form the engine accepts: "/…" or a Windows drive or UNC path. */
export function isAbsolutePath(text: string): boolean {
  return text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\');
}

/** Seconds as "42 s", "3 min 05 s". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}
