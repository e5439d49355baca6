import type { JobProgress } from '../../../shared/jobs';
import type { MlRuntime } from '../ml/runtime';
import type { JobOutcome } from '../jobs/protocol';

/** What a job runner gets inside the worker process. */
export interface JobContext {
  jobId: number;
  dataDir: string;
  signal: AbortSignal;
  /** Throttled, monotonic progress. */
  progress(progress: JobProgress): void;
  /** The ML runtime, initialised once per worker. */
  ml(): Promise<MlRuntime>;
}

export type JobRunner = (params: Record<string, unknown>, context: JobContext) => Promise<JobOutcome>;

/** What a quick worker request gets: the data directory and the shared ML runtime. */
export interface RequestContext {
  dataDir: string;
  ml(): Promise<MlRuntime>;
}

export type RequestHandler = (params: unknown, context: RequestContext) => Promise<unknown>;
