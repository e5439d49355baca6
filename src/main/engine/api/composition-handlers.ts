import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { hashFile } from '../library/hash';
import { probeFile } from '../library/probe';
import type { HandlersFor } from './handler-types';
import { requireItem } from './handler-types';
import { clipBytes, midiFileName, opened } from './midi-files';

/** A file name in `folder` not taken yet: "Name.mid", "Name 2.mid", … */
function freeName(folder: string, fileName: string): string {
  const base = fileName.replace(/\.mid$/i, '');
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? `${base}.mid` : `${base} ${n}.mid`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/** Compositions: clips saved into the catalogue (as MIDI files in the Compositions folder), and opened back. */
export function compositionHandlers(
  engine: Engine,
): Pick<HandlersFor<'melody'>, 'melody.saveComposition' | 'melody.openItem' | 'melody.dragFile'> {
  const { catalogue, events } = engine;
  const folder = engine.paths.compositions;
  return {
    'melody.saveComposition': async ({ clip, name, itemId }) => {
      const bytes = clipBytes(clip, name);
      fs.mkdirSync(folder, { recursive: true });
      let target: string;
      const previous = itemId !== undefined ? requireItem(engine, itemId) : null;
      if (previous && previous.path && path.dirname(previous.path) === folder && previous.kind === 'midi') {
        // Saving again: overwrite the same file; a new name renames it.
        const wanted = path.join(folder, midiFileName(name));
        target = wanted === previous.path || fs.existsSync(wanted) ? previous.path : wanted;
      } else {
        target = freeName(folder, midiFileName(name));
      }
      // Write beside, then rename: a crash never leaves half a file.
      const temporary = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, bytes);
      fs.renameSync(temporary, target);
      if (previous?.path && previous.path !== target && path.dirname(previous.path) === folder) fs.rmSync(previous.path, { force: true });
      const stat = fs.statSync(target);
      const [contentHash, probed] = await Promise.all([hashFile(target), probeFile(target, 'midi', '.mid')]);
      catalogue.library.addFolder(folder);
      const movedFromId = previous && previous.path !== target && path.dirname(previous.path ?? '') === folder ? previous.id : undefined;
      catalogue.library.apply([
        {
          path: target,
          kind: 'midi',
          contentHash,
          size: stat.size,
          mtimeMs: Math.trunc(stat.mtimeMs),
          title: name,
          artist: null,
          album: 'Compositions',
          durationS: probed.durationS,
          metadata: { ...probed.metadata, composition: true },
          peaks: null,
          ...(movedFromId !== undefined ? { movedFromId } : {}),
        },
      ]);
      catalogue.library.markScanned(folder);
      const item = catalogue.media.byPath(target);
      if (!item) throw new MotifError('internal', `The composition was written to ${target} but not catalogued.`);
      catalogue.media.addTags(item.id, ['composition']);
      events.emit('catalogue.changed', { table: 'media' });
      return { itemId: item.id, path: target, title: name };
    },

    'melody.dragFile': ({ clip, name }) => {
      const folder = engine.paths.exports;
      fs.mkdirSync(folder, { recursive: true });
      // A fresh name each time: a DAW may keep referring to the file it was given.
      const target = freeName(folder, midiFileName(name));
      fs.writeFileSync(target, clipBytes(clip, name));
      return { path: target };
    },

    'melody.openItem': ({ id }) => {
      const item = requireItem(engine, id);
      if (item.kind !== 'midi') throw new MotifError('invalid-input', `“${item.title}” is not a MIDI item.`);
      if (!item.path || item.missing) throw new MotifError('not-found', `The file of “${item.title}” is missing.`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(fs.readFileSync(item.path));
      } catch {
        throw new MotifError('not-found', `The file of “${item.title}” could not be read (${item.path}).`);
      }
      return { ...opened(bytes, item.title), itemId: item.id };
    },
  };
}
