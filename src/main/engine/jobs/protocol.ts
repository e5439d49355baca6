/**
 * The one typed message protocol between the engine and its worker process (Electron
 * utilityProcess or child_process.fork). Messages are plain structured-clone data.
 */
import type { ApiErrorData } from '../../../shared/errors';
import { isApiErrorData } from '../../../shared/errors';
import type { JobKind, JobProgress } from '../../../shared/jobs';
import type { ModelKind } from '../../../shared/models';
import type { BackendInfo } from '../../../shared/runtime';

/** A model the worker trained and saved under the data directory. */
export interface TrainedModel {
  kind: ModelKind;
  name: string;
  params: Record<string, unknown>;
  dataHash: string;
  metrics: Record<string, number>;
  /** Folder relative to the data directory. */
  path: string;
}

export interface JobOutcome {
  summary: Record<string, unknown>;
  model?: TrainedModel;
  /** Catalogue tables the job wrote, so the studio refreshes them. */
  changed?: Array<'media' | 'ratings' | 'tags' | 'models'>;
}

/** Quick requests the worker answers between job steps (e.g. generating with a trained model). */
export const WORKER_REQUEST_METHODS = ['melody.generate', 'recs.recommend', 'stills.predict', 'stills.queue'] as const;
export type WorkerRequestMethod = (typeof WORKER_REQUEST_METHODS)[number];

export type HostToWorker =
  | { type: 'start'; jobId: number; kind: JobKind; params: Record<string, unknown>; dataDir: string }
  | { type: 'request'; requestId: number; method: WorkerRequestMethod; params: unknown; dataDir: string }
  | { type: 'cancel'; jobId: number }
  | { type: 'shutdown' };

export type WorkerToHost =
  | { type: 'ready'; backend: BackendInfo | null; error: string | null; pid: number }
  | { type: 'progress'; jobId: number; progress: JobProgress }
  | { type: 'done'; jobId: number; outcome: JobOutcome }
  | { type: 'failed'; jobId: number; error: ApiErrorData }
  | { type: 'cancelled'; jobId: number }
  | { type: 'response'; requestId: number; ok: true; value: unknown }
  | { type: 'response'; requestId: number; ok: false; error: ApiErrorData };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The worker is a separate process: check what it sends before believing it. */
export function parseWorkerMessage(raw: unknown): WorkerToHost | null {
  if (!isObject(raw) || typeof raw.type !== 'string') return null;
  const hasJob = typeof raw.jobId === 'number';
  switch (raw.type) {
    case 'ready':
      return typeof raw.pid === 'number' ? (raw as unknown as WorkerToHost) : null;
    case 'progress':
      return hasJob && isObject(raw.progress) && typeof raw.progress.fraction === 'number'
        ? (raw as unknown as WorkerToHost)
        : null;
    case 'done':
      return hasJob && isObject(raw.outcome) ? (raw as unknown as WorkerToHost) : null;
    case 'failed':
      return hasJob && isApiErrorData(raw.error) ? (raw as unknown as WorkerToHost) : null;
    case 'cancelled':
      return hasJob ? (raw as unknown as WorkerToHost) : null;
    case 'response':
      if (typeof raw.requestId !== 'number') return null;
      if (raw.ok === true) return raw as unknown as WorkerToHost;
      return raw.ok === false && isApiErrorData(raw.error) ? (raw as unknown as WorkerToHost) : null;
    default:
      return null;
  }
}
