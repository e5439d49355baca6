/** Small, pure formatting helpers for the studio's numbers, times and paths. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago", "yesterday"; an invalid date is returned as given. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function localeDateTime(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? iso : new Date(then).toLocaleString();
}

/** "about 12 s left", "about 3 min left". */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 1) return 'almost done';
  if (seconds < 90) return `about ${Math.round(seconds)} s left`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

/** "finalLoss" / "final_loss" → "final loss". */
export function metricLabel(key: string): string {
  return key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

/** Accuracy-like metrics in [0, 1] read as percentages; everything else keeps 3 significant digits. */
export function formatMetric(key: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (/acc|precision|recall|f1/i.test(key) && value >= 0 && value <= 1) {
    return `${(value * 100).toFixed(1)}%`;
  }
  if (Number.isInteger(value)) return value.toLocaleString();
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e6)) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}

/** Loss first, then accuracy, then the rest in their own order; at most `limit` entries. */
export function keyMetrics(
  metrics: Record<string, number>,
  limit = 3,
): { key: string; label: string; value: string }[] {
  const rank = (key: string): number => (/loss/i.test(key) ? 0 : /acc/i.test(key) ? 1 : 2);
  return Object.entries(metrics)
    .filter(([, value]) => typeof value === 'number')
    .map(([key, value], index) => ({ key, value, index }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.index - b.index)
    .slice(0, limit)
    .map(({ key, value }) => ({ key, label: metricLabel(key), value: formatMetric(key, value) }));
}

export function shortHash(hash: string, length = 8): string {
  return hash.length > length ? hash.slice(0, length) : hash;
}

/** Keeps the start and the end of a long path: "/home/me/…/catalogue.sqlite". */
export function truncateMiddle(text: string, max = 48): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep * 0.4);
  const tail = keep - head;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

export function formatCount(value: number | undefined): string {
  return value === undefined ? '—' : value.toLocaleString();
}
