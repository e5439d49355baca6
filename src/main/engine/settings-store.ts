/**
 * Settings on disk: `settings.json` in the data directory, validated on read (a damaged or
 * hand-edited file falls back to defaults for what is wrong, and says so) and written atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MotifError } from '../../shared/errors';
import { BACKBONE, settingsSchema, settingsUpdateSchema, type BackboneStatus, type Settings, type SettingsUpdate } from '../../shared/settings';

export const SETTINGS_FILE = 'settings.json';

export class SettingsStore {
  private cached: Settings | null = null;
  /** Why the file on disk was not used as it is, if it was not. */
  problem: string | null = null;

  constructor(private readonly dataDir: string) {}

  get file(): string {
    return path.join(this.dataDir, SETTINGS_FILE);
  }

  get(): Settings {
    if (this.cached) return this.cached;
    let raw: unknown = {};
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.problem = `${SETTINGS_FILE} could not be read; defaults are used.`;
    }
    const parsed = settingsSchema.safeParse(raw);
    if (parsed.success) {
      this.cached = parsed.data;
    } else {
      this.problem = `${SETTINGS_FILE} has invalid values (${z.prettifyError(parsed.error).replace(/\n/g, ' ')}); defaults are used.`;
      this.cached = settingsSchema.parse({});
    }
    return this.cached;
  }

  update(input: SettingsUpdate): Settings {
    const update = settingsUpdateSchema.parse(input);
    const current = this.get();
    const next = settingsSchema.parse({
      melodyTraining: { ...current.melodyTraining, ...update.melodyTraining },
      stillsTraining: { ...current.stillsTraining, ...update.stillsTraining },
      recommender: { ...current.recommender, ...update.recommender },
      backbone: { ...current.backbone, ...update.backbone },
    });
    if (next.backbone.path !== null && !path.isAbsolute(next.backbone.path))
      throw new MotifError('invalid-input', 'Give the backbone folder as an absolute path.');
    fs.mkdirSync(this.dataDir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(next, null, 2));
    fs.renameSync(temporary, this.file);
    this.cached = next;
    this.problem = null;
    return next;
  }

  /** Where the stills backbone is looked for, and whether a usable model is there. */
  backbone(): BackboneStatus {
    const custom = this.get().backbone.path;
    const folder = custom ?? path.join(this.dataDir, 'models', 'backbones', BACKBONE.folderName);
    const status = (state: BackboneStatus['state'], detail: string): BackboneStatus => ({ path: folder, custom: custom !== null, state, detail });
    let json: { modelTopology?: unknown; weightsManifest?: Array<{ paths?: unknown }> };
    try {
      json = JSON.parse(fs.readFileSync(path.join(folder, 'model.json'), 'utf8')) as typeof json;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? status('missing', custom ? 'There is no model.json in that folder.' : `Not downloaded yet: the stills lab downloads it from ${BACKBONE.url} on first use.`)
        : status('invalid', 'model.json is not valid JSON.');
    }
    if (!json.modelTopology || !Array.isArray(json.weightsManifest))
      return status('invalid', 'model.json is not a TensorFlow.js layers model (no topology or weights manifest).');
    const shards = json.weightsManifest.flatMap((group) => (Array.isArray(group.paths) ? group.paths : [])).filter((p): p is string => typeof p === 'string');
    const absent = shards.filter((shard) => !fs.existsSync(path.join(folder, shard)));
    if (absent.length > 0) return status('invalid', `${absent.length} of ${shards.length} weight files are missing (e.g. ${absent[0]}).`);
    return status('ready', `TensorFlow.js layers model with ${shards.length} weight files.`);
  }
}
