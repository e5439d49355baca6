/**
 * Studio settings: defaults a person sets once (training budgets, where the stills backbone comes
 * from). Stored as `settings.json` in the data directory; the engine validates every update.
 */
import { z } from 'zod';

export const MODEL_SIZES = ['small', 'standard', 'large'] as const;
export type ModelSize = (typeof MODEL_SIZES)[number];

/** LSTM layer sizes of each model-size choice. */
export const MODEL_SIZE_LAYERS: Record<ModelSize, number[]> = {
  small: [64],
  standard: [128, 128],
  large: [256, 256],
};

export const settingsSchema = z.strictObject({
  melodyTraining: z
    .strictObject({
      epochs: z.number().int().min(1).max(1000).default(20),
      maxMinutes: z.number().min(1).max(24 * 60).default(30),
      size: z.enum(MODEL_SIZES).default('standard'),
    })
    .default({ epochs: 20, maxMinutes: 30, size: 'standard' }),
  stillsTraining: z
    .strictObject({
      epochs: z.number().int().min(1).max(500).default(20),
      maxMinutes: z.number().min(1).max(24 * 60).default(10),
    })
    .default({ epochs: 20, maxMinutes: 10 }),
  recommender: z
    .strictObject({
      /** Cross-validation folds before each retrain (0 skips the evaluation). */
      folds: z.number().int().min(0).max(10).default(5),
    })
    .default({ folds: 5 }),
  backbone: z
    .strictObject({
      /** A local folder holding the MobileNet TensorFlow.js model; null = download on first use. */
      path: z.string().min(1).max(4096).nullable().default(null),
    })
    .default({ path: null }),
});
export type Settings = z.output<typeof settingsSchema>;

/** A partial update: any section, any field. */
export const settingsUpdateSchema = z.strictObject({
  melodyTraining: settingsSchema.shape.melodyTraining.unwrap().partial().optional(),
  stillsTraining: settingsSchema.shape.stillsTraining.unwrap().partial().optional(),
  recommender: settingsSchema.shape.recommender.unwrap().partial().optional(),
  backbone: settingsSchema.shape.backbone.unwrap().partial().optional(),
});
export type SettingsUpdate = z.input<typeof settingsUpdateSchema>;

/** The image backbone the stills lab builds on. */
export const BACKBONE = {
  name: 'MobileNet v1 (alpha 0.75, 224×224), ImageNet',
  url: 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.75_224/model.json',
  folderName: 'mobilenet_v1_0.75_224',
} as const;

export interface BackboneStatus {
  /** Where Motif looks for it. */
  path: string;
  /** Chosen in settings (true) or the downloaded copy in the data directory (false). */
  custom: boolean;
  state: 'ready' | 'missing' | 'invalid';
  /** Why it is missing or invalid, or what it holds. */
  detail: string;
}

export interface SettingsView {
  settings: Settings;
  dataDir: string;
  /** How the data directory was chosen. */
  dataDirSource: string;
  backbone: BackboneStatus;
  /** How to get the faster native backend, when it is not active. */
  tfjsNodeHowTo: string;
  /** Why settings.json was not used as it is (damaged or invalid values), if so. */
  problem: string | null;
}

export const TFJS_NODE_HOW_TO =
  'Motif prefers @tensorflow/tfjs-node (native TensorFlow, several times faster for training) when it is installed. ' +
  'It is an optional dependency because its install downloads libtensorflow: on a machine with internet access run ' +
  '`npm install @tensorflow/tfjs-node` in the Motif folder (Linux x64, macOS, Windows x64), then restart Motif. ' +
  'Without it Motif uses WebAssembly with SIMD, then plain JavaScript, and the Engine page says which is active.';
