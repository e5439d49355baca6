import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { writeDemoSet } from '../library/demo-set';
import { requireItem as requireItemIn, requireProfile as requireProfileIn, type HandlersFor } from './handler-types';

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

/** The media library: folders, import jobs, items, tags, ratings and listening signals. */
export function libraryHandlers(engine: Engine): HandlersFor<'library' | 'media' | 'ratings'> {
  const { catalogue, jobs, events } = engine;
  const requireItem = (id: number) => requireItemIn(engine, id);
  const requireProfile = (id: number) => requireProfileIn(engine, id);
  return {
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
    'library.list': ({ query, profileId, ...options }) => {
      if (profileId !== undefined) requireProfile(profileId);
      return catalogue.media.page(query ?? '', { ...options, profileId });
    },
    'library.ids': ({ query, ...options }) => catalogue.media.ids(query ?? '', options),
    'media.get': ({ id }) => requireItem(id),
    'media.waveform': ({ id }) => {
      requireItem(id);
      return catalogue.library.waveform(id);
    },
    'media.tag': ({ ids, add, remove }) => {
      if (catalogue.media.countExisting([...new Set(ids)]) !== new Set(ids).size) throw new MotifError('not-found', 'Some of those catalogue items do not exist.');
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
      const unique = [...new Set(itemIds)];
      if (catalogue.media.countExisting(unique) !== unique.length) throw new MotifError('not-found', 'Some of those catalogue items do not exist.');
      const count = catalogue.ratings.set(profileId, unique, value);
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

  };
}
