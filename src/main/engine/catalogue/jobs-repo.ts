import type { Database } from 'better-sqlite3';
import type { JobKind, JobProgress, JobRecord, JobState } from '../../../shared/jobs';
import { parseNullableObject, parseObject } from './json';

interface JobRow {
  id: number;
  kind: string;
  state: string;
  params: string;
  progress: string | null;
  error: string | null;
  result: string | null;
  owner_pid: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    state: row.state as JobState,
    params: parseObject(row.params),
    progress: row.progress === null ? null : (JSON.parse(row.progress) as JobProgress),
    error: row.error,
    result: parseNullableObject(row.result),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** Job rows: they survive restarts so the studio can show what happened. */
export class JobsRepo {
  constructor(private readonly db: Database) {}

  create(kind: JobKind, params: Record<string, unknown>, ownerPid: number): JobRecord {
    const info = this.db
      .prepare('INSERT INTO jobs(kind, state, params, owner_pid) VALUES (?, ?, ?, ?)')
      .run(kind, 'queued', JSON.stringify(params), ownerPid);
    return this.require(Number(info.lastInsertRowid));
  }

  get(id: number): JobRecord | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toRecord(row) : null;
  }

  require(id: number): JobRecord {
    const record = this.get(id);
    if (!record) throw new Error(`job ${id} vanished from the catalogue`);
    return record;
  }

  list(options: { limit?: number; state?: JobState } = {}): JobRecord[] {
    const limit = options.limit ?? 100;
    const rows = (
      options.state
        ? this.db.prepare('SELECT * FROM jobs WHERE state = ? ORDER BY id DESC LIMIT ?').all(options.state, limit)
        : this.db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit)
    ) as JobRow[];
    return rows.map(toRecord);
  }

  markRunning(id: number): JobRecord {
    this.db.prepare(`UPDATE jobs SET state = 'running', started_at = ${NOW} WHERE id = ?`).run(id);
    return this.require(id);
  }

  setProgress(id: number, progress: JobProgress): JobRecord {
    this.db.prepare('UPDATE jobs SET progress = ? WHERE id = ?').run(JSON.stringify(progress), id);
    return this.require(id);
  }

  finish(
    id: number,
    state: Extract<JobState, 'done' | 'failed' | 'cancelled'>,
    details: { error?: string | null; result?: Record<string, unknown> | null } = {},
  ): JobRecord {
    this.db
      .prepare(`UPDATE jobs SET state = ?, error = ?, result = ?, finished_at = ${NOW} WHERE id = ?`)
      .run(state, details.error ?? null, details.result ? JSON.stringify(details.result) : null, id);
    return this.require(id);
  }

  /**
   * Jobs left queued or running by a process that is no longer alive were interrupted: the app
   * or CLI that owned them died. Mark them failed so nothing claims to be running forever.
   */
  failInterrupted(isAlive: (pid: number) => boolean): JobRecord[] {
    const rows = this.db
      .prepare("SELECT id, owner_pid FROM jobs WHERE state IN ('queued', 'running')")
      .all() as Array<{ id: number; owner_pid: number | null }>;
    const orphaned = rows.filter((row) => row.owner_pid === null || !isAlive(row.owner_pid));
    const update = this.db.prepare(
      `UPDATE jobs SET state = 'failed', error = ?, finished_at = ${NOW} WHERE id = ?`,
    );
    this.db.transaction(() => {
      for (const row of orphaned) {
        update.run('Interrupted: Motif stopped while this job was running. Start it again to retry.', row.id);
      }
    }).immediate();
    return orphaned.map((row) => this.require(row.id));
  }

  clearFinished(): number {
    return this.db.prepare("DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled')").run().changes;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number }).n;
  }
}
