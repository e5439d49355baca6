import fs from 'node:fs';
import path from 'node:path';

/** Every file under a folder, sorted, recursively. */
export function walkFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walkFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** The MIDI files of a folder (by extension), sorted. */
export function midiFiles(dir: string): string[] {
  return walkFiles(dir).filter((f) => /\.(mid|midi|kar|rmi|smf)$/i.test(f));
}

export function readBytes(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(file));
}
