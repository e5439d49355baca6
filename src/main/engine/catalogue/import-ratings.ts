import type { Database } from 'better-sqlite3';
import { MotifError } from '../../../shared/errors';
import type { ItemInfo, RatingData } from '../recs';

export interface RatingsImportReport {
  format: string;
  profilesCreated: number;
  profilesReused: number;
  filmsCreated: number;
  filmsReused: number;
  ratings: number;
}

/**
 * Put MovieLens-style ratings into the catalogue, all or nothing (one transaction): each user
 * becomes a profile ("MovieLens user 42"), each item a catalogue item of kind `film` (title and
 * genres from the items file when there is one), each rating a profile's rating. Re-importing the
 * same files finds the same profiles and films and updates the ratings.
 */
export function importRatings(
  db: Database,
  loaded: { format: string; data: RatingData; items: Map<string, ItemInfo> | null },
  source = 'movielens',
): RatingsImportReport {
  const { data, items } = loaded;
  for (let r = 0; r < data.values.length; r++) {
    const value = data.values[r] ?? NaN;
    if (!(value >= 0.5 && value <= 5)) {
      throw new MotifError('invalid-input', `Rating ${value} is outside Motif's 0.5-5 star scale; nothing was imported.`);
    }
  }
  const report: RatingsImportReport = { format: loaded.format, profilesCreated: 0, profilesReused: 0, filmsCreated: 0, filmsReused: 0, ratings: 0 };
  const findProfile = db.prepare('SELECT id FROM profiles WHERE name = ?');
  const addProfile = db.prepare('INSERT INTO profiles(name) VALUES (?)');
  const knownFilms = new Map(
    (
      db
        .prepare("SELECT id, json_extract(metadata, '$.externalId') AS external FROM media_items WHERE kind = 'film' AND json_extract(metadata, '$.source') = ?")
        .all(source) as Array<{ id: number; external: string | null }>
    ).map((row) => [String(row.external), row.id]),
  );
  const addFilm = db.prepare("INSERT INTO media_items(kind, path, title, metadata) VALUES ('film', NULL, ?, ?)");
  const rate = db.prepare(
    `INSERT INTO ratings(profile_id, item_id, value, rated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(profile_id, item_id) DO UPDATE SET value = excluded.value, rated_at = excluded.rated_at`,
  );
  db.transaction(() => {
    const profileIds = data.userIds.map((userId) => {
      const name = `MovieLens user ${userId}`;
      const existing = findProfile.get(name) as { id: number } | undefined;
      if (existing) {
        report.profilesReused += 1;
        return existing.id;
      }
      report.profilesCreated += 1;
      return Number(addProfile.run(name).lastInsertRowid);
    });
    const filmIds = data.itemIds.map((itemId) => {
      const existing = knownFilms.get(itemId);
      if (existing !== undefined) {
        report.filmsReused += 1;
        return existing;
      }
      const info = items?.get(itemId);
      const metadata = { source, externalId: itemId, year: info?.year ?? null, genres: info?.genres ?? [] };
      report.filmsCreated += 1;
      return Number(addFilm.run(info?.title ?? `${source} item ${itemId}`, JSON.stringify(metadata)).lastInsertRowid);
    });
    for (let r = 0; r < data.values.length; r++) {
      const seconds = data.timestamps?.[r];
      const at = seconds !== undefined && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : new Date().toISOString();
      rate.run(profileIds[data.users[r] ?? 0], filmIds[data.items[r] ?? 0], data.values[r], at);
      report.ratings += 1;
    }
  }).immediate();
  return report;
}
