/**
 * The one API contract of Motif. Every request the studio can make and every event the engine
 * pushes is declared here once; main, preload, renderer, the HTTP bridge and tests all derive
 * their types from this module. Requests are validated by these zod schemas before any service
 * sees them.
 */
import { z } from 'zod';
import type { CatalogueHealth, CatalogueStats, LibraryFolder, MediaItem, Profile, Waveform } from './catalogue';
import { MEDIA_KINDS } from './catalogue';
import type { Result } from './errors';
import type { JobRecord } from './jobs';
import { JOB_STATES } from './jobs';
import type { MelodyCorpusSummary, MelodyGeneration, MelodyModelDetails, SavedComposition } from './melody';
import { melodyCorpusSchema, melodyTrainOptionsSchema } from './melody';
import { clipSchema, melodyGenerateInput, type ExportedMidi, type OpenedMidi } from './compose-api';
import type { ModelVersion } from './models';
import type { Recommendations, RecsModelDetails } from './recs';
import type { Settings, SettingsView } from './settings';
import { BACKBONE, settingsUpdateSchema } from './settings';
import { recsForInput, recsTrainOptionsSchema } from './recs';
import { MODEL_KINDS } from './models';
import type { BackendInfo } from './runtime';
import type {
  StillsDataset,
  StillsDatasetItem,
  StillsModelDetails,
  StillsModelSummary,
  StillsPrediction,
  StillsQueueItem,
} from './stills';
import { STILLS_ASPECTS, stillsTrainOptionsSchema } from './stills';

export interface SystemInfo {
  appVersion: string;
  nodeVersion: string;
  electronVersion: string | null;
  platform: string;
  /** How the studio is being served: the desktop shell or the browser bridge. */
  host: 'electron' | 'browser' | 'cli' | 'test';
  dataDir: string;
  cataloguePath: string;
  /** The ML backend of the job worker; null until the worker has started. */
  backend: BackendInfo | null;
  /** Why the worker could not report a backend, if it could not. */
  backendError: string | null;
}

export interface LibraryPage {
  items: MediaItem[];
  total: number;
}

export interface DoctorReport {
  info: SystemInfo;
  catalogue: CatalogueHealth;
  stats: CatalogueStats;
}

/** Declares one method: its input schema and (as a phantom type) its output. */
function method<Out>() {
  return <S extends z.ZodType>(input: S) => ({ input, output: undefined as unknown as Out });
}

const empty = z.object({}).strict();
const id = z.number().int().positive();

const selfTestParams = z
  .object({
    /** Optimiser steps; a few hundred by default. */
    steps: z.number().int().min(10).max(100_000).optional(),
    /** Seed for the generated data and the initial weights. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();

export const jobStartInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('self-test'), params: selfTestParams.default({}) }).strict(),
]);

const libraryFilters = z.object({
  query: z.string().max(500).optional(),
  /** Items carrying every one of these tags. */
  tags: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
  kind: z.enum(MEDIA_KINDS).optional(),
  includeMissing: z.boolean().optional(),
});

