import { describe, expect, it } from 'vitest';
import { finishedImport, parseImportReport, skipReasons } from '../../../src/renderer/src/library/import-report';
import { job } from '../helpers/fixtures';

const report = {
  folders: ['/music'],
  seen: 4,
  imported: 2,
  updated: 0,
  unchanged: 1,
  relinked: 1,
  missing: 0,
  skipped: [
    { path: '/music/a.txt', reason: 'not a media type Motif catalogues' },
    { path: '/music/b.txt', reason: 'not a media type Motif catalogues' },
    { path: '/music/c.mp3', reason: 'imported, but the tags could not be read' },
    { path: 42, reason: 'malformed entries are dropped' },
  ],
  skippedCount: 3,
};

describe('import reports', () => {
  it('reads the report from a finished import job', () => {
    const finished = finishedImport(
      job({ id: 3, kind: 'library-import', state: 'done', result: report, finishedAt: '2025-01-01T10:01:00.000Z' }),
    );
    expect(finished).toMatchObject({ jobId: 3, state: 'done', error: null, finishedAt: '2025-01-01T10:01:00.000Z' });
    expect(finished?.report?.imported).toBe(2);
    expect(finished?.report?.skipped).toHaveLength(3);
  });

  it('ignores running jobs and other kinds', () => {
    expect(finishedImport(job({ id: 1, kind: 'library-import', state: 'running' }))).toBeNull();
    expect(finishedImport(job({ id: 2, kind: 'self-test', state: 'done', result: report }))).toBeNull();
  });

  it('refuses results that are not reports', () => {
    expect(parseImportReport(null)).toBeNull();
    expect(parseImportReport({ ...report, imported: -1 })).toBeNull();
    expect(parseImportReport({ ...report, seen: '4' })).toBeNull();
  });

  it('groups skips by reason, most frequent first', () => {
    const parsed = parseImportReport(report);
    expect(parsed && skipReasons(parsed)).toEqual([
      { reason: 'not a media type Motif catalogues', count: 2 },
      { reason: 'imported, but the tags could not be read', count: 1 },
    ]);
  });
});
