import { MotifError } from '../../../shared/errors';
import { isFinished, type JobKind, type JobProgress, type JobRecord } from '../../../shared/jobs';
import type { Catalogue } from '../catalogue/catalogue';
import type { EventBus } from '../events';
import type { WorkerExit, WorkerSpawner } from './channel';
import type { JobOutcome, WorkerToHost } from './protocol';
import { WorkerHost } from './worker-host';

export interface JobRegistryOptions {
  catalogue: Catalogue;
  events: EventBus;
  spawnWorker: WorkerSpawner;
  dataDir: string;
  /** How long a running job may ignore a cancel before its worker is killed. */
  cancelGraceMs?: number;
  onBackend?: () => void;
}

/** Jobs that write to the catalogue as they go: even a cancelled or failed run changed these. */
const WRITES_AS_IT_GOES: Partial<Record<JobKind, ReadonlyArray<'media' | 'tags'>>> = {
  'library-import': ['media'],
  'stills-import': ['media'],
  // Imports the folder first, then tags batch by batch.
  'stills-classify': ['media', 'tags'],
};

interface RunningJob {
  id: number;
  controller: AbortController;
  killTimer: NodeJS.Timeout | null;
}

function describeExit(exit: WorkerExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}

/**
 * The job registry: ids, states, a FIFO queue run one at a time in the worker process, progress
 * (monotonic; the worker throttles it to about 10 per second), cancellation and crash recovery.
 */
export class JobRegistry {
  private readonly queue: number[] = [];
  private running: RunningJob | null = null;
  private readonly host: WorkerHost;
  private closed = false;

  constructor(private readonly options: JobRegistryOptions) {
    this.host = new WorkerHost(options.spawnWorker, {
      message: (message) => this.onWorkerMessage(message),
      exit: (exit, expected) => this.onWorkerExit(exit, expected),
      ready: () => options.onBackend?.(),
    });
  }

  get worker(): WorkerHost {
    return this.host;
  }

  /** Start the worker now (so the studio can show the ML backend before the first job). */
  warmUp(): void {
    if (!this.closed) this.host.ensure();
  }

  start(kind: JobKind, params: Record<string, unknown>): JobRecord {
    if (this.closed) throw new MotifError('unavailable', 'The engine is shutting down.');
    const job = this.options.catalogue.jobs.create(kind, params, process.pid);
    this.queue.push(job.id);
    this.publish(job);
    this.pump();
    return this.options.catalogue.jobs.require(job.id);
  }

  get(id: number): JobRecord {
    const job = this.options.catalogue.jobs.get(id);
    if (!job) throw new MotifError('not-found', `There is no job ${id}.`);
    return job;
  }

  cancel(id: number): JobRecord {
    const job = this.get(id);
    if (isFinished(job.state)) {
      throw new MotifError('conflict', `Job ${id} has already finished (${job.state}).`);
    }
    const queued = this.queue.indexOf(id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      return this.finish(id, 'cancelled');
    }
    if (this.running?.id === id) {
      this.running.controller.abort();
      return job;
    }
    // A job row another process owns: that process is the one that can cancel it.
    throw new MotifError('conflict', `Job ${id} is run by another Motif process (it cannot be cancelled from here).`);
  }

  /** Stop accepting work, stop the worker; what was still pending is recorded as interrupted. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const id of this.queue.splice(0))
      this.finish(id, 'cancelled', 'Cancelled: Motif was closed before this job started.');
    if (this.running) {
      const { id, killTimer } = this.running;
      if (killTimer) clearTimeout(killTimer);
      this.running = null;
      this.finish(id, 'failed', 'Interrupted: Motif was closed while this job was running. Start it again to retry.');
    }
    this.host.stop();
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const id = this.queue.shift();
    if (id === undefined) return;
    const job = this.options.catalogue.jobs.markRunning(id);
    const controller = new AbortController();
    const running: RunningJob = { id, controller, killTimer: null };
    this.running = running;
    controller.signal.addEventListener('abort', () => {
      this.host.send({ type: 'cancel', jobId: id });
      running.killTimer = setTimeout(() => {
        // The worker did not stop in time: kill it; onWorkerExit records the cancel.
        if (this.running === running) this.host.kill();
      }, this.options.cancelGraceMs ?? 10_000);
      running.killTimer.unref();
    });
    this.publish(job);
    this.host.send({ type: 'start', jobId: id, kind: job.kind, params: job.params, dataDir: this.options.dataDir });
  }

  private onWorkerMessage(message: WorkerToHost): void {
    if (message.type === 'ready' || message.type === 'response') return;
    const running = this.running;
    if (!running || running.id !== message.jobId) return;
    switch (message.type) {
      case 'progress':
        this.onProgress(running.id, message.progress);
        return;
      case 'done':
        this.settle(running, () => this.complete(running.id, message.outcome));
        return;
      case 'failed':
        this.settle(running, () =>
          message.error.kind === 'cancelled'
            ? this.finish(running.id, 'cancelled')
            : this.finish(running.id, 'failed', message.error.message),
        );
        return;
      case 'cancelled':
        this.settle(running, () => this.finish(running.id, 'cancelled'));
        return;
    }
  }

  private onProgress(id: number, progress: JobProgress): void {
    const current = this.options.catalogue.jobs.get(id)?.progress;
    const fraction = Math.min(1, Math.max(progress.fraction, current?.fraction ?? 0));
    this.publish(this.options.catalogue.jobs.setProgress(id, { ...progress, fraction }));
  }

  private complete(id: number, outcome: JobOutcome): JobRecord {
    const { catalogue, events } = this.options;
    let modelVersionId: number | null = null;
    if (outcome.model) {
      modelVersionId = catalogue.models.insert({ ...outcome.model, jobId: id }).id;
      events.emit('catalogue.changed', { table: 'models' });
    }
    for (const table of outcome.changed ?? []) events.emit('catalogue.changed', { table });
    return this.finish(id, 'done', null, { ...outcome.summary, modelVersionId });
  }

  private onWorkerExit(exit: WorkerExit, expected: boolean): void {
    const running = this.running;
    if (running) {
      const cancelled = running.controller.signal.aborted;
      this.settle(running, () =>
        cancelled
          ? this.finish(running.id, 'cancelled')
          : this.finish(
              running.id,
              'failed',
              `The ML worker process stopped unexpectedly (${describeExit(exit)}) while running this job. ` +
                'Motif restarts the worker for the next job; start this one again to retry.',
            ),
      );
    } else if (!expected && !this.closed) {
      this.options.onBackend?.();
    }
  }

  private settle(running: RunningJob, finishIt: () => JobRecord): void {
    if (running.killTimer) clearTimeout(running.killTimer);
    this.running = null;
    finishIt();
    this.pump();
  }

  private finish(
    id: number,
    state: 'done' | 'failed' | 'cancelled',
    error: string | null = null,
    result: Record<string, unknown> | null = null,
  ): JobRecord {
    const job = this.options.catalogue.jobs.finish(id, state, { error, result });
    this.publish(job);
    const tables = state === 'done' ? [] : (WRITES_AS_IT_GOES[job.kind] ?? []);
    for (const table of tables) this.options.events.emit('catalogue.changed', { table });
    return job;
  }

  private publish(job: JobRecord): void {
    this.options.events.emit('job.updated', job);
  }
}
