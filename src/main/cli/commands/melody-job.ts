/**
 * How `motif melody …` talks to the engine: typed API calls, and following a job to its end with
 * a progress bar on stderr, where Ctrl+C cancels the job (a second Ctrl+C quits at once).
 */
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api';
import { MotifError } from '../../../shared/errors';
import type { JobProgress, JobRecord } from '../../../shared/jobs';
import type { Engine } from '../../engine/engine';
import { waitForJob } from '../../engine/jobs/wait';
import type { CliContext } from '../context';
import { ProgressBar } from '../progress-bar';

/** One API call through the engine's validating dispatch; a failed Result is thrown as a MotifError. */
export async function call<M extends ApiMethod>(engine: Engine, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new MotifError(result.error.kind, result.error.message);
  return result.value as ApiOutput<M>;
}

export interface FollowOptions {
  /** What Ctrl+C says it is cancelling, e.g. "the training". */
  what: string;
  /** Which live metrics the bar shows (default: all of them). */
  metrics?: (progress: JobProgress) => Record<string, number> | undefined;
}

/**
 * Follow `job` until it finishes. The bar is drawn on stderr unless --json; Ctrl+C asks the
 * engine to cancel the job. Sets the exit code: 130 when cancelled, 1 when failed.
 */
export async function followJob(
  context: CliContext,
  engine: Engine,
  job: JobRecord,
  options: FollowOptions,
): Promise<JobRecord> {
  const bar = new ProgressBar();
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
    context.log(`\nCancelling ${options.what}… (Ctrl+C again quits at once)`);
    void engine.dispatch('jobs.cancel', { id: job.id });
  };
  process.on('SIGINT', onSignal);
  try {
    const finished = await waitForJob(engine.events, job, (update) => {
      if (context.json || !update.progress) return;
      const metrics = options.metrics ? options.metrics(update.progress) : update.progress.metrics;
      bar.update({ ...update, progress: { ...update.progress, metrics } });
    });
    bar.done();
    if (finished.state === 'cancelled') process.exitCode = 130;
    else if (finished.state !== 'done') process.exitCode = 1;
    return finished;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

/** The human line for a job that did not finish: "Training failed: …". */
export function unfinished(label: string, job: JobRecord): string {
  return `${label} ${job.state}${job.error ? `: ${job.error}` : '.'}`;
}
