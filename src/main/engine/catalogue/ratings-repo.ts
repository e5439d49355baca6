import type { Database } from 'better-sqlite3';

/** Explicit ratings (half stars, per profile) and implicit signals (plays, skips). */
export class RatingsRepo {
  constructor(private readonly db: Database) {}

  /** Set (or with null, clear) one profile's rating of several items, in one transaction. */
  set(profileId: number, itemIds: readonly number[], value: number | null): number {
    const upsert = this.db.prepare(
      `INSERT INTO ratings(profile_id, item_id, value) VALUES (?, ?, ?)
       ON CONFLICT(profile_id, item_id) DO UPDATE SET value = excluded.value,
         rated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
    const clear = this.db.prepare('DELETE FROM ratings WHERE profile_id = ? AND item_id = ?');
    return this.db.transaction(() =>
      itemIds.reduce((n, itemId) => n + (value === null ? clear.run(profileId, itemId) : upsert.run(profileId, itemId, value)).changes, 0),
    ).immediate();
  }

  forProfile(profileId: number): Array<{ itemId: number; value: number; ratedAt: string }> {
    return (
      this.db.prepare('SELECT item_id, value, rated_at FROM ratings WHERE profile_id = ? ORDER BY rated_at DESC').all(profileId) as Array<{
        item_id: number;
        value: number;
        rated_at: string;
      }>
    ).map((r) => ({ itemId: r.item_id, value: r.value, ratedAt: r.rated_at }));
  }

  signal(profileId: number, itemId: number, kind: 'play' | 'skip'): void {
    this.db.prepare('INSERT INTO listening_events(profile_id, item_id, kind) VALUES (?, ?, ?)').run(profileId, itemId, kind);
  }

  /** Every rating (for training the recommender), in a stable order. */
  all(): Array<{ profileId: number; itemId: number; value: number; ratedAt: string }> {
    return (
      this.db.prepare('SELECT profile_id, item_id, value, rated_at FROM ratings ORDER BY profile_id, item_id').all() as Array<{
        profile_id: number;
        item_id: number;
        value: number;
        rated_at: string;
      }>
    ).map((r) => ({ profileId: r.profile_id, itemId: r.item_id, value: r.value, ratedAt: r.rated_at }));
  }

  /** Every rating, all profiles. */
  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
  }

  /** Ratings made or changed after `isoTime` (all profiles). */
  countSince(isoTime: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM ratings WHERE rated_at > ?').get(isoTime) as { n: number }).n;
  }

  /** Mark (or unmark) items as "not interested" for a profile. */
  dismiss(profileId: number, itemIds: readonly number[], dismissed: boolean): number {
    const add = this.db.prepare('INSERT INTO dismissed_items(profile_id, item_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
    const remove = this.db.prepare('DELETE FROM dismissed_items WHERE profile_id = ? AND item_id = ?');
    return this.db.transaction(() =>
      itemIds.reduce((n, itemId) => n + (dismissed ? add : remove).run(profileId, itemId).changes, 0),
    ).immediate();
  }

  dismissed(profileId: number): number[] {
    return (this.db.prepare('SELECT item_id FROM dismissed_items WHERE profile_id = ?').all(profileId) as Array<{ item_id: number }>).map(
      (r) => r.item_id,
    );
  }
}
