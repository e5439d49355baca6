import type { Database } from 'better-sqlite3';
import type { MediaItem, MediaKind } from '../../../shared/catalogue';
import { parseObject } from './json';
import { MODEL_TAG_SOURCE_PREFIX, parsePredictedTags } from './predicted-tags';

interface MediaRow {
  id: number;
  kind: string;
  path: string | null;
  content_hash: string | null;
  size: number | null;
  mtime_ms: number | null;
  title: string;
  artist: string | null;
  album: string | null;
  duration_s: number | null;
  metadata: string;
  added_at: string;
  missing: number;
  tags: string | null;
  /** JSON array of { tag, source, confidence } for the model-sourced tags. */
  predicted: string | null;
  rating?: number | null;
}

const SELECT_ITEM = `
  SELECT m.*, (
    SELECT group_concat(t.name, char(31)) FROM item_tags it JOIN tags t ON t.id = it.tag_id
    WHERE it.item_id = m.id
  ) AS tags, (
    SELECT json_group_array(json_object('tag', t.name, 'source', it.source, 'confidence', it.confidence))
    FROM item_tags it JOIN tags t ON t.id = it.tag_id
    WHERE it.item_id = m.id AND it.source LIKE '${MODEL_TAG_SOURCE_PREFIX}%'
  ) AS predicted
  FROM media_items m`;

/** The same, plus one profile's rating of each item (`@profileId`). */
const SELECT_ITEM_RATED = SELECT_ITEM.replace(
  ') AS tags',
  ') AS tags, (SELECT value FROM ratings r WHERE r.item_id = m.id AND r.profile_id = @profileId) AS rating',
);

export const SORTS = ['relevance', 'added', 'title', 'artist', 'duration', 'rating'] as const;
export type Sort = (typeof SORTS)[number];

function toItem(row: MediaRow): MediaItem {
  return {
    id: row.id,
    kind: row.kind as MediaKind,
    path: row.path,
    contentHash: row.content_hash,
    size: row.size,
    mtimeMs: row.mtime_ms,
    title: row.title,
    artist: row.artist,
    album: row.album,
    durationS: row.duration_s,
    metadata: parseObject(row.metadata),
    tags: row.tags ? row.tags.split('\u001f').sort() : [],
    predictedTags: parsePredictedTags(row.predicted),
    addedAt: row.added_at,
    missing: row.missing === 1,
    ...(row.rating === undefined ? {} : { rating: row.rating }),
  };
}

export interface NewMediaItem {
  kind: MediaKind;
  path: string | null;
  contentHash?: string | null;
  size?: number | null;
  mtimeMs?: number | null;
  title: string;
  artist?: string | null;
  album?: string | null;
  durationS?: number | null;
  metadata?: Record<string, unknown>;
}

/**
 * Turn what a person types into a safe FTS5 query: every word becomes a quoted prefix term, so
 * punctuation and FTS syntax in the input can never produce a query error.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

export interface SearchOptions {
  kind?: MediaKind;
  includeMissing?: boolean;
  limit?: number;
  offset?: number;
  /** Include this profile's rating in each item (and allow sorting by it). */
  profileId?: number;
  /** 'relevance' (default when searching) or 'added' (default otherwise), or a column. */
  sort?: Sort;
  descending?: boolean;
  /** Items carrying every one of these tags (any source; case-insensitive). */
  tags?: readonly string[];
}

/** Trimmed, non-empty tags without case-insensitive repeats. */
function distinctTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag !== '' && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return [...seen.values()];
}

export class MediaRepo {
  constructor(private readonly db: Database) {}

