import fs from 'node:fs';
import path from 'node:path';

/**
 * The shared reference data (MovieLens, Nottingham, real-world MIDI, audio, MobileNet) lives
 * outside the repository: MOTIF_REFERENCE_DIR, else ../shared/data beside the project. It is never
 * copied into the repo. Code that needs it skips with a clear message when it is absent.
 */
export function referenceDir(): string | null {
  const fromEnv = process.env.MOTIF_REFERENCE_DIR;
  const candidate = fromEnv && fromEnv.length > 0 ? fromEnv : path.resolve(import.meta.dirname, '../../../shared/data');
  return fs.existsSync(candidate) ? candidate : null;
}

/** The path of a reference file or folder, or null (with a one-line console note) when absent. */
export function referencePath(...parts: string[]): string | null {
  const dir = referenceDir();
  const full = dir ? path.join(dir, ...parts) : null;
  if (!full || !fs.existsSync(full)) {
    console.log(`Skipping: reference data ${parts.join('/')} not found (set MOTIF_REFERENCE_DIR to ../shared/data).`);
    return null;
  }
  return full;
}
