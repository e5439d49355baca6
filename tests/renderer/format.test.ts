import { describe, expect, it } from 'vitest';
import { sparklinePoints } from '../../src/renderer/src/components/Sparkline.svelte';
import {
  formatEta,
  formatMetric,
  keyMetrics,
  relativeTime,
  shortHash,
  truncateMiddle,
} from '../../src/renderer/src/lib/format';

describe('format', () => {
  it('reads accuracy as a percentage and keeps 3 significant digits otherwise', () => {
    expect(formatMetric('accuracy', 0.9731)).toBe('97.3%');
    expect(formatMetric('loss', 0.012345)).toBe('0.0123');
    expect(formatMetric('loss', 0)).toBe('0');
    expect(formatMetric('steps', 400)).toBe((400).toLocaleString());
  });

  it('puts loss first and accuracy second among key metrics', () => {
    const metrics = keyMetrics({ steps: 400, accuracy: 0.5, finalLoss: 0.1 });
    expect(metrics.map((m) => m.label)).toEqual(['final loss', 'accuracy', 'steps']);
  });

  it('formats ETAs and relative times', () => {
    expect(formatEta(12.4)).toBe('about 12 s left');
    expect(formatEta(600)).toBe('about 10 min left');
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(relativeTime('2025-01-01T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2025-01-01T11:57:00Z', now)).toMatch(/3 minutes ago/);
    expect(relativeTime('not a date', now)).toBe('not a date');
  });

  it('shortens hashes and long paths', () => {
    expect(shortHash('0123456789abcdef')).toBe('01234567');
    const path = '/home/someone/with/a/very/long/path/to/the/motif/catalogue.sqlite';
    const short = truncateMiddle(path, 30);
    expect(short).toHaveLength(30);
    expect(short.endsWith('catalogue.sqlite')).toBe(true);
  });

  it('scales sparkline points into the box, lowest loss at the bottom', () => {
    expect(sparklinePoints([{ at: 0, loss: 1 }], 100, 20)).toBe('');
    const points = sparklinePoints(
      [
        { at: 0, loss: 1 },
        { at: 1, loss: 0 },
      ],
      100,
      20,
      0,
    );
    expect(points).toBe('0.0,0.0 100.0,20.0');
  });
});
