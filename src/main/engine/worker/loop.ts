import { MotifError, toApiErrorData } from '../../../shared/errors';
import { initMlRuntime, type MlRuntime } from '../ml/runtime';
import type { HostToWorker, WorkerToHost } from '../jobs/protocol';
import type { WorkerRequestMethod } from '../jobs/protocol';
import type { JobRunner, RequestHandler } from './context';
import { ProgressReporter } from './progress';
import { JOB_RUNNERS, WORKER_REQUESTS } from './runners';

export interface WorkerTransport {
  send(message: WorkerToHost): void;
  onMessage(listener: (message: HostToWorker) => void): void;
  exit(code: number): void;
}

/**
 * The worker process's main loop: initialise the ML runtime once, announce the backend, then run
 * the jobs it is sent, one at a time, each with its own AbortController.
 */
export function runWorkerLoop(
  transport: WorkerTransport,
  runners: Record<string, JobRunner> = JOB_RUNNERS,
  initMl: () => Promise<MlRuntime> = () => initMlRuntime(),
  requests: Record<WorkerRequestMethod, RequestHandler> = WORKER_REQUESTS,
): void {
  const controllers = new Map<number, AbortController>();
  const ml = initMl();
  ml.then(
    (runtime) => transport.send({ type: 'ready', backend: runtime.info, error: null, pid: process.pid }),
    (error: unknown) =>
      transport.send({ type: 'ready', backend: null, error: toApiErrorData(error).message, pid: process.pid }),
  );

  async function run(message: Extract<HostToWorker, { type: 'start' }>): Promise<void> {
    const { jobId } = message;
    const controller = new AbortController();
    controllers.set(jobId, controller);
    const reporter = new ProgressReporter((progress) => transport.send({ type: 'progress', jobId, progress }));
    try {
      const runner = runners[message.kind];
      if (!runner) throw new MotifError('invalid-input', `This worker cannot run jobs of kind "${message.kind}".`);
      const outcome = await runner(message.params, {
        jobId,
        dataDir: message.dataDir,
        signal: controller.signal,
        progress: (progress) => reporter.report(progress),
        ml: () => ml,
      });
      reporter.flush();
      if (controller.signal.aborted) transport.send({ type: 'cancelled', jobId });
      else transport.send({ type: 'done', jobId, outcome });
    } catch (error) {
      reporter.flush();
      if (controller.signal.aborted) transport.send({ type: 'cancelled', jobId });
      else transport.send({ type: 'failed', jobId, error: toApiErrorData(error) });
    } finally {
      controllers.delete(jobId);
    }
  }

  async function answer(message: Extract<HostToWorker, { type: 'request' }>): Promise<void> {
    const { requestId } = message;
    try {
      const handler = Object.prototype.hasOwnProperty.call(requests, message.method) ? requests[message.method] : undefined;
      if (!handler) throw new MotifError('invalid-input', `This worker cannot answer "${String(message.method)}".`);
      const value = await handler(message.params, { dataDir: message.dataDir, ml: () => ml });
      transport.send({ type: 'response', requestId, ok: true, value });
    } catch (error) {
      transport.send({ type: 'response', requestId, ok: false, error: toApiErrorData(error) });
    }
  }

  transport.onMessage((message) => {
    switch (message.type) {
      case 'start':
        void run(message);
        return;
      case 'request':
        void answer(message);
        return;
      case 'cancel':
        controllers.get(message.jobId)?.abort();
        return;
      case 'shutdown':
        for (const controller of controllers.values()) controller.abort();
        transport.exit(0);
        return;
    }
  });
}
