import type { JobKind } from '../../../shared/jobs';
import { runLibraryImport } from '../library/import-runner';
import { runSelfTest } from '../ml/self-test';
import { runMelodyEval } from '../music/model/eval-runner';
import { GenerationService } from '../music/model/generation-service';
import { runMelodyTrain } from '../music/model/runner';
import { RecommendService } from '../recs/recommend-service';
import { runRecsTrain } from '../recs/train-runner';
import { runBackboneDownload } from '../stills/download-runner';
import { runStillsClassify } from '../stills/classify-runner';
import { runStillsEmbed } from '../stills/embed-runner';
import { runStillsImport } from '../stills/import-runner';
import { StillsPredictService } from '../stills/predict';
import { stillsQueue } from '../stills/queue';
import { runStillsTrain } from '../stills/train-runner';
import type { WorkerRequestMethod } from '../jobs/protocol';
import type { JobRunner, RequestHandler } from './context';

/** Which code runs each job kind inside the worker. Later capabilities add their kinds here. */
export const JOB_RUNNERS: Record<JobKind, JobRunner> = {
  'self-test': runSelfTest,
  'library-import': runLibraryImport,
  'melody-train': runMelodyTrain,
  'melody-eval': runMelodyEval,
  'recs-train': runRecsTrain,
  'backbone-download': (params, context) => runBackboneDownload(params, context),
  'stills-import': runStillsImport,
  'stills-embed': runStillsEmbed,
  'stills-classify': runStillsClassify,
  'stills-train': runStillsTrain,
};

const generation = new GenerationService();
const recommendations = new RecommendService();
const stillsPredictions = new StillsPredictService();

/** Quick requests the worker answers between job steps. */
export const WORKER_REQUESTS: Record<WorkerRequestMethod, RequestHandler> = {
  'melody.generate': (params, context) => generation.generate(params, context),
  'recs.recommend': (params, context) => Promise.resolve(recommendations.recommend(params, context)),
  'stills.predict': (params, context) => stillsPredictions.predict(params, context),
  'stills.queue': (params, context) => stillsQueue(params, context),
};
