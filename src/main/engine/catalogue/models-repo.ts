import type { Database } from 'better-sqlite3';
import type { ModelKind, ModelVersion } from '../../../shared/models';
import { parseNumbers, parseObject } from './json';

interface ModelRow {
  id: number;
  kind: string;
  name: string;
  created_at: string;
  params: string;
  data_hash: string;
  metrics: string;
  path: string;
  job_id: number | null;
}

function toModel(row: ModelRow): ModelVersion {
  return {
    id: row.id,
    kind: row.kind as ModelKind,
    name: row.name,
    createdAt: row.created_at,
    params: parseObject(row.params),
    dataHash: row.data_hash,
    metrics: parseNumbers(row.metrics),
    path: row.path,
    jobId: row.job_id,
  };
}

export interface NewModelVersion {
  kind: ModelKind;
  name: string;
  params: Record<string, unknown>;
  dataHash: string;
  metrics: Record<string, number>;
  path: string;
  jobId: number | null;
}

/** Every trained model is a version with its data hash, parameters and metrics. */
export class ModelsRepo {
  constructor(private readonly db: Database) {}

  insert(model: NewModelVersion): ModelVersion {
    const info = this.db
      .prepare(
        'INSERT INTO model_versions(kind, name, params, data_hash, metrics, path, job_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        model.kind,
        model.name,
        JSON.stringify(model.params),
        model.dataHash,
        JSON.stringify(model.metrics),
        model.path,
        model.jobId,
      );
    const created = this.get(Number(info.lastInsertRowid));
    if (!created) throw new Error('model version vanished after insert');
    return created;
  }

  get(id: number): ModelVersion | null {
    const row = this.db.prepare('SELECT * FROM model_versions WHERE id = ?').get(id) as ModelRow | undefined;
    return row ? toModel(row) : null;
  }

  list(kind?: ModelKind): ModelVersion[] {
    const rows = (
      kind
        ? this.db.prepare('SELECT * FROM model_versions WHERE kind = ? ORDER BY id DESC').all(kind)
        : this.db.prepare('SELECT * FROM model_versions ORDER BY id DESC').all()
    ) as ModelRow[];
    return rows.map(toModel);
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM model_versions WHERE id = ?').run(id).changes > 0;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM model_versions').get() as { n: number }).n;
  }
}
