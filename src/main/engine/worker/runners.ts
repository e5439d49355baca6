import type { JobKind } from '../../../shared/jobs';
import { runLibraryImport } from '../library/import-runner';
import { runSelfTest } from '../ml/self-test';
import type { JobRunner } from './context';

/** Which code runs each job kind inside the worker. Later capabilities add their kinds here. */
export const JOB_RUNNERS: Record<JobKind, JobRunner> = {
  'self-test': runSelfTest,
  'library-import': runLibraryImport,
};
