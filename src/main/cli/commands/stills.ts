/**
 * `motif stills …`: import a dataset of class folders, train a classifier, evaluate it, classify a
 * folder into tags and export a model, each as the studio does it (jobs with a progress bar on a
 * terminal; Ctrl+C cancels the job; --json prints the records).
 */
import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { JobRecord } from '../../../shared/jobs';
import type {
  StillsClassifyReport,
  StillsImportReport,
  StillsModelDetails,
  StillsModelSummary,
} from '../../../shared/stills';
import type { Engine } from '../../engine/engine';
import type { CliContext } from '../context';
import { numberAt } from './melody-format';
import { call, followJob, unfinished } from './melody-job';
import { describeClassify, describeDatasetImport, describeStillsEvaluation, findDataset } from './stills-format';

export interface StillsTrainCliOptions {
  backbone?: string;
  scratch?: boolean;
  epochs?: number;
  maxMinutes?: number;
  name?: string;
}

function absoluteFolder(dir: string): string {
  const folder = path.resolve(dir);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new MotifError('invalid-input', `There is no folder at ${folder}.`);
  return folder;
}

/** The given model version, or the newest stills model. */
export async function resolveStillsModelSummary(engine: Engine, id: number | undefined): Promise<StillsModelSummary> {
  const models = await call(engine, 'stills.models', {});
  const model = id === undefined ? models[0] : models.find((m) => m.id === id);
  if (!model)
    throw new MotifError(
      'not-found',
      id === undefined
        ? 'There is no stills model yet. Train one with `motif stills train DATASET`.'
        : `There is no stills model #${id} (see \`motif stills eval\` or the Stills lab for the versions).`,
    );
  return model;
}

async function withEngine(context: CliContext, work: (engine: Engine) => Promise<void>): Promise<void> {
  const engine = context.openEngine();
  try {
    await work(engine);
  } finally {
    engine.close();
  }
}

export function stillsImport(context: CliContext, dir: string, options: { name?: string }): Promise<void> {
  const root = absoluteFolder(dir);
  return withEngine(context, async (engine) => {
    const job = await call(engine, 'stills.importDataset', {
      path: root,
      ...(options.name !== undefined ? { name: options.name } : {}),
    });
    if (!context.json) context.log(`Importing the class folders of ${root} in place (job #${job.id})…`);
    const finished = await followJob(context, engine, job, { what: 'the import (what was imported so far is kept)' });
    const report = finished.state === 'done' ? (finished.result as unknown as StillsImportReport) : null;
    const dataset = report ? (await call(engine, 'stills.datasets', {})).find((d) => d.id === report.datasetId) : undefined;
    context.output({ job: finished, report }, () =>
      report ? describeDatasetImport(report, dataset?.classOrder ?? null) : unfinished('Import', finished),
    );
  });
}

export function stillsTrain(context: CliContext, datasetRef: string, options: StillsTrainCliOptions): Promise<void> {
  if (options.scratch && options.backbone !== undefined)
    throw new MotifError('invalid-input', '--scratch trains without a backbone; leave out --backbone.');
  const backbonePath = options.backbone !== undefined ? absoluteFolder(options.backbone) : undefined;
  return withEngine(context, async (engine) => {
    const dataset = findDataset(await call(engine, 'stills.datasets', {}), datasetRef);
    if (!dataset)
      throw new MotifError(
        'not-found',
        `There is no stills dataset "${datasetRef}". Import one with \`motif stills import DIR\`.`,
      );
    const job = await call(engine, 'stills.train', {
      datasetId: dataset.id,
      architecture: options.scratch ? 'scratch' : 'transfer',
      ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
      ...(options.maxMinutes !== undefined ? { maxMinutes: options.maxMinutes } : {}),
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(backbonePath !== undefined ? { backbonePath } : {}),
    }).catch((error: unknown) => {
      // The engine's hint names the studio's Settings; say what to type here too.
      if (error instanceof MotifError && error.kind === 'unavailable' && !options.scratch && backbonePath === undefined)
        throw new MotifError(
          'unavailable',
          `${error.message} Here: \`--backbone DIR\` uses a local copy of the MobileNet folder, \`--scratch\` trains the small CNN instead.`,
        );
      throw error;
    });
    if (!context.json)
      context.log(
        `Training a ${options.scratch ? 'from-scratch CNN' : 'transfer-learning head'} on "${dataset.name}" ` +
          `(${dataset.items} stills, ${dataset.classes.length} classes) as job #${job.id} (Ctrl+C cancels)…`,
      );
    const finished = await followJob(context, engine, job, { what: 'the training' });
    const modelId = numberAt(finished.result, 'modelVersionId');
    const details =
      finished.state === 'done' && modelId !== null ? await call(engine, 'stills.modelDetails', { modelId }) : null;
    context.output({ job: finished, model: details }, () =>
      details ? describeStillsEvaluation(details) : unfinished('Training', finished),
    );
  });
}

export function stillsEval(context: CliContext, options: { model?: number }): Promise<void> {
  return withEngine(context, async (engine) => {
    const model = await resolveStillsModelSummary(engine, options.model);
    const details: StillsModelDetails = await call(engine, 'stills.modelDetails', { modelId: model.id });
    context.output(details, () => describeStillsEvaluation(details));
  });
}

export function stillsClassify(context: CliContext, dir: string, options: { model: number }): Promise<void> {
  const folder = absoluteFolder(dir);
  return withEngine(context, async (engine) => {
    const model = await resolveStillsModelSummary(engine, options.model);
    const job: JobRecord = await call(engine, 'stills.classify', { modelId: model.id, path: folder });
    if (!context.json)
      context.log(`Classifying the stills in ${folder} with model #${model.id} "${model.name}" (job #${job.id})…`);
    const finished = await followJob(context, engine, job, {
      what: 'the classification (stills tagged so far keep their tags)',
    });
    const report = finished.state === 'done' ? (finished.result as unknown as StillsClassifyReport) : null;
    const order = report ? (await call(engine, 'stills.modelDetails', { modelId: model.id })).evaluation.order : null;
    context.output({ job: finished, report }, () =>
      report ? describeClassify(report, model, order) : unfinished('Classification', finished),
    );
  });
}

export function stillsExport(context: CliContext, options: { model: number; out: string }): Promise<void> {
  const out = path.resolve(options.out);
  return withEngine(context, async (engine) => {
    const model = await resolveStillsModelSummary(engine, options.model);
    const exported = await call(engine, 'stills.exportModel', { modelId: model.id, path: out });
    context.output(
      { model, ...exported },
      () =>
        `Model #${model.id} "${model.name}" written to ${exported.path} (model.json and weights, labels.json, manifest.json).`,
    );
  });
}
