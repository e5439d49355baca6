import type { Database } from 'better-sqlite3';
import { MotifError } from '../../../shared/errors';
import type { StillsClassCount, StillsDataset, StillsDatasetItem } from '../../../shared/stills';
import { recogniseClassOrder, validateClassOrder } from '../stills/class-order';

interface DatasetRow {
  id: number;
  name: string;
  root: string;
  created_at: string;
  /** SQL NULL: never set (Motif recognises an order if it can); JSON null: marked unordered. */
  class_order: string | null;
  extra_classes: string;
}

export interface DatasetUpdate {
  name?: string;
  /** null marks the classes unordered; undefined leaves the order as it is. */
  classOrder?: string[] | null;
  addClass?: string;
}

const parseLabels = (json: string | null): string[] | null => {
  if (json === null) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) && value.every((v): v is string => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
};

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
  labelSource: 'folder' | 'user';
  /** When a person last confirmed or changed the label (ISO time), or null. */
  reviewedAt: string | null;
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
          `SELECT d.item_id, m.path, m.content_hash, d.label, d.group_key, d.label_source, d.reviewed_at
           FROM stills_dataset_items d JOIN media_items m ON m.id = d.item_id WHERE d.dataset_id = ? ORDER BY m.path`,
        )
        .all(datasetId) as Array<{
        item_id: number;
        path: string | null;
        content_hash: string | null;
        label: string;
        group_key: string | null;
        label_source: 'folder' | 'user';
        reviewed_at: string | null;
      }>
    ).map((r) => ({
      itemId: r.item_id,
      path: r.path,
      contentHash: r.content_hash,
      label: r.label,
      groupKey: r.group_key,
      labelSource: r.label_source,
      reviewedAt: r.reviewed_at,
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
    }).immediate();
  }

  /** A page of a dataset's stills (optionally of one class), by path. */
  items(
    datasetId: number,
    options: { label?: string; offset?: number; limit?: number } = {},
  ): { items: StillsDatasetItem[]; total: number } {
    const where = options.label !== undefined ? 'd.dataset_id = ? AND d.label = ?' : 'd.dataset_id = ?';
    const args: unknown[] = options.label !== undefined ? [datasetId, options.label] : [datasetId];
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM stills_dataset_items d WHERE ${where}`).get(...args) as { n: number }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT d.item_id, m.path, m.title, d.label, d.label_source, d.reviewed_at, d.group_key,
           json_extract(m.metadata, '$.width') AS width, json_extract(m.metadata, '$.height') AS height
         FROM stills_dataset_items d JOIN media_items m ON m.id = d.item_id
         WHERE ${where} ORDER BY m.path, d.item_id LIMIT ? OFFSET ?`,
      )
      .all(...args, options.limit ?? 100, options.offset ?? 0) as Array<{
      item_id: number;
      path: string | null;
      title: string;
      label: string;
      label_source: 'folder' | 'user';
      reviewed_at: string | null;
      group_key: string | null;
      width: unknown;
      height: unknown;
    }>;
    const dimension = (v: unknown): number | null => (typeof v === 'number' && v > 0 ? v : null);
    return {
      total,
      items: rows.map((r) => ({
        itemId: r.item_id,
        path: r.path,
        title: r.title,
        label: r.label,
        labelSource: r.label_source,
        reviewed: r.reviewed_at !== null,
        groupKey: r.group_key,
        width: dimension(r.width),
        height: dimension(r.height),
      })),
    };
  }

  /**
   * Give stills a label (a new one adds the class) or confirm the one they have: either way the
   * label becomes a person's ('user', kept by re-imports) and the stills count as reviewed now.
   */
  relabel(datasetId: number, itemIds: readonly number[], label: string): { count: number } {
    const row = this.row(datasetId);
    const unique = [...new Set(itemIds)];
    return this.db.transaction(() => {
      const update = this.db.prepare(
        `UPDATE stills_dataset_items SET label = ?, label_source = 'user',
           reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE dataset_id = ? AND item_id = ?`,
      );
      let count = 0;
      for (const id of unique) count += update.run(label, datasetId, id).changes;
      if (count !== unique.length)
        throw new MotifError('not-found', `${unique.length - count} of those stills are not in this dataset.`);
      const extras = parseLabels(row.extra_classes) ?? [];
      if (extras.includes(label))
        this.db
          .prepare('UPDATE stills_datasets SET extra_classes = ? WHERE id = ?')
          .run(JSON.stringify(extras.filter((e) => e !== label)), datasetId);
      return { count };
    }).immediate();
  }

  /** Rename, mark the class order (null = unordered) or add an empty class. */
  update(datasetId: number, change: DatasetUpdate): StillsDataset {
    const row = this.row(datasetId);
    this.db.transaction(() => {
      if (change.name !== undefined && change.name !== row.name) {
        const clash = this.db
          .prepare('SELECT id FROM stills_datasets WHERE name = ? AND id <> ?')
          .get(change.name, datasetId) as { id: number } | undefined;
        if (clash)
          throw new MotifError('conflict', `A dataset named "${change.name}" already exists; choose another name.`);
        this.db.prepare('UPDATE stills_datasets SET name = ? WHERE id = ?').run(change.name, datasetId);
      }
      let extras = parseLabels(row.extra_classes) ?? [];
      if (change.addClass !== undefined) {
        const name = change.addClass;
        if (this.classes(datasetId).some((c) => c.label === name) || extras.includes(name))
          throw new MotifError('conflict', `The dataset already has a class "${name}".`);
        extras = [...extras, name];
        this.db
          .prepare('UPDATE stills_datasets SET extra_classes = ? WHERE id = ?')
          .run(JSON.stringify(extras), datasetId);
      }
      if (change.classOrder !== undefined) {
        const all = [...this.classes(datasetId).map((c) => c.label), ...extras];
        const order = change.classOrder === null ? null : validateClassOrder(change.classOrder, all);
        this.db
          .prepare('UPDATE stills_datasets SET class_order = ? WHERE id = ?')
          .run(JSON.stringify(order), datasetId);
      }
    }).immediate();
    return this.get(datasetId) as StillsDataset;
  }

  /** Forget a dataset (its stills stay in the library). */
  delete(datasetId: number): boolean {
    return this.db.prepare('DELETE FROM stills_datasets WHERE id = ?').run(datasetId).changes > 0;
  }

  private row(datasetId: number): DatasetRow {
    const row = this.db.prepare('SELECT * FROM stills_datasets WHERE id = ?').get(datasetId) as DatasetRow | undefined;
    if (!row) throw new MotifError('not-found', `There is no stills dataset ${datasetId}.`);
    return row;
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
    const reviewed = (
      this.db
        .prepare('SELECT count(*) AS n FROM stills_dataset_items WHERE dataset_id = ? AND reviewed_at IS NOT NULL')
        .get(row.id) as { n: number }
    ).n;
    const extraClasses = (parseLabels(row.extra_classes) ?? []).filter((e) => !classes.some((c) => c.label === e));
    const all = [...classes.map((c) => c.label), ...extraClasses];
    return {
      id: row.id,
      name: row.name,
      root: row.root,
      createdAt: row.created_at,
      items: classes.reduce((n, c) => n + c.count, 0),
      classes,
      groups,
      classOrder: this.classOrder(row.class_order, all),
      extraClasses,
      reviewed,
    };
  }

  /**
   * The stored order when it still names exactly the current classes (relabelling may have
   * emptied one: it is dropped); a person's "unordered" stays unordered; otherwise recognised.
   */
  private classOrder(stored: string | null, classes: readonly string[]): string[] | null {
    if (stored === null) return recogniseClassOrder(classes);
    const order = parseLabels(stored);
    if (order === null) return null;
    const present = order.filter((label) => classes.includes(label));
    if (present.length === classes.length && present.length >= 2) return present;
    return recogniseClassOrder(classes);
  }
}
