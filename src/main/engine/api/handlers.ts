import fs from 'node:fs';
import path from 'node:path';
import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../../shared/api';
import type { MediaItem } from '../../../shared/catalogue';
import { MotifError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { writeDemoSet } from '../library/demo-set';

/** A folder the user named: absolute, existing, a directory; returned resolved (no `..`). */
function resolveFolder(input: string): string {
  if (!path.isAbsolute(input)) throw new MotifError('invalid-input', `Give the folder as an absolute path: ${input}`);
  const resolved = path.resolve(input);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new MotifError('not-found', `There is no folder at ${resolved}.`);
  }
  if (!stat.isDirectory()) throw new MotifError('invalid-input', `${resolved} is a file, not a folder.`);
  return fs.realpathSync(resolved);
}

export type Handlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>>;
};

/** Every API method's implementation. The compiler insists that each method has one. */
export function createHandlers(engine: Engine): Handlers {
  const { catalogue, jobs, events } = engine;
  const requireItem = (id: number): MediaItem => {
    const item = catalogue.media.get(id);
    if (!item) throw new MotifError('not-found', `There is no catalogue item ${id}.`);
    return item;
  };
  const requireProfile = (id: number): void => {
    if (!catalogue.profiles.list().some((p) => p.id === id)) throw new MotifError('not-found', `There is no profile ${id}.`);
  };
  return {
    'system.info': () => engine.info(),
    'system.doctor': () => ({ info: engine.info(), catalogue: catalogue.health(), stats: catalogue.stats() }),

    'jobs.list': (input) => catalogue.jobs.list(input),
    'jobs.get': ({ id }) => jobs.get(id),
    'jobs.start': (input) => jobs.start(input.kind, input.params),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'jobs.clearFinished': () => ({ removed: catalogue.jobs.clearFinished() }),

    'models.list': ({ kind }) => catalogue.models.list(kind),
    'models.delete': ({ id }) => {
      const model = catalogue.models.get(id);
      if (!model) throw new MotifError('not-found', `There is no model version ${id}.`);
      catalogue.models.delete(id);
      // The files live under the data directory's models/ folder; never follow a path elsewhere.
      const folder = path.resolve(engine.paths.dataDir, model.path);
      if (path.dirname(folder) === path.resolve(engine.paths.models)) fs.rmSync(folder, { recursive: true, force: true });
      events.emit('catalogue.changed', { table: 'models' });
      return { id };
    },

    'profiles.list': () => catalogue.profiles.list(),
    'profiles.create': ({ name }) => {
      const profile = catalogue.profiles.create(name);
      events.emit('catalogue.changed', { table: 'profiles' });
      return profile;
    },

    'library.folders': () => catalogue.library.folders(),
    'library.import': ({ paths }) => {
      const folders = paths.map((p) => resolveFolder(p));
      for (const folder of folders) catalogue.library.addFolder(folder);
      return jobs.start('library-import', { folders });
    },
    'library.importDemo': async () => {
      const folder = await writeDemoSet(path.join(engine.paths.dataDir, 'demo'));
      catalogue.library.addFolder(folder);
      return jobs.start('library-import', { folders: [folder] });
    },
    'library.rescan': ({ folderId }) => {
      const folders = catalogue.library.folders().filter((f) => folderId === undefined || f.id === folderId);
      if (folders.length === 0) {
        throw new MotifError('not-found', folderId === undefined ? 'The library has no folders yet.' : `There is no library folder ${folderId}.`);
      }
      return jobs.start('library-import', { folders: folders.map((f) => f.path) });
    },
    'library.removeFolder': ({ id }) => {
      if (!catalogue.library.removeFolder(id)) throw new MotifError('not-found', `There is no library folder ${id}.`);
      return { id };
    },
    'library.list': ({ query, ...options }) => catalogue.media.page(query ?? '', options),
    'media.get': ({ id }) => requireItem(id),
    'media.waveform': ({ id }) => {
      requireItem(id);
      return catalogue.library.waveform(id);
    },
    'media.tag': ({ ids, add, remove }) => {
      ids.forEach(requireItem);
      catalogue.db.transaction(() => {
        for (const id of ids) {
          if (add?.length) catalogue.media.addTags(id, add);
          for (const name of remove ?? []) catalogue.media.removeTag(id, name);
        }
      })();
      events.emit('catalogue.changed', { table: 'tags' });
      return ids.map((id) => catalogue.media.require(id));
    },
    'ratings.set': ({ profileId, itemIds, value }) => {
      requireProfile(profileId);
      itemIds.forEach(requireItem);
      const count = catalogue.ratings.set(profileId, itemIds, value);
      events.emit('catalogue.changed', { table: 'ratings' });
      return { count };
    },
    'ratings.forProfile': ({ profileId }) => {
      requireProfile(profileId);
      return catalogue.ratings.forProfile(profileId);
    },
    'media.signal': ({ profileId, itemId, kind }) => {
      requireProfile(profileId);
      requireItem(itemId);
      catalogue.ratings.signal(profileId, itemId, kind);
      return { ok: true };
    },

    'catalogue.stats': () => catalogue.stats(),
    'catalogue.search': ({ query, kind, limit }) => catalogue.media.search(query, { kind, limit }),
  };
}
