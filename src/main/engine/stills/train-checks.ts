/**
 * What training needs before it can start, checked by the API handler (to refuse at once, with
 * the reason) and again by the job: enough classes with enough stills, and a backbone folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import { SettingsStore } from '../settings-store';

export const MIN_STILLS_PER_CLASS = 2;

/** The classes with enough stills to train on, or a typed reason why there are not enough. */
export function trainableClasses(counts: ReadonlyArray<{ label: string; count: number }>): string[] {
  const usable = counts.filter((c) => c.count >= MIN_STILLS_PER_CLASS).map((c) => c.label);
  if (usable.length < 2) {
    const have = counts.map((c) => `${c.label}: ${c.count}`).join(', ') || 'no stills';
    throw new MotifError(
      'invalid-input',
      `Training needs at least 2 classes with ${MIN_STILLS_PER_CLASS} or more stills each (this dataset has ${have}).`,
    );
  }
  return usable.sort();
}

/** The backbone folder for a transfer model: the one given, else the one in Settings; typed 'unavailable' otherwise. */
export function backboneFolder(dataDir: string, given: string | undefined): string {
  if (given !== undefined) {
    if (!path.isAbsolute(given))
      throw new MotifError('invalid-input', `Give the backbone folder as an absolute path: ${given}`);
    if (!fs.existsSync(path.join(given, 'model.json')))
      throw new MotifError(
        'unavailable',
        `There is no backbone (model.json) in ${given}. Download it in Settings, or train from scratch.`,
      );
    return given;
  }
  const status = new SettingsStore(dataDir).backbone();
  if (status.state !== 'ready')
    throw new MotifError(
      'unavailable',
      `No usable backbone at ${status.path}: ${status.detail} Download it in Settings (or choose a local copy there), or train from scratch.`,
    );
  return status.path;
}
