import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { MelodyCorpus, MelodyGeneration, MelodyModelDetails, NgramScore } from '../../../shared/melody';
import type { ModelVersion } from '../../../shared/models';
import { midiCorpusItems } from '../catalogue/midi-corpus';
import type { Engine } from '../engine';
import { listFiles } from '../library/walk';
import { splitByFile } from '../music/model/dataset';
import { MELODY_MODEL_KIND } from '../music/model/runner';
import type { HandlersFor } from './handler-types';
import { MIDI_EXTENSIONS } from './midi-files';

type ModelMethods =
  | 'melody.corpus'
  | 'melody.train'
  | 'melody.evaluate'
  | 'melody.modelDetails'
  | 'melody.generate';

const isMidi = (file: string): boolean => MIDI_EXTENSIONS.has(path.extname(file).toLowerCase());

/** A corpus selection as absolute MIDI paths (sorted, no duplicates) and the missing count. */
export async function resolveCorpus(engine: Engine, corpus: MelodyCorpus): Promise<{ files: string[]; missing: number }> {
  const { catalogue } = engine;
  const fromLibrary = corpus.folderIds !== undefined || corpus.tags !== undefined || corpus.itemIds !== undefined;
  const files = new Set<string>();
  let missing = 0;
  if (fromLibrary || corpus.paths === undefined) {
    const folders = catalogue.library.folders();
    const chosen = (corpus.folderIds ?? []).map((id) => {
      const folder = folders.find((f) => f.id === id);
      if (!folder) throw new MotifError('not-found', `There is no library folder ${id}.`);
      return folder.path;
    });
    const items = midiCorpusItems(catalogue.db, {
      ...(corpus.folderIds !== undefined ? { folders: chosen } : {}),
      ...(corpus.tags !== undefined ? { tags: corpus.tags } : {}),
      ...(corpus.itemIds !== undefined ? { itemIds: corpus.itemIds } : {}),
      // The whole library means the music you brought, not what the model generated with you.
      ...(fromLibrary ? {} : { excludeTags: ['composition'] }),
    });
    for (const p of items.paths) files.add(p);
    missing = items.missing;
  }
  for (const given of corpus.paths ?? []) {
    if (!path.isAbsolute(given)) throw new MotifError('invalid-input', `Give corpus folders as absolute paths (${given}).`);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new MotifError('not-found', `There is no file or folder at ${given}.`);
    }
    if (stat.isDirectory()) {
      for (const file of await listFiles(given)) if (isMidi(file)) files.add(file);
    } else if (isMidi(given)) {
      files.add(given);
    } else {
      throw new MotifError('invalid-input', `${path.basename(given)} is not a MIDI file.`);
    }
  }
  return { files: [...files].sort(), missing };
}

function requireMelodyModel(engine: Engine, id: number): ModelVersion {
  const model = engine.catalogue.models.get(id);
  if (!model) throw new MotifError('not-found', `There is no model version ${id}.`);
  if (model.kind !== MELODY_MODEL_KIND) throw new MotifError('invalid-input', `Model version ${id} is not a melody model.`);
  return model;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toScore(raw: unknown): NgramScore | null {
  if (!isRecord(raw)) return null;
  const { order, smoothing, perplexity } = raw;
  if (typeof order !== 'number' || typeof perplexity !== 'number') return null;
  if (smoothing !== 'witten-bell' && smoothing !== 'kneser-ney') return null;
  return { order, smoothing, perplexity };
}

/** The files a model was trained on: from its folder's corpus.json, else its training job's row. */
function trainingFiles(engine: Engine, model: ModelVersion): unknown {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(path.resolve(engine.paths.dataDir, model.path), 'corpus.json'), 'utf8')) as { files?: unknown };
    if (Array.isArray(json.files)) return json.files;
  } catch {
    // Older model folders have no corpus.json: fall back to the job.
  }
  const job = model.jobId !== null ? engine.catalogue.jobs.get(model.jobId) : null;
  return job?.params.files;
}

