/**
 * Using a trained stills classifier: batch classification into tags (a `stills-classify` job) and
 * single-still prediction (a quick worker request). The model and, for transfer models, a backbone
 * with the weights it was trained on are resolved here, before any work reaches the worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { StillsPrediction } from '../../../shared/stills';
import type { Engine } from '../engine';
import type { ClassifyJobParams } from '../stills/classify-runner';
import { resolveStillsModel } from '../stills/model-use';
import type { PredictRequest } from '../stills/predict';
import type { HandlersFor } from './handler-types';

type UseMethods = 'stills.classify' | 'stills.predict';

/** An absolute path that exists and is of the wanted kind, resolved (symlinks too). */
function existing(input: string, want: 'folder' | 'file'): string {
  if (!path.isAbsolute(input)) throw new MotifError('invalid-input', `Give the ${want} as an absolute path: ${input}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new MotifError('not-found', `There is no ${want} at ${path.resolve(input)}.`);
  }
  if (want === 'folder' && !stat.isDirectory())
    throw new MotifError('invalid-input', `${path.resolve(input)} is a file; choose a folder of stills.`);
  if (want === 'file' && !stat.isFile()) throw new MotifError('invalid-input', `${path.resolve(input)} is not a file.`);
  return fs.realpathSync(input);
}

const within = (child: string, parent: string): boolean =>
  child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

export function stillsUseHandlers(engine: Engine): Pick<HandlersFor<'stills'>, UseMethods> {
  const { catalogue, jobs } = engine;
  const dataDir = engine.paths.dataDir;
  return {
    'stills.classify': ({ modelId, path: given, aspect }) => {
      const use = resolveStillsModel(catalogue, dataDir, modelId);
      let folder: string | null = null;
      if (given !== undefined) {
        folder = existing(given, 'folder');
        // New to the library: it joins it (rescanned later like any folder). Either way the job
        // imports it first (incremental: unchanged files cost a stat), so new stills are classified
        // too and files that cannot be read are reported.
        if (!catalogue.library.folders().some((f) => within(folder as string, f.path)))
          catalogue.library.addFolder(folder);
      }
      const params: ClassifyJobParams = {
        modelId,
        modelPath: use.modelPath,
        backbonePath: use.backbonePath,
        folder,
        aspect: aspect ?? use.manifest.aspect,
        importFirst: folder !== null,
      };
      return jobs.start('stills-classify', { ...params });
    },

    'stills.predict': async ({ modelId, path: given, dataBase64 }) => {
      const use = resolveStillsModel(catalogue, dataDir, modelId);
      const request: PredictRequest = {
        modelId,
        modelPath: use.modelPath,
        backbonePath: use.backbonePath,
        ...(given !== undefined ? { path: existing(given, 'file') } : { dataBase64: dataBase64 ?? '' }),
      };
      return (await jobs.worker.request('stills.predict', request, dataDir)) as StillsPrediction;
    },
  };
}
