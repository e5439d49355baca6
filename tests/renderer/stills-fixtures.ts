/** Stills lab records in the shapes the engine sends, and a lab over a scripted engine. */
import { createClient } from '../../src/shared/client';
import type {
  StillsDataset,
  StillsEvaluation,
  StillsModelDetails,
  StillsModelSummary,
  StillsQueueItem,
} from '../../src/shared/stills';
import { StillsLab } from '../../src/renderer/src/stills/lab.svelte';
import { JobsStore } from '../../src/renderer/src/state/jobs.svelte';
import type { KeyValueStorage } from '../../src/renderer/src/state/profiles.svelte';
import { settingsView } from './helpers/fixtures';
import { ScriptedBridge } from './helpers/scriptedBridge';

export const SCALES = ['close-up', 'medium', 'long'];

export function dataset(overrides: Partial<StillsDataset> = {}): StillsDataset {
  return {
    id: 1,
    name: 'shot-scale',
    root: '/stills/shot-scale',
    createdAt: '2026-11-29T10:00:00.000Z',
    items: 36,
    classes: [
      { label: 'close-up', count: 12 },
      { label: 'medium', count: 14 },
      { label: 'long', count: 10 },
    ],
    groups: 3,
    classOrder: null,
    extraClasses: [],
    reviewed: 0,
    ...overrides,
  };
}

export function evaluation(overrides: Partial<StillsEvaluation> = {}): StillsEvaluation {
  return {
    classes: SCALES,
    order: SCALES,
    accuracy: 0.75,
    withinOne: 0.95,
    macroF1: 0.72,
    perClass: [
      { label: 'close-up', precision: 0.8, recall: 0.8, f1: 0.8, support: 5 },
      { label: 'medium', precision: 0.6, recall: 0.75, f1: 0.667, support: 4 },
      { label: 'long', precision: 0.8, recall: 0.67, f1: 0.727, support: 3 },
    ],
    confusion: [
      [4, 1, 0],
      [1, 3, 0],
      [0, 1, 2],
    ],
    calibration: {
      ece: 0.08,
      brier: 0.31,
      bins: [
        { lower: 0.4, upper: 0.6, count: 4, confidence: 0.52, accuracy: 0.5 },
        { lower: 0.8, upper: 1, count: 8, confidence: 0.9, accuracy: 0.875 },
      ],
    },
    trainCount: 24,
    validationCount: 12,
    splitBy: 'group',
    baselines: { majority: 5 / 12, chance: 1 / 3 },
    ...overrides,
  };
}

export function modelSummary(id: number, overrides: Partial<StillsModelSummary> = {}): StillsModelSummary {
  return {
    id,
    name: `Shot scale #${id}`,
    createdAt: '2026-11-29T10:05:00.000Z',
    datasetId: 1,
    datasetName: 'shot-scale',
    architecture: 'transfer',
    aspect: 'crop',
    backboneId: 'mobilenet_v1_0.75_224',
    classes: SCALES,
    accuracy: 0.75,
    withinOne: 0.95,
    macroF1: 0.72,
    linearProbe: null,
    origin: 'trained',
    path: `models/stills-${id}`,
    ...overrides,
  };
}

export function modelDetails(id: number, overrides: Partial<StillsModelDetails> = {}): StillsModelDetails {
  return {
    ...modelSummary(id),
    params: { epochs: 3 },
    evaluation: evaluation(),
    history: [
      { epoch: 1, loss: 1.0, accuracy: 0.5, valLoss: 1.1, valAccuracy: 0.45 },
      { epoch: 2, loss: 0.7, accuracy: 0.7, valLoss: 0.8, valAccuracy: 0.66 },
      { epoch: 3, loss: 0.5, accuracy: 0.8, valLoss: 0.7, valAccuracy: 0.75 },
    ],
    trainSeconds: 4.2,
    ...overrides,
  };
}

export function queueItem(itemId: number, overrides: Partial<StillsQueueItem> = {}): StillsQueueItem {
  return {
    itemId,
    path: `/stills/shot-scale/medium/film01_${itemId}.jpg`,
    label: 'medium',
    labelSource: 'folder',
    reviewed: false,
    predicted: 'close-up',
    confidence: 0.48,
    margin: 0.05,
    entropy: 1.02,
    top: [
      { label: 'close-up', probability: 0.48 },
      { label: 'medium', probability: 0.43 },
      { label: 'long', probability: 0.09 },
    ],
    split: 'validation',
    ...overrides,
  };
}

export class MemoryStorage implements KeyValueStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

export interface LabSetup {
  lab: StillsLab;
  bridge: ScriptedBridge;
  jobs: JobsStore;
  notices: Array<{ title: string; message: string }>;
  errors: Array<{ action: string; error: unknown }>;
  storage: MemoryStorage;
}

/** A lab over a scripted engine with one dataset and no models (scripts can be replaced). */
export function labSetup(bridge = new ScriptedBridge()): LabSetup {
  bridge
    .respond('settings.get', settingsView({ backbone: { path: '/m', custom: false, state: 'ready', detail: '768-d features' } }))
    .respond('stills.datasets', [dataset()])
    .respond('stills.items', { items: [], total: 0 })
    .respond('stills.models', [])
    .respond('jobs.list', []);
  const client = createClient(bridge);
  const notices: LabSetup['notices'] = [];
  const errors: LabSetup['errors'] = [];
  const report = (action: string, error: unknown): void => void errors.push({ action, error });
  const notify = (title: string, message: string): void => void notices.push({ title, message });
  const jobs = new JobsStore(client, report);
  jobs.subscribe();
  const storage = new MemoryStorage();
  const lab = new StillsLab({ client, report, notify, jobs, storage });
  return { lab, bridge, jobs, notices, errors, storage };
}
