import fs from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';

type ModelArtifacts = tfTypes.io.ModelArtifacts;
type SaveResult = tfTypes.io.SaveResult;

/**
 * A tf.io handler that saves a layers model as `model.json` + `weights.bin` in a folder (the
 * standard TensorFlow.js layout; tfjs-node's file:// handler is not available on wasm/cpu).
 */
export function folderSaver(dir: string): tfTypes.io.IOHandler {
  return {
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      await fs.mkdir(dir, { recursive: true });
      const weights = artifacts.weightData
        ? Buffer.concat(
            (Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData]).map((b) =>
              Buffer.from(b),
            ),
          )
        : Buffer.alloc(0);
      const modelJson = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        trainingConfig: artifacts.trainingConfig,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      await fs.writeFile(path.join(dir, 'weights.bin'), weights);
      await fs.writeFile(path.join(dir, 'model.json'), JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.byteLength,
        },
      };
    },
  };
}

interface ModelJson {
  modelTopology: object;
  weightsManifest: Array<{ paths: string[]; weights: tfTypes.io.WeightsManifestEntry[] }>;
  format?: string;
  trainingConfig?: tfTypes.io.TrainingConfig;
}

/** The matching loader: reads `model.json` and its weight files from a folder. */
export function folderLoader(dir: string): tfTypes.io.IOHandler {
  return {
    async load(): Promise<ModelArtifacts> {
      const json = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8')) as ModelJson;
      const specs: tfTypes.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const file of group.paths) {
          const resolved = path.resolve(dir, file);
          if (path.dirname(resolved) !== path.resolve(dir)) throw new Error(`weight path escapes the model folder: ${file}`);
          buffers.push(await fs.readFile(resolved));
        }
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        trainingConfig: json.trainingConfig,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}
