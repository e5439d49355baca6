import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { writeDemoSet } from '../library/demo-set';
import { mediaKindOf } from '../library/media-types';
import { requireItem as requireItemIn, requireProfile as requireProfileIn, type HandlersFor } from './handler-types';

/** An absolute path that exists, resolved (symlinks too), and whether it is a folder. */
function resolveExisting(input: string): { path: string; folder: boolean } {
  if (!path.isAbsolute(input)) throw new MotifError('invalid-input', `Give the folder or file as an absolute path: ${input}`);
  const resolved = path.resolve(input);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new MotifError('not-found', `There is no folder or file at ${resolved}.`);
  }
  return { path: fs.realpathSync(resolved), folder: stat.isDirectory() };
}

/** The media library: folders, import jobs, items, tags, ratings and listening signals. */
export function libraryHandlers(engine: Engine): HandlersFor<'library' | 'media' | 'ratings'> {
  const { catalogue, jobs, events } = engine;
  const requireItem = (id: number) => requireItemIn(engine, id);
  const requireProfile = (id: number) => requireProfileIn(engine, id);
  return {
    'library.folders': () => catalogue.library.folders(),
    'library.import': ({ paths }) => {
      // Folders join the library (rescanned later); single files (e.g. dropped ones) are catalogued in place.
      const folders: string[] = [];
      const files: string[] = [];
      for (const given of paths) {
        const found = resolveExisting(given);
        if (found.folder) folders.push(found.path);
        else if (mediaKindOf(found.path)) files.push(found.path);
        else throw new MotifError('invalid-input', `${path.basename(found.path)} is not a file Motif catalogues (audio, MIDI or an image).`);
      }
      for (const folder of folders) catalogue.library.addFolder(folder);
      return jobs.start('library-import', { folders, ...(files.length > 0 ? { files } : {}) });
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
    'library.tags': ({ kind }) => catalogue.media.tagCounts(kind),
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
      }).immediate();
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
