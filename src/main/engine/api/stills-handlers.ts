import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { Engine } from '../engine';
import type { HandlersFor } from './handler-types';

/** An absolute path to an existing folder, resolved (symlinks too). */
function existingFolder(input: string): string {
  if (!path.isAbsolute(input))
    throw new MotifError('invalid-input', `Give the dataset folder as an absolute path: ${input}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new MotifError('not-found', `There is no folder at ${path.resolve(input)}.`);
  }
  if (!stat.isDirectory())
    throw new MotifError('invalid-input', `${path.resolve(input)} is a file; choose a folder of class subfolders.`);
  return fs.realpathSync(input);
}

/** The stills lab: datasets (imported as jobs) and the backbone download. */
export function stillsHandlers(engine: Engine): HandlersFor<'stills'> {
  const { catalogue, jobs } = engine;
  return {
    'stills.importDataset': ({ path: given, name }) => {
      const root = existingFolder(given);
      const chosen = name ?? path.basename(root);
      const clash = catalogue.stills
        .list()
        .find((d) => d.name.toLowerCase() === chosen.toLowerCase() && d.root !== root);
      if (clash)
        throw new MotifError(
          'conflict',
          `A dataset named "${clash.name}" already exists (from ${clash.root}); choose another name.`,
        );
      return jobs.start('stills-import', { root, name: chosen });
    },
    'stills.embed': ({ datasetId, aspect }) => {
      if (!catalogue.stills.get(datasetId))
        throw new MotifError('not-found', `There is no stills dataset ${datasetId}.`);
      const backbone = engine.settings.backbone();
      if (backbone.state !== 'ready')
        throw new MotifError('unavailable', `No usable backbone at ${backbone.path}: ${backbone.detail}`);
      return jobs.start('stills-embed', { datasetId, aspect });
    },
    'stills.datasets': () => catalogue.stills.list(),
    'stills.downloadBackbone': () => jobs.start('backbone-download', {}),
  };
}
