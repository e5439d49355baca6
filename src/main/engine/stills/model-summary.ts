/** A stills model version as the studio lists it (StillsModelSummary), from its catalogue row. */
import type { ModelVersion } from '../../../shared/models';
import type { StillsModelSummary } from '../../../shared/stills';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

export function stillsModelSummary(
  model: ModelVersion,
  datasetName: (id: number) => string | null,
): StillsModelSummary {
  const p = model.params;
  const datasetId = typeof p.datasetId === 'number' ? p.datasetId : null;
  const withinOne = model.metrics.withinOne;
  return {
    id: model.id,
    name: model.name,
    createdAt: model.createdAt,
    datasetId,
    datasetName: datasetId !== null ? datasetName(datasetId) : typeof p.datasetName === 'string' ? p.datasetName : null,
    architecture: p.architecture === 'scratch' ? 'scratch' : 'transfer',
    aspect: p.aspect === 'pad' ? 'pad' : 'crop',
    backboneId: typeof p.backboneId === 'string' ? p.backboneId : null,
    classes: strings(p.classes),
    accuracy: model.metrics.accuracy ?? 0,
    withinOne: withinOne ?? null,
    macroF1: model.metrics.macroF1 ?? 0,
    linearProbe: model.metrics.linearProbeAccuracy ?? null,
    origin: p.origin === 'imported' ? 'imported' : 'trained',
    path: model.path,
  };
}

/**
 * The name a new version gets when the person gives none: the dataset, a version number counting
 * that dataset's versions, and the kind of model ("Shots v3 · transfer"), never a name in use.
 */
export function defaultModelName(
  existing: readonly Pick<ModelVersion, 'name' | 'params'>[],
  dataset: { id: number; name: string },
  transfer: boolean,
): string {
  const taken = new Set(existing.map((m) => m.name));
  const kind = transfer ? 'transfer' : 'from scratch';
  for (let n = existing.filter((m) => m.params.datasetId === dataset.id).length + 1; ; n++) {
    const name = `${dataset.name} v${n} · ${kind}`;
    if (!taken.has(name)) return name;
  }
}
