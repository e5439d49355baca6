import type { Database } from 'better-sqlite3';

export type EmbeddingAspect = 'crop' | 'pad';

export interface EmbeddingKey {
  backboneId: string;
  aspect: EmbeddingAspect;
}

const SQLITE_MAX_PARAMS = 500;

/** Cached backbone embeddings, keyed by (content hash, backbone id, aspect policy). */
export class EmbeddingsRepo {
  constructor(private readonly db: Database) {}

  /** The cached vectors among `hashes` (absent ones are simply missing from the map). */
  getMany(hashes: readonly string[], key: EmbeddingKey): Map<string, Float32Array> {
    const found = new Map<string, Float32Array>();
    const unique = [...new Set(hashes)];
    for (let start = 0; start < unique.length; start += SQLITE_MAX_PARAMS) {
      const chunk = unique.slice(start, start + SQLITE_MAX_PARAMS);
      const rows = this.db
        .prepare(
          `SELECT content_hash, vector FROM stills_embeddings
           WHERE backbone_id = ? AND aspect = ? AND content_hash IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(key.backboneId, key.aspect, ...chunk) as Array<{ content_hash: string; vector: Buffer }>;
      for (const row of rows) {
        // Copy into an aligned buffer: SQLite's Buffer may sit at any byte offset.
        const copy = new Uint8Array(row.vector.byteLength);
        copy.set(row.vector);
        found.set(row.content_hash, new Float32Array(copy.buffer));
      }
    }
    return found;
  }

  putMany(entries: ReadonlyArray<{ contentHash: string; vector: Float32Array }>, key: EmbeddingKey): void {
    const put = this.db.prepare(
      `INSERT INTO stills_embeddings(content_hash, backbone_id, aspect, dimension, vector) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(content_hash, backbone_id, aspect) DO UPDATE SET dimension = excluded.dimension, vector = excluded.vector`,
    );
    this.db.transaction(() => {
      for (const { contentHash, vector } of entries)
        put.run(
          contentHash,
          key.backboneId,
          key.aspect,
          vector.length,
          Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
        );
    }).immediate();
  }

  count(key?: EmbeddingKey): number {
    const row = key
      ? this.db
          .prepare('SELECT count(*) AS n FROM stills_embeddings WHERE backbone_id = ? AND aspect = ?')
          .get(key.backboneId, key.aspect)
      : this.db.prepare('SELECT count(*) AS n FROM stills_embeddings').get();
    return (row as { n: number }).n;
  }
}
