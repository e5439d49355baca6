import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initMlRuntime, type MlRuntime } from '../../src/main/engine/ml/runtime';
import { loadBackbone, type Backbone } from '../../src/main/engine/stills/backbone';
import { fileSystemModel } from '../../src/main/engine/stills/model-io';
import { INPUT_SIZE, preprocessBytes } from '../../src/main/engine/stills/preprocess';
import { referencePath } from '../helpers/reference';
import { figure } from './fixtures';

const mobilenet = referencePath('models', 'mobilenet_v1_0.75_224');
const PIXELS = INPUT_SIZE * INPUT_SIZE * 3;

describe.skipIf(!mobilenet)('MobileNet backbone from a local folder', () => {
  let ml: MlRuntime;
  let backbone: Backbone;
  beforeAll(async () => {
    ml = await initMlRuntime();
    backbone = await loadBackbone(ml.tf, mobilenet as string);
  }, 60_000);
  afterAll(() => backbone?.dispose());

  it('embeds into 768 values from pooled conv_pw_13_relu; batched equals single; no tensors leak', async () => {
    expect(backbone.dimension).toBe(768);
    expect(backbone.id).toMatch(/^mobilenet_v1_0\.75_224@[0-9a-f]{16}:conv_pw_13_relu:gap:bars1$/);
    const batch = new Float32Array(PIXELS * 3);
    await preprocessBytes('close.png', await figure('png', 320, 180, 0.95), 'crop', batch, 0);
    await preprocessBytes('long.png', await figure('png', 320, 180, 0.2), 'crop', batch, PIXELS);
    await preprocessBytes('close2.png', await figure('jpeg', 640, 360, 0.95), 'crop', batch, PIXELS * 2);
    const before = ml.tf.memory().numTensors;
    const batched = await backbone.embed(batch, 3);
    const single = await backbone.embed(batch.subarray(0, PIXELS), 1);
    expect(ml.tf.memory().numTensors).toBe(before);
    expect(batched).toHaveLength(3);
    const [a, b, c] = batched as [Float32Array, Float32Array, Float32Array];
    expect(a.length).toBe(768);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0); // after ReLU and averaging
    const distance = (x: Float32Array, y: Float32Array): number => Math.hypot(...x.map((v, i) => v - (y[i] as number)));
    for (let i = 0; i < 768; i++) expect(Math.abs((single[0]?.[i] as number) - (a[i] as number))).toBeLessThan(1e-3);
    // Two close-ups are nearer each other than a close-up is to a long shot.
    expect(distance(a, c)).toBeLessThan(distance(a, b));
  }, 60_000);

  it('refuses a manifest that points outside the folder and reports missing shards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-backbone-'));
    try {
      const json = JSON.parse(fs.readFileSync(path.join(mobilenet as string, 'model.json'), 'utf8')) as {
        weightsManifest: Array<{ paths: string[] }>;
      };
      (json.weightsManifest[0] as { paths: string[] }).paths = ['../../etc/passwd'];
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
      await expect(fileSystemModel(dir).load!()).rejects.toMatchObject({
        kind: 'invalid-input',
        message: expect.stringMatching(/outside its folder/),
      });
      (json.weightsManifest[0] as { paths: string[] }).paths = ['group1-shard1of1'];
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
      await expect(loadBackbone(ml.tf, dir)).rejects.toMatchObject({
        kind: 'not-found',
        message: expect.stringMatching(/group1-shard1of1 is missing/),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