  insert(item: NewMediaItem): MediaItem {
    const info = this.db
      .prepare(
        `INSERT INTO media_items(kind, path, content_hash, size, mtime_ms, title, artist, album, duration_s, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        item.kind,
        item.path,
        item.contentHash ?? null,
        item.size ?? null,
        item.mtimeMs ?? null,
        item.title,
        item.artist ?? null,
        item.album ?? null,
        item.durationS ?? null,
        JSON.stringify(item.metadata ?? {}),
      );
    return this.require(Number(info.lastInsertRowid));
  }

  get(id: number): MediaItem | null {
    const row = this.db.prepare(`${SELECT_ITEM} WHERE m.id = ?`).get(id) as MediaRow | undefined;
    return row ? toItem(row) : null;
  }

  require(id: number): MediaItem {
    const item = this.get(id);
    if (!item) throw new Error(`media item ${id} vanished from the catalogue`);
    return item;
  }

  byPath(filePath: string): MediaItem | null {
    const row = this.db.prepare(`${SELECT_ITEM} WHERE m.path = ?`).get(filePath) as MediaRow | undefined;
    return row ? toItem(row) : null;
  }

  /** Add tags (created on first use) to an item. */
  addTags(itemId: number, names: readonly string[], source = 'user', confidence: number | null = null): void {
    const upsertTag = this.db.prepare('INSERT INTO tags(name) VALUES (?) ON CONFLICT(name) DO NOTHING');
    const tagId = this.db.prepare('SELECT id FROM tags WHERE name = ?');
    const link = this.db.prepare(
      'INSERT INTO item_tags(item_id, tag_id, source, confidence) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.db.transaction(() => {
      for (const raw of names) {
        const name = raw.trim();
        if (name.length === 0) continue;
        upsertTag.run(name);
        const { id } = tagId.get(name) as { id: number };
        link.run(itemId, id, source, confidence);
      }
    }).immediate();
  }

  removeTag(itemId: number, name: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM item_tags WHERE item_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)')
        .run(itemId, name).changes > 0
    );
  }

  /** Full-text search over title, artist, album, file name and tags, best matches first. */
  search(text: string, options: SearchOptions = {}): MediaItem[] {
    return this.page(text, options).items;
  }

  /**
   * One page of items: matching `text` (best first) or, with no words, the newest first; with the
   * total count for the same filters.
   */
  page(text: string, options: SearchOptions = {}): { items: MediaItem[]; total: number } {
    const { join, where, order, params } = this.filters(text, options);
    const select = options.profileId === undefined ? SELECT_ITEM : SELECT_ITEM_RATED;
    const rows = this.db
      .prepare(`${select} ${join} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: options.limit ?? 100, offset: options.offset ?? 0 }) as MediaRow[];
    const { n } = this.db.prepare(`SELECT count(*) AS n FROM media_items m ${join} ${where}`).get(params) as { n: number };
    return { items: rows.map(toItem), total: n };
  }

  /** Every id matching the filters, in the same order as `page` (select all, bulk actions). */
  ids(text: string, options: SearchOptions = {}): number[] {
    const { join, where, order, params } = this.filters(text, options);
    return (this.db.prepare(`SELECT m.id FROM media_items m ${join} ${where} ORDER BY ${order}`).all(params) as Array<{ id: number }>).map(
      (r) => r.id,
    );
  }

  /** How many of `ids` exist (one query for any number of ids). */
  countExisting(ids: readonly number[]): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM media_items WHERE id IN (SELECT value FROM json_each(?))').get(JSON.stringify(ids)) as {
        n: number;
      }
    ).n;
  }

  private filters(text: string, options: SearchOptions) {
    const query = toFtsQuery(text);
    const tags = distinctTags(options.tags ?? []);
    const filters = [
      options.kind ? 'm.kind = @kind' : null,
      options.includeMissing ? null : 'm.missing = 0',
      query === null ? null : 'media_fts MATCH @query',
      // One lookup per tag through the item_tags_tag index; tags.name is NOCASE.
      ...tags.map((_, i) => `m.id IN (SELECT it.item_id FROM item_tags it WHERE it.tag_id = (SELECT id FROM tags WHERE name = @tag${i}))`),
    ].filter((f) => f !== null);
    const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
    const join = query === null ? '' : 'JOIN media_fts f ON f.rowid = m.id';
    const sort = options.sort ?? (query === null ? 'added' : 'relevance');
    const dir = options.descending === true ? 'DESC' : options.descending === false ? 'ASC' : sort === 'added' || sort === 'rating' ? 'DESC' : 'ASC';
    const rated = '(SELECT value FROM ratings r WHERE r.item_id = m.id AND r.profile_id = @profileId)';
    const column: Record<Sort, string> = {
      relevance: query === null ? 'm.id DESC' : 'f.rank',
      added: `m.id ${dir}`,
      title: `m.title COLLATE NOCASE ${dir}`,
      artist: `m.artist IS NULL, m.artist COLLATE NOCASE ${dir}, m.title COLLATE NOCASE`,
      duration: `m.duration_s IS NULL, m.duration_s ${dir}`,
      rating: options.profileId === undefined ? 'm.id DESC' : `${rated} IS NULL, ${rated} ${dir}`,
    };
    // Ties break by id in the same direction, so the title and artist indexes give the whole order.
    const order = `${column[sort]}, m.id ${sort === 'title' || sort === 'artist' ? dir : 'DESC'}`;
    const tagParams = Object.fromEntries(tags.map((tag, i) => [`tag${i}`, tag]));
    return { join, where, order, params: { kind: options.kind, query, profileId: options.profileId ?? null, ...tagParams } };
  }

  /** Every tag in use (on present items, optionally of one kind) with how many items carry it, most used first. */
  tagCounts(kind?: MediaKind): Array<{ name: string; count: number }> {
    return this.db
      .prepare(
        `SELECT t.name AS name, count(*) AS count FROM tags t JOIN item_tags it ON it.tag_id = t.id
         JOIN media_items m ON m.id = it.item_id
         WHERE m.missing = 0 ${kind ? 'AND m.kind = ?' : ''}
         GROUP BY t.id ORDER BY count DESC, t.name COLLATE NOCASE`,
      )
      .all(...(kind ? [kind] : [])) as Array<{ name: string; count: number }>;
  }

  countByKind(): Partial<Record<MediaKind, number>> {
    const rows = this.db.prepare('SELECT kind, count(*) AS n FROM media_items GROUP BY kind').all() as Array<{
      kind: MediaKind;
      n: number;
    }>;
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }
}
