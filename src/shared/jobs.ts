/** Job vocabulary shared by the engine, the worker protocol, the API and the studio. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const FINISHED_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

export function isFinished(state: JobState): boolean {
  return FINISHED_JOB_STATES.includes(state);
}

export const JOB_KINDS = ['self-test', 'library-import', 'melody-train', 'melody-eval', 'recs-train', 'backbone-download', 'stills-import', 'stills-embed', 'stills-train', 'stills-classify'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_KIND_LABELS: Record<JobKind, string> = {
  'self-test': 'ML self-test',
  'library-import': 'Library import',
  'melody-train': 'Melody training',
  'melody-eval': 'Melody evaluation',
  'recs-train': 'Recommender training',
  'backbone-download': 'Backbone download',
  'stills-import': 'Stills dataset import',
  'stills-embed': 'Stills embeddings',
  'stills-train': 'Stills training',
  'stills-classify': 'Stills classification',
};

/** One progress report. `fraction` is in [0, 1] and never decreases within a job. */
export interface JobProgress {
  fraction: number;
  /** Short machine-friendly stage name, e.g. "training". */
  stage: string;
  /** Human-readable line, e.g. "step 120 of 400". */
  message: string;
  /** Live numbers such as loss or accuracy. */
  metrics?: Record<string, number>;
  /** Estimated seconds left, when the job can tell. */
  etaSeconds?: number;
}

export interface JobRecord {
  id: number;
  kind: JobKind;
  state: JobState;
  params: Record<string, unknown>;
  progress: JobProgress | null;
  error: string | null;
  result: Record<string, unknown> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
