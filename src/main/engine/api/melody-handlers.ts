import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { compositionHandlers } from './composition-handlers';
import type { HandlersFor } from './handler-types';
import { MAX_MIDI_BYTES, MIDI_EXTENSIONS, clipBytes, midiFileName, opened } from './midi-files';
import { melodyModelHandlers } from './melody-model-handlers';

/** Compose's file operations: open and export Standard MIDI Files. */
export function melodyHandlers(engine: Engine): HandlersFor<'melody'> {
  return {
    ...melodyModelHandlers(engine),
    ...compositionHandlers(engine),
    'melody.openFile': ({ path: file }) => {
      if (!path.isAbsolute(file)) throw new MotifError('invalid-input', 'Give the MIDI file as an absolute path.');
      if (!MIDI_EXTENSIONS.has(path.extname(file).toLowerCase())) throw new MotifError('invalid-input', `${path.basename(file)} is not a .mid file.`);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        throw new MotifError('not-found', `There is no file at ${file}.`);
      }
      if (!stat.isFile()) throw new MotifError('invalid-input', `${file} is not a file.`);
      if (stat.size > MAX_MIDI_BYTES) throw new MotifError('invalid-input', `${path.basename(file)} is larger than 16 MB; that is not a MIDI file Motif opens.`);
      return opened(new Uint8Array(fs.readFileSync(file)), path.basename(file, path.extname(file)));
    },
    'melody.parseMidi': ({ name, dataBase64 }) => {
      const bytes = new Uint8Array(Buffer.from(dataBase64, 'base64'));
      if (bytes.length > MAX_MIDI_BYTES) throw new MotifError('invalid-input', 'That file is larger than 16 MB.');
      return opened(bytes, name.replace(/\.(mid|midi|kar|rmi)$/i, ''));
    },
    'melody.exportMidi': async ({ clip, name }) => {
      const bytes = clipBytes(clip, name);
      const fileName = midiFileName(name);
      if (!engine.shell) return { fileName, dataBase64: Buffer.from(bytes).toString('base64') };
      const target = await engine.shell.chooseSavePath({
        title: 'Export MIDI',
        defaultName: fileName,
        filters: [{ name: 'Standard MIDI File', extensions: ['mid'] }],
      });
      if (target === null) throw new MotifError('cancelled', 'Export cancelled.');
      fs.writeFileSync(target, bytes);
      return { savedTo: target };
    },
  };
}
