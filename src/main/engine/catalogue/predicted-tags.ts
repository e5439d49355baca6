/**
 * Tags a stills classifier gave: item_tags rows whose source is `model:<model version id>`, with
 * the model's confidence. A person's tags (source 'user') are never overwritten or removed here.
 * Also the keyset-paged walk over image items that batch classification streams through.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { MediaItem } from '../../../shared/catalogue';

export const MODEL_TAG_SOURCE_PREFIX = 'model:';

export const modelTagSource = (modelId: number): string => `${MODEL_TAG_SOURCE_PREFIX}${modelId}`;

type PredictedTag = NonNullable<MediaItem['predictedTags']>[number];

/** The `predicted` column of a listing row (a JSON array of { tag, source, confidence }). */
export function parsePredictedTags(json: string | null): PredictedTag[] {
  if (json === null) return [];
  const rows: unknown = JSON.parse(json);
  if (!Array.isArray(rows)) return [];
  const out: PredictedTag[] = [];
  for (const row of rows as Array<Record<string, unknown>>) {
    const { tag, source, confidence } = row;
    if (typeof tag !== 'string' || typeof source !== 'string') continue;
    const modelId = Number(source.slice(MODEL_TAG_SOURCE_PREFIX.length));
    if (!Number.isInteger(modelId)) continue;
    out.push({ tag, modelId, confidence: typeof confidence === 'number' ? confidence : 0 });
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.tag.localeCompare(b.tag));
}

export interface PredictedTagRow {
  itemId: number;
  label: string;
  confidence: number;
}

/**
 * Write one batch of predictions in one transaction: each item's earlier model-sourced tags whose
 * names are classes of this model (from any model) are replaced by its predicted label. A tag a
 * person set stays as it is (the model's row is then not written: the person's word wins).
 */
export function writePredictedTags(
  db: Database,
  modelId: number,
  classes: readonly string[],
  rows: readonly PredictedTagRow[],
): void {
  if (rows.length === 0) return;
  const classJson = JSON.stringify(classes);
  const upsertTag = db.prepare('INSERT INTO tags(name) VALUES (?) ON CONFLICT(name) DO NOTHING');
  const tagId = db.prepare('SELECT id FROM tags WHERE name = ?');
  const clear = db.prepare(
    `DELETE FROM item_tags WHERE item_id = ? AND source LIKE '${MODEL_TAG_SOURCE_PREFIX}%'
       AND tag_id IN (SELECT id FROM tags WHERE name IN (SELECT value FROM json_each(?)))`,
  );
  const link = db.prepare(
    'INSERT INTO item_tags(item_id, tag_id, source, confidence) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const source = modelTagSource(modelId);
  db.transaction(() => {
    const ids = new Map<string, number>();
    for (const row of rows) {
      let id = ids.get(row.label);
      if (id === undefined) {
        upsertTag.run(row.label);
        id = (tagId.get(row.label) as { id: number }).id;
        ids.set(row.label, id);
      }
      clear.run(row.itemId, classJson);
      link.run(row.itemId, id, source, row.confidence);
    }
  }).immediate();
}

export interface ImageTarget {
  id: number;
  path: string;
  contentHash: string;
}

const underFolder = (folder: string | null): { clause: string; args: unknown[] } => {
  if (folder === null) return { clause: '', args: [] };
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  return { clause: 'AND substr(path, 1, ?) = ?', args: [prefix.length, prefix] };
};

/** Present image items (of a folder, or the whole library) with id above `afterId`, by id. */
export function imageItemsAfter(db: Database, folder: string | null, afterId: number, limit: number): ImageTarget[] {
  const { clause, args } = underFolder(folder);
  return db
    .prepare(
      `SELECT id, path, content_hash AS contentHash FROM media_items
       WHERE kind = 'image' AND missing = 0 AND path IS NOT NULL AND content_hash IS NOT NULL AND id > ? ${clause}
       ORDER BY id LIMIT ?`,
    )
    .all(afterId, ...args, limit) as ImageTarget[];
}

export function countImageItems(db: Database, folder: string | null): number {
  const { clause, args } = underFolder(folder);
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM media_items
         WHERE kind = 'image' AND missing = 0 AND path IS NOT NULL AND content_hash IS NOT NULL ${clause}`,
      )
      .get(...args) as { n: number }
  ).n;
}
