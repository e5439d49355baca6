/**
 * What using a trained stills classifier needs, resolved on the engine side before any work is
 * sent to the worker: the model version (a stills classifier), its folder and manifest, and for
 * transfer models a backbone folder whose weights are the ones the head was trained on.
 */
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { ModelVersion } from '../../../shared/models';
import type { Catalogue } from '../catalogue/catalogue';
import { SettingsStore } from '../settings-store';
import { backboneId } from './backbone';
import type { StillsModelManifest } from './classifier';
import { readModelManifest } from './model-store';

export const STILLS_MODEL_KIND = 'stills-classifier';

export interface StillsModelUse {
  model: ModelVersion;
  /** The model folder, relative to the data directory. */
  modelPath: string;
  manifest: StillsModelManifest;
  /** The backbone folder for a transfer model (its id matches the manifest's); null for scratch models. */
  backbonePath: string | null;
}

function sameBackbone(folder: string, id: string): boolean {
  try {
    return backboneId(folder) === id;
  } catch {
    return false;
  }
}

/**
 * Resolve a stills model version for classification or prediction. A transfer model needs the
 * backbone it was trained on: the one in Settings, or the folder it was trained with (`--backbone`).
 */
export function resolveStillsModel(catalogue: Catalogue, dataDir: string, modelId: number): StillsModelUse {
  const model = catalogue.models.get(modelId);
  if (!model) throw new MotifError('not-found', `There is no model version ${modelId}.`);
  if (model.kind !== STILLS_MODEL_KIND)
    throw new MotifError(
      'invalid-input',
      `Model version ${modelId} is a ${model.kind} model, not a stills classifier.`,
    );
  const folder = path.resolve(dataDir, model.path);
  const manifest = readModelManifest(folder);
  if (manifest.architecture === 'scratch' || !manifest.backbone)
    return { model, modelPath: model.path, manifest, backbonePath: null };
  const wanted = manifest.backbone.id;
  const settings = new SettingsStore(dataDir).backbone();
  const trainedWith = typeof model.params.backbonePath === 'string' ? model.params.backbonePath : null;
  const candidates = [settings.state === 'ready' ? settings.path : null, trainedWith].filter(
    (p): p is string => p !== null,
  );
  const found = candidates.find((candidate) => sameBackbone(candidate, wanted));
  if (!found)
    throw new MotifError(
      'unavailable',
      `Model version ${modelId} was trained on the backbone ${wanted}, which is not available ` +
        `(Settings: ${settings.state === 'ready' ? backboneId(settings.path) : `${settings.state} at ${settings.path}`}). ` +
        'Download the backbone or choose that folder in Settings.',
    );
  return { model, modelPath: model.path, manifest, backbonePath: found };
}
