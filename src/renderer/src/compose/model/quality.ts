/**
 * How good a melody model is, in words and numbers: its held-out perplexity against the best
 * n-gram baseline, and two versions side by side. Pure functions over catalogue rows.
 */
import type { ModelVersion } from '../../../../shared/models';

export interface ModelQuality {
  lstm: number | null;
  ngram: number | null;
  /** lstm / ngram. */
  ratio: number | null;
  beats: boolean | null;
}

function metric(model: ModelVersion, key: string): number | null {
  const value = model.metrics[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function modelQuality(model: ModelVersion): ModelQuality {
  const lstm = metric(model, 'lstmPerplexity');
  const ngram = metric(model, 'ngramPerplexity');
  const ratio = metric(model, 'perplexityRatio') ?? (lstm !== null && ngram ? lstm / ngram : null);
  const flag = metric(model, 'beatsNgram');
  const beats = flag !== null ? flag === 1 : lstm !== null && ngram !== null ? lstm < ngram : null;
  return { lstm, ngram, ratio, beats };
}

export function formatPerplexity(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** "14% better than the n-gram" / "6% worse than the n-gram". */
export function qualityVerdict(quality: ModelQuality): string {
  if (quality.ratio === null || quality.beats === null) return 'Not measured against the n-gram yet';
  const percent = Math.round(Math.abs(1 - quality.ratio) * 100);
  if (quality.beats) return percent === 0 ? 'Just beats the best n-gram' : `${percent}% better than the best n-gram`;
  if (quality.ratio >= 2) return `${quality.ratio.toFixed(1)}× the best n-gram's perplexity: does not beat it yet`;
  return percent === 0 ? 'Does not beat the best n-gram' : `${percent}% worse than the best n-gram: does not beat it`;
}

/** "2 min 05 s", "48 s", "1 h 12 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function hiddenSizesOf(model: ModelVersion): string {
  const sizes = model.params.hiddenSizes;
  return Array.isArray(sizes) && sizes.every((s) => typeof s === 'number') ? sizes.join(' × ') : '—';
}

interface CompareRow {
  label: string;
  /** Which side is better, when "better" means something for the row. */
  better: 0 | 1 | null;
  values: [string, string];
}

type Direction = 'lower' | 'higher' | null;

const ROWS: { key: string; label: string; direction: Direction; format: (v: number) => string }[] = [
  { key: 'lstmPerplexity', label: 'Perplexity', direction: 'lower', format: (v) => v.toFixed(3) },
  { key: 'ngramPerplexity', label: 'Best n-gram', direction: null, format: (v) => v.toFixed(3) },
  { key: 'perplexityRatio', label: '× n-gram', direction: 'lower', format: (v) => `${v.toFixed(2)}×` },
  { key: 'accuracy', label: 'Accuracy', direction: 'higher', format: (v) => `${(v * 100).toFixed(1)}%` },
  { key: 'eventAccuracy', label: 'Note accuracy', direction: 'higher', format: (v) => `${(v * 100).toFixed(1)}%` },
  { key: 'epochs', label: 'Epochs', direction: null, format: (v) => String(Number(v.toFixed(2))) },
  { key: 'trainingSeconds', label: 'Training time', direction: null, format: formatDuration },
  { key: 'trainFiles', label: 'Training files', direction: null, format: (v) => v.toLocaleString() },
  { key: 'parameters', label: 'Parameters', direction: null, format: (v) => v.toLocaleString() },
];

/** Two versions' metrics side by side; a row is marked where one side is better. */
export function compareModels(a: ModelVersion, b: ModelVersion): CompareRow[] {
  const rows: CompareRow[] = [{ label: 'Size', better: null, values: [hiddenSizesOf(a), hiddenSizesOf(b)] }];
  for (const row of ROWS) {
    const x = metric(a, row.key);
    const y = metric(b, row.key);
    if (x === null && y === null) continue;
    let better: 0 | 1 | null = null;
    if (row.direction && x !== null && y !== null && x !== y) {
      better = (row.direction === 'lower' ? x < y : x > y) ? 0 : 1;
    }
    rows.push({
      label: row.label,
      better,
      values: [x === null ? '—' : row.format(x), y === null ? '—' : row.format(y)],
    });
  }
  return rows;
}