const numberOr = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Train, evaluate and generate with melody models: the Compose studio's model side. */
export function melodyModelHandlers(engine: Engine): Pick<HandlersFor<'melody'>, ModelMethods> {
  const { jobs } = engine;
  return {
    'melody.corpus': async ({ corpus }) => {
      const { files, missing } = await resolveCorpus(engine, corpus);
      let bytes = 0;
      for (const file of files) {
        try {
          bytes += fs.statSync(file).size;
        } catch {
          // Gone since the last scan: counted by the next rescan.
        }
      }
      return { files: files.length, heldOut: splitByFile(files, (f) => f).heldOut.length, bytes, missing };
    },

    'melody.train': async ({ corpus, ...options }) => {
      const { files } = await resolveCorpus(engine, corpus);
      if (files.length === 0)
        throw new MotifError('invalid-input', 'That corpus has no MIDI files. Add a folder of MIDI files to the library first.');
      return jobs.start('melody-train', { ...options, files });
    },

    'melody.evaluate': async ({ modelId, corpus }) => {
      const model = requireMelodyModel(engine, modelId);
      let files: string[];
      if (corpus) {
        files = (await resolveCorpus(engine, corpus)).files;
      } else {
        const trained = trainingFiles(engine, model);
        if (!Array.isArray(trained) || !trained.every((f): f is string => typeof f === 'string'))
          throw new MotifError('invalid-input', 'The training files of this model are no longer recorded; choose a corpus to evaluate on.');
        files = trained;
      }
      if (files.length === 0) throw new MotifError('invalid-input', 'That corpus has no MIDI files.');
      return jobs.start('melody-eval', {
        modelId,
        modelPath: model.path,
        files,
        heldOutEvery: numberOr(model.params.heldOutEvery, 10),
        heldOutOffset: numberOr(model.params.heldOutOffset, numberOr(model.params.heldOutEvery, 10) - 1),
      });
    },

    'melody.modelDetails': ({ modelId }): MelodyModelDetails => {
      const model = requireMelodyModel(engine, modelId);
      const folder = path.resolve(engine.paths.dataDir, model.path);
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(fs.readFileSync(path.join(folder, 'model.json'), 'utf8')) as Record<string, unknown>;
      } catch {
        throw new MotifError('not-found', `The files of model version ${modelId} are missing or damaged (${folder}).`);
      }
      const info = isRecord(json.info) ? json.info : {};
      const spec = isRecord(json.spec) ? json.spec : {};
      const range = isRecord(spec.range) ? spec.range : {};
      const history = Array.isArray(info.history) ? info.history.filter(isRecord) : [];
      return {
        modelId,
        history: history.map((h) => ({
          epoch: numberOr(h.epoch, 0),
          loss: numberOr(h.loss, NaN),
          accuracy: numberOr(h.accuracy, NaN),
          eventAccuracy: numberOr(h.eventAccuracy, NaN),
          seconds: numberOr(h.seconds, 0),
          learningRate: numberOr(h.learningRate, 0),
        })),
        ngrams: (Array.isArray(info.ngrams) ? info.ngrams : []).map(toScore).filter((s): s is NgramScore => s !== null),
        positionNgram: toScore(info.positionNgram),
        minPitch: numberOr(range.minPitch, 48),
        maxPitch: numberOr(range.maxPitch, 84),
        stepsPerQuarter: numberOr(spec.stepsPerQuarter, 4),
        hiddenSizes: Array.isArray(spec.hiddenSizes) ? spec.hiddenSizes.filter((n): n is number => typeof n === 'number') : [],
        hasMemorisationIndex: fs.existsSync(path.join(folder, 'memorisation.bin')),
      };
    },

    'melody.generate': async (input) => {
      const model = requireMelodyModel(engine, input.modelId);
      const value = await jobs.worker.request('melody.generate', { request: input, modelPath: model.path }, engine.paths.dataDir);
      return value as MelodyGeneration;
    },
  };
}
