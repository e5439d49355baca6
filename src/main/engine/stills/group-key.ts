/**
 * Group keys: frames of one film must not sit on both sides of a validation split. Two patterns:
 * - folders: every still sits in a subfolder of its class folder (`close-up/Vertigo/0001.jpg`):
 *   the subfolder names the group;
 * - prefix: every file name is a prefix, a separator and a frame number (`filmA_0001.jpg`,
 *   `tt0052357_0042.jpg`, `The Film - 12.png`): the prefix names the group.
 * A pattern is only used when it is consistent: every still follows it and at least two groups
 * appear, none of them a single still each (then the "groups" would mean nothing).
 */
import path from 'node:path';

/** Everything before the last separator that is followed only by a frame number. */
const PREFIX = /^(.+?)[_\-. ]+\d+$/;

export function prefixOf(file: string): string | null {
  const stem = path.basename(file, path.extname(file));
  return PREFIX.exec(stem)?.[1] ?? null;
}

/** The first folder between the class folder and the file, or null when the file sits directly in it. */
export function subfolderOf(file: string, classFolder: string): string | null {
  const relative = path.relative(classFolder, path.dirname(file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep)[0] ?? null;
}

function consistent(keys: ReadonlyArray<string | null>): boolean {
  const distinct = new Set(keys);
  return keys.length > 0 && !distinct.has(null) && distinct.size >= 2 && distinct.size < keys.length;
}

/**
 * Each file's group key, or null for all when the stills follow no pattern. `classFolders` maps
 * a file to its class folder (the folder pattern needs it; without it only prefixes are tried).
 */
export function groupKeys(
  files: readonly string[],
  classFolderOf?: (file: string) => string,
): { pattern: 'folder' | 'prefix' | null; keys: Map<string, string | null> } {
  if (classFolderOf) {
    const folders = files.map((file) => subfolderOf(file, classFolderOf(file)));
    if (consistent(folders))
      return { pattern: 'folder', keys: new Map(files.map((file, i) => [file, folders[i] ?? null])) };
  }
  const prefixes = files.map((file) => prefixOf(file));
  const ok = consistent(prefixes);
  return {
    pattern: ok ? 'prefix' : null,
    keys: new Map(files.map((file, i) => [file, ok ? (prefixes[i] ?? null) : null])),
  };
}
