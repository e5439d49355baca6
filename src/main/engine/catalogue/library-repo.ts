import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { LibraryFolder, MediaKind, Waveform } from '../../../shared/catalogue';

interface FolderRow {
  id: number;
  path: string;
  added_at: string;
  last_scan_at: string | null;
}

const toFolder = (row: FolderRow): LibraryFolder => ({
  id: row.id,
  path: row.path,
  addedAt: row.added_at,
  lastScanAt: row.last_scan_at,
});

/** What the importer knows about a file already in the catalogue (for incremental rescans). */
export interface KnownFile {
  id: number;
  size: number | null;
  mtimeMs: number | null;
  missing: boolean;
}

/** One file's catalogue rows, written together. */
export interface ScannedFile {
  path: string;
  kind: Exclude<MediaKind, 'film'>;
  contentHash: string;
  size: number;
  mtimeMs: number;
  title: string;
  artist: string | null;
  album: string | null;
  durationS: number | null;
  metadata: Record<string, unknown>;
  peaks: { channels: number; buckets: number; sampleRate: number; durationS: number; data: Float32Array } | null;
  /** The catalogue item this file is, moved from elsewhere (its old file is gone). */
  movedFromId?: number;
}

export type ApplyOutcome = 'imported' | 'updated' | 'relinked';

/** Library folders, incremental import writes, missing-file flags and waveforms. */
export class LibraryRepo {
  constructor(private readonly db: Database) {}

  addFolder(folder: string): LibraryFolder {
    this.db.prepare('INSERT INTO library_folders(path) VALUES (?) ON CONFLICT(path) DO NOTHING').run(folder);
    return toFolder(this.db.prepare('SELECT * FROM library_folders WHERE path = ?').get(folder) as FolderRow);
  }

  folders(): LibraryFolder[] {
    return (this.db.prepare('SELECT * FROM library_folders ORDER BY path').all() as FolderRow[]).map(toFolder);
  }

  removeFolder(id: number): boolean {
    return this.db.prepare('DELETE FROM library_folders WHERE id = ?').run(id).changes > 0;
  }

  markScanned(folder: string): void {
    this.db
      .prepare("UPDATE library_folders SET last_scan_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE path = ?")
      .run(folder);
  }

  known(filePath: string): KnownFile | null {
    const row = this.db.prepare('SELECT id, size, mtime_ms, missing FROM media_items WHERE path = ?').get(filePath) as
      | { id: number; size: number | null; mtime_ms: number | null; missing: number }
      | undefined;
    return row ? { id: row.id, size: row.size, mtimeMs: row.mtime_ms, missing: row.missing === 1 } : null;
  }

  /**
   * Write a batch of scanned files in one transaction: a crash mid-import leaves whole files or
   * nothing. A file that is a moved item (`movedFromId`) is relinked, keeping its ratings and tags,
   * rather than added again.
   */
  apply(files: readonly ScannedFile[]): ApplyOutcome[] {
    const byPath = this.db.prepare('SELECT id FROM media_items WHERE path = ?');
    const insert = this.db.prepare(
      `INSERT INTO media_items(kind, path, content_hash, size, mtime_ms, title, artist, album, duration_s, metadata)
       VALUES (@kind, @path, @contentHash, @size, @mtimeMs, @title, @artist, @album, @durationS, @metadata)`,
    );
    const update = this.db.prepare(
      `UPDATE media_items SET kind = @kind, path = @path, content_hash = @contentHash, size = @size, mtime_ms = @mtimeMs,
         title = @title, artist = @artist, album = @album, duration_s = @durationS, metadata = @metadata, missing = 0
       WHERE id = @id`,
    );
    const putWaveform = this.db.prepare(
      `INSERT INTO waveforms(item_id, channels, buckets, duration_s, sample_rate, peaks) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(item_id) DO UPDATE SET channels = excluded.channels, buckets = excluded.buckets,
         duration_s = excluded.duration_s, sample_rate = excluded.sample_rate, peaks = excluded.peaks`,
    );
    const dropWaveform = this.db.prepare('DELETE FROM waveforms WHERE item_id = ?');
    return this.db.transaction(() =>
      files.map((file): ApplyOutcome => {
        const { peaks: _peaks, movedFromId: _moved, ...fields } = file;
        const row = { ...fields, metadata: JSON.stringify(file.metadata) };
        const existing = byPath.get(file.path) as { id: number } | undefined;
        const moved = existing || file.movedFromId === undefined ? undefined : { id: file.movedFromId };
        let id: number;
        let outcome: ApplyOutcome;
        if (existing ?? moved) {
          id = (existing ?? moved)!.id;
          update.run({ ...row, id });
          outcome = existing ? 'updated' : 'relinked';
        } else {
          id = Number(insert.run(row).lastInsertRowid);
          outcome = 'imported';
        }
        if (file.peaks) {
          const p = file.peaks;
          putWaveform.run(id, p.channels, p.buckets, p.durationS, p.sampleRate, Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength));
        } else {
          dropWaveform.run(id);
        }
        return outcome;
      }),
    ).immediate();
  }

  /** Items with this content at other paths (to recognise a moved file). */
  sameContent(contentHash: string, exceptPath: string): Array<{ id: number; path: string | null; missing: boolean }> {
    return (
      this.db
        .prepare('SELECT id, path, missing FROM media_items WHERE content_hash = ? AND (path IS NULL OR path != ?) ORDER BY id')
        .all(contentHash, exceptPath) as Array<{ id: number; path: string | null; missing: number }>
    ).map((r) => ({ id: r.id, path: r.path, missing: r.missing === 1 }));
  }

  /** Flag items under `folder` that the scan did not see. They keep their ratings and tags. */
  markMissing(folder: string, seen: ReadonlySet<string>): number {
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    const rows = this.db
      .prepare('SELECT id, path FROM media_items WHERE missing = 0 AND substr(path, 1, length(?)) = ?')
      .all(prefix, prefix) as Array<{ id: number; path: string }>;
    const flag = this.db.prepare('UPDATE media_items SET missing = 1 WHERE id = ?');
    const gone = rows.filter((row) => !seen.has(row.path));
    this.db.transaction(() => gone.forEach((row) => flag.run(row.id))).immediate();
    return gone.length;
  }

  /** A file that is present again without having changed. */
  markPresent(id: number): void {
    this.db.prepare('UPDATE media_items SET missing = 0 WHERE id = ? AND missing = 1').run(id);
  }

  waveform(itemId: number): Waveform | null {
    const row = this.db.prepare('SELECT * FROM waveforms WHERE item_id = ?').get(itemId) as
      | { channels: number; buckets: number; duration_s: number; sample_rate: number; peaks: Buffer }
      | undefined;
    if (!row) return null;
    const floats = new Float32Array(row.peaks.buffer.slice(row.peaks.byteOffset, row.peaks.byteOffset + row.peaks.byteLength));
    const peaks: number[][] = [];
    for (let c = 0; c < row.channels; c++) {
      peaks.push(Array.from(floats.subarray(c * row.buckets * 2, (c + 1) * row.buckets * 2), (v) => Math.round(v * 10_000) / 10_000));
    }
    return { itemId, durationS: row.duration_s, sampleRate: row.sample_rate, peaks };
  }
}
