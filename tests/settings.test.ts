import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/main/engine/engine';
import type { Settings, SettingsView } from '../src/shared/settings';
import { tempDir, testEngine } from './helpers/engine';
import { referencePath } from './helpers/reference';

const engines: Engine[] = [];
afterEach(() => engines.splice(0).forEach((e) => e.close()));
function engine(dataDir = tempDir()): Engine {
  const e = testEngine(dataDir);
  engines.push(e);
  return e;
}

async function call<T>(e: Engine, method: string, input: unknown): Promise<T> {
  const result = await e.dispatch(method, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

describe('settings', () => {
  it('starts from defaults, saves partial updates atomically, and keeps them across restarts', async () => {
    const dataDir = tempDir();
    const e = engine(dataDir);
    const view = await call<SettingsView>(e, 'settings.get', {});
    expect(view.settings).toEqual({
      melodyTraining: { epochs: 20, maxMinutes: 30, size: 'standard' },
      stillsTraining: { epochs: 20, maxMinutes: 10 },
      recommender: { folds: 5 },
      backbone: { path: null },
    });
    expect(view.dataDir).toBe(dataDir);
    expect(view.dataDirSource).toBe('the --data-dir option');
    expect(view.tfjsNodeHowTo).toMatch(/npm install @tensorflow\/tfjs-node/);
    const events: unknown[] = [];
    e.events.subscribe((m) => events.push(m));
    const updated = await call<Settings>(e, 'settings.update', { melodyTraining: { maxMinutes: 12 }, recommender: { folds: 3 } });
    expect(updated.melodyTraining).toEqual({ epochs: 20, maxMinutes: 12, size: 'standard' });
    expect(events).toEqual([{ event: 'settings.changed', payload: updated }]);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('.tmp'))).toEqual([]);
    e.close();
    const again = engine(dataDir);
    expect((await call<SettingsView>(again, 'settings.get', {})).settings.recommender.folds).toBe(3);
  });

  it('refuses bad values with typed errors and changes nothing', async () => {
    const e = engine();
    for (const bad of [{ melodyTraining: { epochs: 0 } }, { melodyTraining: { size: 'huge' } }, { backbone: { path: 'relative/folder' } }, { colour: 'red' }]) {
      await expect(call(e, 'settings.update', bad)).rejects.toMatchObject({ kind: 'invalid-input' });
    }
    expect((await call<SettingsView>(e, 'settings.get', {})).settings.melodyTraining.epochs).toBe(20);
    expect(fs.existsSync(path.join(e.paths.dataDir, 'settings.json'))).toBe(false);
  });

  it('falls back to defaults for a damaged settings file, and says so', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'settings.json'), '{"melodyTraining": {"epochs": "many"}}');
    const view = await call<SettingsView>(engine(dataDir), 'settings.get', {});
    expect(view.settings.melodyTraining.epochs).toBe(20);
    expect(view.problem).toMatch(/invalid values.*defaults are used/);
  });

  it('reports where the stills backbone is and whether it is usable', async () => {
    const e = engine();
    const initial = (await call<SettingsView>(e, 'settings.get', {})).backbone;
    expect(initial).toMatchObject({ custom: false, state: 'missing' });
    expect(initial.detail).toMatch(/downloads it from https:\/\/storage\.googleapis\.com\/tfjs-models/);
    expect(initial.path).toBe(path.join(e.paths.dataDir, 'models', 'backbones', 'mobilenet_v1_0.75_224'));

    const folder = tempDir();
    await call(e, 'settings.update', { backbone: { path: folder } });
    expect((await call<SettingsView>(e, 'settings.get', {})).backbone).toMatchObject({ custom: true, state: 'missing' });
    fs.writeFileSync(path.join(folder, 'model.json'), '{ not json');
    expect((await call<SettingsView>(e, 'settings.get', {})).backbone.state).toBe('invalid');
    fs.writeFileSync(path.join(folder, 'model.json'), JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['a.bin', 'b.bin'] }] }));
    fs.writeFileSync(path.join(folder, 'a.bin'), '');
    expect((await call<SettingsView>(e, 'settings.get', {})).backbone).toMatchObject({ state: 'invalid', detail: expect.stringMatching(/1 of 2 weight files are missing \(e\.g\. b\.bin\)/) });

    const mobilenet = referencePath('models', 'mobilenet_v1_0.75_224');
    if (mobilenet) {
      await call(e, 'settings.update', { backbone: { path: mobilenet } });
      expect((await call<SettingsView>(e, 'settings.get', {})).backbone).toMatchObject({ state: 'ready', detail: expect.stringMatching(/55 weight files/) });
    }
  });
});
