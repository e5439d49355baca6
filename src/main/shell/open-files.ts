import path from 'node:path';

const MIDI = /\.(mid|midi)$/i;

/** MIDI files named on a command line (file association, a second launch). */
export function midiFilesIn(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && MIDI.test(arg))
    .map((arg) => path.resolve(cwd, arg));
}
