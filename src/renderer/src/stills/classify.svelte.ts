/**
 * The Use tab's state: batch-classify a folder or the whole library with the model in use (a
 * `stills-classify` job with progress, cancel and its report), and a single still dropped on the
 * page classified at once (`stills.predict`, with the file's bytes in the browser or its path in
 * the desktop app).
 */
import type { MotifClient } from '../../../shared/api';
import type { JobRecord } from '../../../shared/jobs';
import type { StillsPrediction } from '../../../shared/stills';
import { FollowedJob } from '../state/followed-job.svelte';
import type { JobsStore } from '../state/jobs.svelte';
import { classifyReport } from './reports';

export type ClassifyTarget = 'folder' | 'library';

/** The largest still the drop zone sends as bytes (the API's limit is about 45 MB decoded). */
export const MAX_DROP_BYTES = 40 * 1024 * 1024;

/** Bytes as base64, in chunks (a spread of a large array would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export interface DroppedStill {
  name: string;
  /** An object URL of the file, to show it beside its prediction. */
  previewUrl: string | null;
}

export class StillsClassifier {
  target = $state<ClassifyTarget>('folder');
  path = $state('');
  get starting(): boolean {
    return this.#run.starting;
  }
  get startError(): string | null {
    return this.#run.startError;
  }
  get jobId(): number | null {
    return this.#run.id;
  }

  predicting = $state(false);
  prediction = $state.raw<StillsPrediction | null>(null);
  predictError = $state<string | null>(null);
  dropped = $state.raw<DroppedStill | null>(null);

  get job(): JobRecord | null {
    return this.#run.job;
  }
  get running(): boolean {
    return this.#run.running;
  }
  readonly report = $derived(classifyReport(this.job));

  readonly #client: MotifClient;
  readonly #run: FollowedJob;

  constructor(client: MotifClient, jobs: JobsStore) {
    this.#client = client;
    this.#run = new FollowedJob(jobs);
  }

  async start(modelId: number): Promise<JobRecord | null> {
    if (this.starting || this.running) return null;
    const path = this.path.trim();
    return this.#run.start(() =>
      this.#client.call('stills.classify', this.target === 'library' ? { modelId, library: true } : { modelId, path }),
    );
  }

  cancel(): Promise<void> {
    return this.#run.cancel();
  }

  dismiss(): void {
    this.#run.dismiss();
  }

  /** Classify one still: a file path (desktop) or its bytes (browser). */
  async predict(
    modelId: number,
    still: { path: string } | { bytes: Uint8Array },
    shown: DroppedStill,
  ): Promise<StillsPrediction | null> {
    this.#setDropped(shown);
    this.predicting = true;
    this.predictError = null;
    this.prediction = null;
    try {
      const input =
        'path' in still ? { modelId, path: still.path } : { modelId, dataBase64: toBase64(still.bytes) };
      const prediction = await this.#client.call('stills.predict', input);
      this.prediction = prediction;
      return prediction;
    } catch (error) {
      this.predictError = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.predicting = false;
    }
  }

  /** Reports a drop the lab cannot use (a folder, several files, a file too big). */
  refuse(message: string): void {
    this.predictError = message;
    this.prediction = null;
  }

  #setDropped(next: DroppedStill): void {
    const old = this.dropped?.previewUrl;
    if (old && old !== next.previewUrl && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(old);
    this.dropped = next;
  }

  /** Frees the preview's object URL (the tab went away). */
  dispose(): void {
    const old = this.dropped?.previewUrl;
    if (old && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(old);
    this.dropped = null;
  }
}
