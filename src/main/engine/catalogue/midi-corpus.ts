import path from 'node:path';
import type { Database } from 'better-sqlite3';

export interface MidiSelection {
  /** Library folder paths (absolute). */
  folders?: readonly string[];
  tags?: readonly string[];
  itemIds?: readonly number[];
  /** Leave out items carrying any of these tags (e.g. the studio's own compositions). */
  excludeTags?: readonly string[];
}

export interface MidiCorpusItems {
  /** Absolute paths of present MIDI files. */
  paths: string[];
  /** Selected MIDI items whose files were missing at the last scan. */
  missing: number;
}

/**
 * The catalogue's MIDI files selected by folder, tag or id (combined). With nothing selected,
 * every MIDI item of the library.
 */
export function midiCorpusItems(db: Database, selection: MidiSelection): MidiCorpusItems {
  const clauses: string[] = [];
  const args: unknown[] = [];
  for (const folder of selection.folders ?? []) {
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    clauses.push('substr(m.path, 1, ?) = ?');
    args.push(prefix.length, prefix);
  }
  if (selection.tags && selection.tags.length > 0) {
    clauses.push(
      `m.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE t.name IN (${selection.tags.map(() => '?').join(', ')}))`,
    );
    args.push(...selection.tags);
  }
  if (selection.itemIds && selection.itemIds.length > 0) {
    clauses.push(`m.id IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(selection.itemIds));
  }
  const any = selection.folders !== undefined || selection.tags !== undefined || selection.itemIds !== undefined;
  let where = clauses.length > 0 ? `AND (${clauses.join(' OR ')})` : any ? 'AND 0' : '';
  if (selection.excludeTags && selection.excludeTags.length > 0) {
    where += ` AND m.id NOT IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE t.name IN (${selection.excludeTags.map(() => '?').join(', ')}))`;
    args.push(...selection.excludeTags);
  }
  const rows = db
    .prepare(`SELECT m.path AS path, m.missing AS missing FROM media_items m WHERE m.kind = 'midi' AND m.path IS NOT NULL ${where}`)
    .all(...args) as Array<{ path: string; missing: number }>;
  return {
    paths: rows.filter((r) => r.missing === 0).map((r) => r.path),
    missing: rows.filter((r) => r.missing !== 0).length,
  };
}
