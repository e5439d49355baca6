import type { SettingsView } from '../../../src/shared/settings';
/** Plain records in the shapes the engine sends, with sensible defaults. */
import type { SystemInfo } from '../../../src/shared/api';
import type { CatalogueStats } from '../../../src/shared/catalogue';
import type { JobRecord } from '../../../src/shared/jobs';
import type { ModelVersion } from '../../../src/shared/models';

export function job(overrides: Partial<JobRecord> & { id: number }): JobRecord {
  return {
    kind: 'self-test',
    state: 'queued',
    params: {},
    progress: null,
    error: null,
    result: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

export function running(id: number, fraction: number, loss?: number): JobRecord {
  return job({
    id,
    state: 'running',
    startedAt: '2025-01-01T10:00:01.000Z',
    progress: {
      fraction,
      stage: 'training',
      message: `step ${Math.round(fraction * 400)} of 400`,
      ...(loss === undefined ? {} : { metrics: { loss } }),
    },
  });
}

export function model(overrides: Partial<ModelVersion> & { id: number }): ModelVersion {
  return {
    kind: 'self-test',
    name: `self-test-${overrides.id}`,
    createdAt: '2025-01-01T10:05:00.000Z',
    params: {},
    dataHash: 'f3a9c2d41b7e88aa0c1d',
    metrics: { loss: 0.0123, accuracy: 0.97 },
    path: `models/self-test-${overrides.id}`,
    jobId: null,
    ...overrides,
  };
}

export function systemInfo(overrides: Partial<SystemInfo> = {}): SystemInfo {
  return {
    appVersion: '0.1.0',
    nodeVersion: '20.19.0',
    electronVersion: null,
    platform: 'linux',
    host: 'browser',
    dataDir: '/home/ada/.motif',
    cataloguePath: '/home/ada/.motif/catalogue.sqlite',
    backend: {
      active: 'wasm',
      tfjsVersion: '4.22.0',
      forced: false,
      attempts: [
        { backend: 'tensorflow', ok: false, detail: 'tfjs-node is not installed' },
        { backend: 'wasm', ok: true, detail: 'WebAssembly with SIMD' },
      ],
    },
    backendError: null,
    ...overrides,
  };
}

export function settingsView(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    settings: {
      melodyTraining: { epochs: 20, maxMinutes: 30, size: 'standard' },
      stillsTraining: { epochs: 20, maxMinutes: 10 },
      recommender: { folds: 5 },
      backbone: { path: null },
    },
    dataDir: '/home/you/.config/Motif',
    dataDirSource: 'the platform default for Motif',
    backbone: {
      path: '/home/you/.config/Motif/models/backbones/mobilenet_v1_0.75_224',
      custom: false,
      state: 'missing',
      detail: 'Not downloaded yet: the stills lab downloads it on first use.',
    },
    tfjsNodeHowTo: 'npm install @tensorflow/tfjs-node',
    problem: null,
    ...overrides,
  };
}

export function catalogueStats(overrides: Partial<CatalogueStats> = {}): CatalogueStats {
  return {
    items: 0,
    itemsByKind: {},
    profiles: 0,
    ratings: 0,
    tags: 0,
    modelVersions: 0,
    jobs: 0,
    ...overrides,
  };
}
