import type { DoctorReport } from '../../../shared/api';
import type { JobRecord } from '../../../shared/jobs';
import type { BackendInfo } from '../../../shared/runtime';
import { waitForJob } from '../../engine/jobs/wait';
import { initMlRuntime } from '../../engine/ml/runtime';
import type { CliContext } from '../context';
import { formatBytes, plural } from '../format';
import { ProgressBar } from '../progress-bar';

export interface DoctorOptions {
  selfTest?: boolean;
  steps?: number;
}

function describeBackend(info: BackendInfo): string[] {
  const lines = [`ML backend   ${info.active}${info.forced ? ' (forced by MOTIF_TF_BACKEND)' : ''}, TensorFlow.js ${info.tfjsVersion}`];
  for (const attempt of info.attempts) {
    lines.push(`  ${attempt.backend.padEnd(11)} ${attempt.ok ? 'active: ' : 'skipped: '}${attempt.detail}`);
  }
  if (!info.forced) {
    for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
      if (!info.attempts.some((a) => a.backend === name)) lines.push(`  ${name.padEnd(11)} not needed (a faster backend is active)`);
    }
  }
  return lines;
}

function human(report: DoctorReport): string {
  const { info, catalogue, stats } = report;
  const integrity = catalogue.integrity.length === 1 && catalogue.integrity[0] === 'ok' ? 'integrity ok' : `INTEGRITY PROBLEMS: ${catalogue.integrity.join('; ')}`;
  return [
    `Motif ${info.appVersion}`,
    `Node         ${info.nodeVersion} (${info.platform})`,
    `Data dir     ${info.dataDir}`,
    `Catalogue    ${catalogue.path}`,
    `             schema ${catalogue.schemaVersion}, ${integrity}, journal ${catalogue.journalMode}, ${formatBytes(catalogue.sizeBytes)}`,
    ...(info.backend ? describeBackend(info.backend) : [`ML backend   unavailable: ${info.backendError ?? 'unknown'}`]),
    `Contents     ${plural(stats.items, 'item')}, ${plural(stats.profiles, 'profile')}, ${plural(stats.ratings, 'rating')}, ` +
      `${plural(stats.modelVersions, 'model version')}, ${plural(stats.jobs, 'job')}`,
  ].join('\n');
}

export async function doctor(context: CliContext, options: DoctorOptions): Promise<void> {
  // Probe the runtime in this process: the same selection the worker makes.
  let backend: BackendInfo | null = null;
  let backendError: string | null = null;
  try {
    backend = (await initMlRuntime()).info;
  } catch (error) {
    backendError = (error as Error).message;
  }

  if (!options.selfTest) {
    const engine = context.openEngine();
    try {
      const info = { ...engine.info(), backend, backendError };
      const report: DoctorReport = { info, catalogue: engine.catalogue.health(), stats: engine.catalogue.stats() };
      context.output(report, () => human(report));
      if (report.catalogue.integrity[0] !== 'ok' || !backend) process.exitCode = 1;
    } finally {
      engine.close();
    }
    return;
  }

  const engine = context.openEngine();
  const bar = new ProgressBar();
  let job: JobRecord | null = null;
  const onSignal = (): void => {
    if (job) {
      context.log('\nCancelling the self-test…');
      try {
        engine.jobs.cancel(job.id);
      } catch {
        // already finished
      }
    }
  };
  process.on('SIGINT', onSignal);
  try {
    job = engine.jobs.start('self-test', options.steps !== undefined ? { steps: options.steps } : {});
    if (!context.json) context.log(`Self-test job #${job.id}: training a small network on generated data in the worker…`);
    const finished = await waitForJob(engine.events, job, (update) => {
      if (!context.json) bar.update(update);
    });
    bar.done();
    const model = typeof finished.result?.modelVersionId === 'number' ? engine.catalogue.models.get(finished.result.modelVersionId) : null;
    const payload = { job: finished, model, backend: engine.info().backend };
    context.output(payload, () => {
      if (finished.state !== 'done') return `Self-test ${finished.state}${finished.error ? `: ${finished.error}` : ''}`;
      const r = finished.result ?? {};
      const num = (key: string): string => (typeof r[key] === 'number' ? (r[key] as number).toFixed(4) : '?');
      return [
        `Self-test passed on ${String(r.backend)}: loss fell from ${num('initialLoss')} to ${num('finalLoss')}, accuracy ${num('accuracy')}`,
        `${String(r.steps)} steps at ${typeof r.stepsPerSecond === 'number' ? r.stepsPerSecond.toFixed(0) : '?'} steps/s; saved as model version #${model?.id ?? '?'} (${model?.path ?? ''})`,
      ].join('\n');
    });
    if (finished.state === 'cancelled') process.exitCode = 130;
    else if (finished.state !== 'done') process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSignal);
    engine.close();
  }
}

