import { describe, expect, it } from 'vitest';
import { FollowedJob } from '../../src/renderer/src/state/followed-job.svelte';
import { JobsStore } from '../../src/renderer/src/state/jobs.svelte';
import { ToastStore } from '../../src/renderer/src/state/toasts.svelte';
import { createClient } from '../../src/shared/client';
import type { JobRecord } from '../../src/shared/jobs';
import { job, running } from './helpers/fixtures';
import { ScriptedBridge, settle } from './helpers/scriptedBridge';

function setup() {
  const bridge = new ScriptedBridge();
  const toasts = new ToastStore();
  const client = createClient(bridge);
  const jobs = new JobsStore(client, toasts.report);
  jobs.subscribe();
  const followed = new FollowedJob(jobs);
  /** Starts self-test job `id` through the API, as a store would. */
  const start = (id: number, started?: (job: JobRecord, previousId: number | null) => void) => {
    bridge.respond('jobs.start', job({ id }));
    return followed.start(() => client.call('jobs.start', { kind: 'self-test', params: {} }), started);
  };
  return { bridge, toasts, jobs, followed, start };
}

describe('FollowedJob', () => {
  it('starts a job, is starting while the call is in flight, then follows its progress', async () => {
    const { bridge, jobs, followed } = setup();
    const answer = bridge.defer('jobs.start');
    const client = createClient(bridge);

    const started = followed.start(() => client.call('jobs.start', { kind: 'self-test', params: {} }));
    expect(followed.starting).toBe(true);
    expect(followed.id).toBeNull();

    answer.resolve(job({ id: 3 }));
    expect((await started)?.id).toBe(3);
    expect(followed.starting).toBe(false);
    expect(followed.id).toBe(3);
    expect(jobs.get(3)?.state).toBe('queued');
    expect(followed.running).toBe(true);

    bridge.emit('job.updated', running(3, 0.25, 0.8));
    expect(followed.job?.progress?.fraction).toBe(0.25);
    bridge.emit('job.updated', running(3, 0.5, 0.4));
    expect(followed.job?.progress?.fraction).toBe(0.5);
    expect(followed.running).toBe(true);

    // Another job's progress is not this one's.
    bridge.emit('job.updated', running(9, 0.9));
    expect(followed.job?.progress?.fraction).toBe(0.5);
  });

  it('tells `started` the job and the id followed before, while still starting', async () => {
    const { followed, start } = setup();
    followed.id = 1;
    const seen: Array<{ id: number; previousId: number | null; starting: boolean }> = [];

    await start(4, (started, previousId) => seen.push({ id: started.id, previousId, starting: followed.starting }));

    expect(seen).toEqual([{ id: 4, previousId: 1, starting: true }]);
  });

  it('keeps the message when the start call fails, and clears it on the next start', async () => {
    const { bridge, followed, start } = setup();
    bridge.fail('jobs.start', 'invalid-input', 'no such dataset');
    const client = createClient(bridge);

    const result = await followed.start(() => client.call('jobs.start', { kind: 'self-test', params: {} }));

    expect(result).toBeNull();
    expect(followed.startError).toBe('no such dataset');
    expect(followed.starting).toBe(false);
    expect(followed.id).toBeNull();

    await start(5);
    expect(followed.startError).toBeNull();
    expect(followed.id).toBe(5);
  });

  it('cancels the job followed through jobs.cancel, and asks nothing when there is none', async () => {
    const { bridge, followed, start } = setup();
    await followed.cancel();
    expect(bridge.callsTo('jobs.cancel')).toEqual([]);

    await start(6);
    bridge.respond('jobs.cancel', job({ id: 6, state: 'cancelled', finishedAt: '2025-01-01T10:01:00Z' }));
    await followed.cancel();

    expect(bridge.callsTo('jobs.cancel')).toEqual([{ id: 6 }]);
    expect(followed.job?.state).toBe('cancelled');
    expect(followed.running).toBe(false);
  });

  it('shows a job that fails as finished with its error', async () => {
    const { bridge, followed, start } = setup();
    await start(7);
    bridge.emit('job.updated', running(7, 0.4));

    bridge.emit(
      'job.updated',
      job({ id: 7, state: 'failed', error: 'out of memory', finishedAt: '2025-01-01T10:02:00Z' }),
    );
    await settle();

    expect(followed.running).toBe(false);
    expect(followed.job?.state).toBe('failed');
    expect(followed.job?.error).toBe('out of memory');
  });

  it('dismisses only a finished job', async () => {
    const { bridge, followed, start } = setup();
    await start(8);

    expect(followed.dismiss()).toBe(false);
    expect(followed.id).toBe(8);

    bridge.emit('job.updated', job({ id: 8, state: 'done', finishedAt: '2025-01-01T10:03:00Z' }));
    expect(followed.dismiss()).toBe(true);
    expect(followed.id).toBeNull();
    expect(followed.job).toBeNull();
    expect(followed.running).toBe(false);
  });

  it('answers once per job id', () => {
    const { followed } = setup();
    expect(followed.once(2)).toBe(true);
    expect(followed.once(2)).toBe(false);
    expect(followed.once(3)).toBe(true);
  });
});
