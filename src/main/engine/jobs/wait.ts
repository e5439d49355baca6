import { isFinished, type JobRecord } from '../../../shared/jobs';
import type { EventBus } from '../events';

/** Resolve when job `id` finishes; `onUpdate` sees every update on the way. */
export function waitForJob(
  events: EventBus,
  current: JobRecord,
  onUpdate: (job: JobRecord) => void = () => undefined,
): Promise<JobRecord> {
  if (isFinished(current.state)) return Promise.resolve(current);
  return new Promise((resolve) => {
    const unsubscribe = events.subscribe((message) => {
      if (message.event !== 'job.updated') return;
      const job = message.payload as JobRecord;
      if (job.id !== current.id) return;
      onUpdate(job);
      if (isFinished(job.state)) {
        unsubscribe();
        resolve(job);
      }
    });
  });
}
