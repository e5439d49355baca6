/**
 * A TensorFlow.js IO handler that reads a layers model (model.json and its weight shards) from a
 * local folder, so loading never touches the network. Shard paths are resolved inside the folder
 * only; a manifest that points elsewhere is refused.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { io } from '@tensorflow/tfjs';
import { MotifError } from '../../../shared/errors';

interface ModelJson {
  modelTopology?: unknown;
  weightsManifest?: Array<{ paths: string[]; weights: io.WeightsManifestEntry[] }>;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

function inside(folder: string, relative: string): string {
  const full = path.resolve(folder, relative);
  if (path.relative(folder, full).startsWith('..') || path.isAbsolute(path.relative(folder, full)))
    throw new MotifError('invalid-input', `The model's weights manifest points outside its folder: ${relative}`);
  return full;
}

export function fileSystemModel(folder: string): io.IOHandler {
  const root = path.resolve(folder);
  return {
    async load(): Promise<io.ModelArtifacts> {
      let json: ModelJson;
      try {
        json = JSON.parse(await fs.readFile(path.join(root, 'model.json'), 'utf8')) as ModelJson;
      } catch (error) {
        throw new MotifError('not-found', `No readable model.json in ${root} (${(error as Error).message}).`);
      }
      if (json.modelTopology === undefined || !Array.isArray(json.weightsManifest))
        throw new MotifError('invalid-input', `${path.join(root, 'model.json')} is not a TensorFlow.js layers model.`);
      const specs: io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const shard of group.paths) {
          try {
            buffers.push(await fs.readFile(inside(root, shard)));
          } catch (error) {
            if (error instanceof MotifError) throw error;
            throw new MotifError('not-found', `The weight file ${shard} is missing from ${root}.`);
          }
        }
      }
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return {
        modelTopology: json.modelTopology as io.ModelArtifacts['modelTopology'],
        weightSpecs: specs,
        weightData,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
      };
    },
  };
}
