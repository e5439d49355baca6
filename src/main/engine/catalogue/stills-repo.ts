import type { Database } from 'better-sqlite3';
import { MotifError } from '../../../shared/errors';
import type { StillsClassCount, StillsDataset } from '../../../shared/stills';

interface DatasetRow {
  id: number;
  name: string;
  root: string;
  created_at: string;
}

export interface DatasetItemInput {
  itemId: number;
  label: string;
  groupKey: string | null;
}

export interface DatasetMember {
  itemId: number;
  path: string | null;
  contentHash: string | null;
  label: string;
  groupKey: string | null;
}

/** Stills datasets: labelled catalogue images, one row per (dataset, item). */
export class StillsRepo {
  constructor(private readonly db: Database) {}

  /** The dataset imported from `root`, created (with `name`) if there is none. */
  ensure(root: string, name: string): StillsDataset {
    const existing = this.db.prepare('SELECT id FROM stills_datasets WHERE root = ?').get(root) as
      { id: number } | undefined;
    if (existing) return this.get(existing.id) as StillsDataset;
    const clash = this.db.prepare('SELECT root FROM stills_datasets WHERE name = ?').get(name) as
      { root: string } | undefined;
    if (clash)
      throw new MotifError(
        'conflict',
        `A dataset named "${name}" already exists (from ${clash.root}); choose another name.`,
      );
    const id = Number(
      this.db.prepare('INSERT INTO stills_datasets(name, root) VALUES (?, ?)').run(name, root).lastInsertRowid,
    );
    return this.get(id) as StillsDataset;
  }

  get(id: number): StillsDataset | null {
    const row = this.db.prepare('SELECT * FROM stills_datasets WHERE id = ?').get(id) as DatasetRow | undefined;
    return row ? this.view(row) : null;
  }

  list(): StillsDataset[] {
    return (this.db.prepare('SELECT * FROM stills_datasets ORDER BY name COLLATE NOCASE').all() as DatasetRow[]).map(
      (row) => this.view(row),
    );
  }

  classes(datasetId: number): StillsClassCount[] {
    return this.db
      .prepare(
        'SELECT label, count(*) AS count FROM stills_dataset_items WHERE dataset_id = ? GROUP BY label ORDER BY label',
      )
      .all(datasetId) as StillsClassCount[];
  }

  members(datasetId: number): DatasetMember[] {
    return (
      this.db
        .prepare(
          `SELECT d.item_id, m.path, m.content_hash, d.label, d.group_key FROM stills_dataset_items d
           JOIN media_items m ON m.id = d.item_id WHERE d.dataset_id = ? ORDER BY m.path`,
        )
        .all(datasetId) as Array<{
        item_id: number;
        path: string | null;
        content_hash: string | null;
        label: string;
        group_key: string | null;
      }>
    ).map((r) => ({
      itemId: r.item_id,
      path: r.path,
      contentHash: r.content_hash,
      label: r.label,
      groupKey: r.group_key,
    }));
  }

  /**
   * Make the dataset hold exactly `items`: add new ones, update folder labels and group keys
   * (labels a person edited in Motif are kept), drop items that are no longer there.
   */
  sync(datasetId: number, items: readonly DatasetItemInput[]): { removed: number } {
    const upsert = this.db.prepare(
      `INSERT INTO stills_dataset_items(dataset_id, item_id, label, group_key) VALUES (?, ?, ?, ?)
       ON CONFLICT(dataset_id, item_id) DO UPDATE SET group_key = excluded.group_key,
         label = CASE WHEN label_source = 'user' THEN label ELSE excluded.label END`,
    );
    return this.db.transaction(() => {
      for (const item of items) upsert.run(datasetId, item.itemId, item.label, item.groupKey);
      const keep = new Set(items.map((i) => i.itemId));
      const current = this.db
        .prepare('SELECT item_id FROM stills_dataset_items WHERE dataset_id = ?')
        .pluck()
        .all(datasetId) as number[];
      const drop = this.db.prepare('DELETE FROM stills_dataset_items WHERE dataset_id = ? AND item_id = ?');
      const gone = current.filter((id) => !keep.has(id));
      for (const id of gone) drop.run(datasetId, id);
      return { removed: gone.length };
    })();
  }

  private view(row: DatasetRow): StillsDataset {
    const classes = this.classes(row.id);
    const groups = (
      this.db
        .prepare(
          'SELECT count(DISTINCT group_key) AS n FROM stills_dataset_items WHERE dataset_id = ? AND group_key IS NOT NULL',
        )
        .get(row.id) as { n: number }
    ).n;
    return {
      id: row.id,
      name: row.name,
      root: row.root,
      createdAt: row.created_at,
      items: classes.reduce((n, c) => n + c.count, 0),
      classes,
      groups,
    };
  }
}