export const apiContract = {
  'system.info': method<SystemInfo>()(empty),
  'system.doctor': method<DoctorReport>()(empty),
  /** Settings with the data directory, the stills backbone's status and the tfjs-node how-to. */
  'settings.get': method<SettingsView>()(empty),
  /** Change some settings; the rest stay as they are. */
  'settings.update': method<Settings>()(settingsUpdateSchema),

  'jobs.list': method<JobRecord[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(1000).optional(),
        state: z.enum(JOB_STATES).optional(),
      })
      .strict(),
  ),
  'jobs.get': method<JobRecord>()(z.object({ id }).strict()),
  'jobs.start': method<JobRecord>()(jobStartInput),
  'jobs.cancel': method<JobRecord>()(z.object({ id }).strict()),
  /** Removes finished jobs (done, failed, cancelled) from the list. */
  'jobs.clearFinished': method<{ removed: number }>()(empty),

  'models.list': method<ModelVersion[]>()(
    z.object({ kind: z.enum(MODEL_KINDS).optional() }).strict(),
  ),
  'models.delete': method<{ id: number }>()(z.object({ id }).strict()),

  'profiles.list': method<Profile[]>()(empty),
  'profiles.create': method<Profile>()(
    z.object({ name: z.string().trim().min(1).max(80) }).strict(),
  ),

  'library.folders': method<LibraryFolder[]>()(empty),
  /** Add folders (absolute paths) to the library and import them in place, as a job. */
  'library.import': method<JobRecord>()(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(100) }).strict(),
  ),
  /** Generate Motif's own demo set (tunes, renderings, drawn stills) and import it, as a job. */
  'library.importDemo': method<JobRecord>()(empty),
  /** Rescan every library folder (or one): new, changed and missing files. */
  'library.rescan': method<JobRecord>()(z.object({ folderId: id.optional() }).strict()),
  'library.removeFolder': method<{ id: number }>()(z.object({ id }).strict()),
  'library.list': method<LibraryPage>()(
    libraryFilters
      .extend({
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
        /** Include this profile's rating in each item (and allow sorting by it). */
        profileId: id.optional(),
        sort: z.enum(['relevance', 'added', 'title', 'artist', 'duration', 'rating']).optional(),
        descending: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Tags in use, with how many items carry each (optionally only items of one kind), most used first. */
  'library.tags': method<Array<{ name: string; count: number }>>()(z.object({ kind: z.enum(MEDIA_KINDS).optional() }).strict()),
  /** Every id matching the filters (select all, bulk rating and tagging). */
  'library.ids': method<number[]>()(libraryFilters.strict()),
  'media.get': method<MediaItem>()(z.object({ id }).strict()),
  'media.waveform': method<Waveform | null>()(z.object({ id }).strict()),
  'media.tag': method<MediaItem[]>()(
    z
      .object({
        ids: z.array(id).min(1).max(10_000),
        add: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
        remove: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
      })
      .strict(),
  ),

  'ratings.set': method<{ count: number }>()(
    z
      .object({
        profileId: id,
        itemIds: z.array(id).min(1).max(1_000_000),
        /** 0.5 to 5 in half stars; null clears the rating. */
        value: z
          .number()
          .min(0.5)
          .max(5)
          .refine((v) => Number.isInteger(v * 2), 'ratings are in half stars')
          .nullable(),
      })
      .strict(),
  ),
  'ratings.forProfile': method<Array<{ itemId: number; value: number; ratedAt: string }>>()(
    z.object({ profileId: id }).strict(),
  ),
  'media.signal': method<{ ok: true }>()(
    z.object({ profileId: id, itemId: id, kind: z.enum(['play', 'skip']) }).strict(),
  ),

  /** Open a MIDI file on this computer as a clip (Open MIDI…, file association, drag and drop). */
  'melody.openFile': method<OpenedMidi>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /** Read MIDI bytes the studio already has (a browser upload) as a clip. */
  'melody.parseMidi': method<OpenedMidi>()(
    z
      .object({ name: z.string().min(1).max(255), dataBase64: z.string().max(24_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/) })
      .strict(),
  ),
  /**
   * Export a clip as a Standard MIDI File: the desktop app asks where to save it (a save dialog);
   * the browser studio gets the bytes back to download.
   */
  'melody.exportMidi': method<ExportedMidi>()(z.object({ clip: clipSchema, name: z.string().trim().min(1).max(120) }).strict()),

  /** How many MIDI files a corpus selection resolves to (the training panel shows it). */
  'melody.corpus': method<MelodyCorpusSummary>()(z.object({ corpus: melodyCorpusSchema }).strict()),
  /** Train a melody model on a corpus, as a `melody-train` job. */
  'melody.train': method<JobRecord>()(
    melodyTrainOptionsSchema.extend({ corpus: melodyCorpusSchema.default({}) }).strict(),
  ),
  /**
   * Evaluate a model version on held-out files against the n-gram baselines, as a `melody-eval`
   * job. Without a corpus, the files it was trained on (and its split) are used.
   */
  'melody.evaluate': method<JobRecord>()(z.object({ modelId: id, corpus: melodyCorpusSchema.optional() }).strict()),
  /** Training history, n-gram comparison and vocabulary of a melody model version. */
  'melody.modelDetails': method<MelodyModelDetails>()(z.object({ modelId: id }).strict()),
  /** Continue, generate or regenerate (infill) with a melody model, in the worker. */
  'melody.generate': method<MelodyGeneration>()(melodyGenerateInput),
  /** Save a clip as a MIDI file in the data directory's Compositions folder and the catalogue. */
  'melody.saveComposition': method<SavedComposition>()(
    z.object({ clip: clipSchema, name: z.string().trim().min(1).max(120), itemId: id.optional() }).strict(),
  ),
  /**
   * Write a clip as a MIDI file under the data directory's Exports folder, to drag out of the
   * desktop studio into a DAW or onto the desktop; returns its path.
   */
  'melody.dragFile': method<{ path: string }>()(z.object({ clip: clipSchema, name: z.string().trim().min(1).max(120) }).strict()),
  /** Open a catalogue MIDI item as a clip. */
  'melody.openItem': method<OpenedMidi & { itemId: number }>()(z.object({ id }).strict()),

  /** Personalised suggestions for a profile, mixed across kinds (Discover). */
  'recs.for': method<Recommendations>()(recsForInput),
  /** Cross-validate and train the recommender on every profile's ratings, as a `recs-train` job. */
  'recs.train': method<JobRecord>()(recsTrainOptionsSchema),
  /** "Not interested": hide items from a profile's suggestions (or bring them back). */
  'recs.dismiss': method<{ count: number }>()(
    z.object({ profileId: id, itemIds: z.array(id).min(1).max(10_000), dismissed: z.boolean().default(true) }).strict(),
  ),
  /** The cross-validation table stored with a recommender model version. */
  'recs.modelDetails': method<RecsModelDetails>()(z.object({ modelId: id }).strict()),

  /** Import a folder of class subfolders (absolute path) as a stills dataset, in place, as a `stills-import` job. */
  'stills.importDataset': method<JobRecord>()(
    z.object({ path: z.string().min(1).max(4096), name: z.string().trim().min(1).max(120).optional() }).strict(),
  ),
  /** Fill the embedding cache for a dataset with the backbone in Settings, as a `stills-embed` job (cached stills are skipped). */
  'stills.embed': method<JobRecord>()(z.object({ datasetId: id, aspect: z.enum(['crop', 'pad']).default('crop') }).strict()),
  /** Stills datasets with per-class counts. */
  'stills.datasets': method<StillsDataset[]>()(empty),
  /**
   * Download a canonical backbone (today the one MobileNet) into the data directory, as a
   * `backbone-download` job. Naming it keeps an empty call from starting a download.
   */
  'stills.downloadBackbone': method<JobRecord>()(z.object({ backbone: z.literal(BACKBONE.folderName) }).strict()),
  /** Rename a dataset, mark its class order (null = unordered), or add an empty class. */
  'stills.updateDataset': method<StillsDataset>()(
    z
      .object({
        datasetId: id,
        name: z.string().trim().min(1).max(120).optional(),
        classOrder: z.array(z.string().trim().min(1).max(80)).min(2).max(200).nullable().optional(),
        addClass: z.string().trim().min(1).max(80).optional(),
      })
      .strict(),
  ),
  /** Forget a dataset (its stills stay in the library, its models stay as versions). */
  'stills.deleteDataset': method<{ id: number }>()(z.object({ datasetId: id }).strict()),
  /** A page of a dataset's stills, optionally of one class. */
  'stills.items': method<{ items: StillsDatasetItem[]; total: number }>()(
    z
      .object({
        datasetId: id,
        label: z.string().min(1).max(80).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  /**
   * Move stills to a class (a new label adds the class) or confirm their label (give the one they
   * have). Either way they count as reviewed by a person. The user's folders are not touched.
   */
  'stills.relabel': method<{ count: number }>()(
    z.object({ datasetId: id, itemIds: z.array(id).min(1).max(100_000), label: z.string().trim().min(1).max(80) }).strict(),
  ),
  /** Copy a dataset out as class subfolders with its current labels (the user's folders stay as they are). */
  'stills.exportDataset': method<{ path: string; files: number }>()(
    z.object({ datasetId: id, path: z.string().min(1).max(4096) }).strict(),
  ),
  /** Train a classifier (transfer learning on cached embeddings, or the from-scratch CNN), as a `stills-train` job. */
  'stills.train': method<JobRecord>()(stillsTrainOptionsSchema),
  /** Stills classifier versions, newest first (optionally of one dataset). */
  'stills.models': method<StillsModelSummary[]>()(z.object({ datasetId: id.optional() }).strict()),
  /** A model version with its evaluation (confusion matrix, per-class metrics, calibration) and training history. */
  'stills.modelDetails': method<StillsModelDetails>()(z.object({ modelId: id }).strict()),
  'stills.deleteModel': method<{ id: number }>()(z.object({ modelId: id }).strict()),
  /**
   * The stills a model is least sure about (smallest margin, or highest entropy), or the stills of
   * one confusion-matrix cell; reviewed stills are left out unless asked for.
   */
  'stills.queue': method<{ items: StillsQueueItem[]; total: number }>()(
    z
      .object({
        modelId: id,
        by: z.enum(['margin', 'entropy']).default('margin'),
        cell: z.object({ actual: z.string().min(1).max(80), predicted: z.string().min(1).max(80) }).strict().optional(),
        includeReviewed: z.boolean().default(false),
        limit: z.number().int().min(1).max(1000).default(50),
      })
      .strict(),
  ),
  /**
   * Classify a folder (imported into the library in place if it is not there yet) or every image
   * in the library, as a `stills-classify` job: each still gets its predicted label as a tag with
   * the model version and confidence.
   */
  'stills.classify': method<JobRecord>()(
    z
      .object({
        modelId: id,
        path: z.string().min(1).max(4096).optional(),
        library: z.boolean().optional(),
        aspect: z.enum(STILLS_ASPECTS).optional(),
      })
      .strict()
      .refine((v) => (v.path === undefined) !== (v.library !== true), 'give either a folder path or library: true'),
  ),
  /** The top labels for one still: a file on this computer, or bytes the studio has (a drop in the browser). */
  'stills.predict': method<StillsPrediction>()(
    z
      .object({
        modelId: id,
        path: z.string().min(1).max(4096).optional(),
        dataBase64: z
          .string()
          .max(60_000_000)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/)
          .optional(),
      })
      .strict()
      .refine((v) => (v.path === undefined) !== (v.dataBase64 === undefined), 'give either a path or dataBase64'),
  ),
  /** Write a model version as a tfjs model folder with labels.json and manifest.json. */
  'stills.exportModel': method<{ path: string }>()(z.object({ modelId: id, path: z.string().min(1).max(4096) }).strict()),
  /** Bring an exported model folder back as a model version. */
  'stills.importModel': method<StillsModelSummary>()(z.object({ path: z.string().min(1).max(4096) }).strict()),

  'catalogue.stats': method<CatalogueStats>()(empty),
  'catalogue.search': method<MediaItem[]>()(
    z
      .object({
        query: z.string().max(500),
        kind: z.enum(MEDIA_KINDS).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
/** The input after validation and defaults, as handlers receive it. */
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = ApiContract[M]['output'];

export const API_METHODS = Object.keys(apiContract) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}

/** Commands from the desktop shell (menu, accelerators, file association) to the studio. */
export type AppCommand =
  | { command: 'new-clip' }
  | { command: 'open-midi'; path: string }
  | { command: 'export-midi' }
  | { command: 'save-composition' }
  | { command: 'show-area'; area: 'compose' | 'stills' | 'library' | 'discover' | 'engine' }
  | { command: 'edit'; action: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'select-all' | 'delete' };

/** Events the engine pushes to every connected studio. */
export interface ApiEvents {
  'job.updated': JobRecord;
  'catalogue.changed': { table: 'media' | 'profiles' | 'ratings' | 'tags' | 'models' };
  'settings.changed': Settings;
  'system.updated': SystemInfo;
  'app.command': AppCommand;
}
export type ApiEventName = keyof ApiEvents;
export const API_EVENTS: readonly ApiEventName[] = ['job.updated', 'catalogue.changed', 'settings.changed', 'system.updated', 'app.command'];

export interface ApiEventMessage<E extends ApiEventName = ApiEventName> {
  event: E;
  payload: ApiEvents[E];
}

/** The raw transport: one call in, one Result out. Both bridges implement exactly this. */
export interface MotifBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (message: ApiEventMessage) => void): () => void;
}

/** The typed client every caller uses; it throws MotifError on a failed Result. */
export interface MotifClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}
