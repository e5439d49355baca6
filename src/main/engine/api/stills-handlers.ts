import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { ModelVersion } from '../../../shared/models';
import type { StillsEpoch, StillsModelDetails, StillsQueueItem } from '../../../shared/stills';
import type { Engine } from '../engine';
import { exportDatasetFiles } from '../stills/export-dataset';
import { STILLS_MODEL_KIND } from '../stills/model-use';
import {
  STILLS_MODELS_FOLDER,
  exportStillsModel,
  importStillsModelFolder,
  readEvaluation,
  readHistory,
} from '../stills/model-store';
import { stillsModelSummary } from '../stills/model-summary';
import type { QueueRequest } from '../stills/queue';
import { backboneFolder, trainableClasses } from '../stills/train-checks';
import type { HandlersFor } from './handler-types';
import { stillsUseHandlers } from './stills-use-handlers';

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

/** The stills lab: datasets, training, models, the relabel queue and model export/import. */
export function stillsHandlers(engine: Engine): HandlersFor<'stills'> {
  const { catalogue, jobs, events } = engine;
  const dataDir = engine.paths.dataDir;
  const requireDataset = (id: number): void => {
    if (!catalogue.stills.get(id)) throw new MotifError('not-found', `There is no stills dataset ${id}.`);
  };
  const requireModel = (id: number): ModelVersion => {
    const model = catalogue.models.get(id);
    if (!model || model.kind !== STILLS_MODEL_KIND)
      throw new MotifError('not-found', `There is no stills classifier model version ${id}.`);
    return model;
  };
  const summary = (model: ModelVersion): ReturnType<typeof stillsModelSummary> =>
    stillsModelSummary(model, (id) => catalogue.stills.get(id)?.name ?? null);
  const datasetsChanged = (): void => events.emit('catalogue.changed', { table: 'media' });
  return {
    ...stillsUseHandlers(engine),
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

    'stills.updateDataset': ({ datasetId, ...change }) => {
      const updated = catalogue.stills.update(datasetId, change);
      datasetsChanged();
      return updated;
    },
    'stills.deleteDataset': ({ datasetId }) => {
      if (!catalogue.stills.delete(datasetId))
        throw new MotifError('not-found', `There is no stills dataset ${datasetId}.`);
      datasetsChanged();
      return { id: datasetId };
    },
    'stills.items': ({ datasetId, label, offset, limit }) => {
      requireDataset(datasetId);
      return catalogue.stills.items(datasetId, {
        ...(label !== undefined ? { label } : {}),
        ...(offset !== undefined ? { offset } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
    },
    'stills.relabel': ({ datasetId, itemIds, label }) => {
      const result = catalogue.stills.relabel(datasetId, itemIds, label);
      datasetsChanged();
      return result;
    },
    'stills.exportDataset': ({ datasetId, path: target }) => {
      requireDataset(datasetId);
      const members = catalogue.stills.members(datasetId);
      const { path: written, files } = exportDatasetFiles(members, path.resolve(target));
      return { path: written, files };
    },
    'stills.train': (params) => {
      const dataset = catalogue.stills.get(params.datasetId);
      if (!dataset) throw new MotifError('not-found', `There is no stills dataset ${params.datasetId}.`);
      trainableClasses(dataset.classes);
      if (params.architecture === 'transfer') backboneFolder(dataDir, params.backbonePath);
      return jobs.start('stills-train', { ...params });
    },
    'stills.models': ({ datasetId }) =>
      catalogue.models
        .list(STILLS_MODEL_KIND)
        .map(summary)
        .filter((m) => datasetId === undefined || m.datasetId === datasetId),
    'stills.modelDetails': ({ modelId }): StillsModelDetails => {
      const model = requireModel(modelId);
      const folder = path.resolve(dataDir, model.path);
      let history: StillsEpoch[] = [];
      try {
        history = readHistory(folder);
      } catch {
        // An imported model carries no history.
      }
      return {
        ...summary(model),
        params: model.params,
        evaluation: readEvaluation(folder),
        history,
        trainSeconds: model.metrics.trainSeconds ?? 0,
      };
    },
    'stills.deleteModel': ({ modelId }) => {
      const model = requireModel(modelId);
      catalogue.models.delete(modelId);
      const folder = path.resolve(dataDir, model.path);
      const home = path.resolve(dataDir, STILLS_MODELS_FOLDER);
      if (folder.startsWith(home + path.sep)) fs.rmSync(folder, { recursive: true, force: true });
      events.emit('catalogue.changed', { table: 'models' });
      return { id: modelId };
    },
    'stills.queue': async ({ modelId, by, cell, includeReviewed, limit }) => {
      const model = requireModel(modelId);
      const datasetId = model.params.datasetId;
      if (typeof datasetId !== 'number')
        throw new MotifError('invalid-input', `Model version ${modelId} was imported; it has no dataset to review.`);
      requireDataset(datasetId);
      const request: QueueRequest = {
        modelPath: model.path,
        datasetId,
        modelCreatedAt: model.createdAt,
        by,
        ...(cell ? { cell } : {}),
        includeReviewed,
        limit,
      };
      return (await jobs.worker.request('stills.queue', request, dataDir)) as {
        items: StillsQueueItem[];
        total: number;
      };
    },
    'stills.exportModel': ({ modelId, path: target }) => {
      const model = requireModel(modelId);
      return { path: exportStillsModel(path.resolve(dataDir, model.path), path.resolve(target)).path };
    },
    'stills.importModel': ({ path: source }) => {
      const { path: folder, manifest } = importStillsModelFolder(dataDir, path.resolve(source));
      const datasetName = typeof manifest.source.dataset === 'string' ? manifest.source.dataset : null;
      const model = catalogue.models.insert({
        kind: STILLS_MODEL_KIND,
        name: `${datasetName ?? path.basename(source)} (imported)`,
        params: {
          architecture: manifest.architecture,
          aspect: manifest.aspect,
          backboneId: manifest.backbone?.id ?? null,
          classes: manifest.classes,
          classOrder: manifest.classOrder,
          origin: 'imported',
          importedFrom: source,
          datasetName,
          trainedAt: manifest.createdAt,
        },
        dataHash: manifest.dataHash,
        metrics: manifest.metrics,
        path: folder,
        jobId: null,
      });
      events.emit('catalogue.changed', { table: 'models' });
      return summary(model);
    },
  };
}
