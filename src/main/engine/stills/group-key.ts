/**
 * Group keys from file names: frames of one film must not sit on both sides of a validation
 * split. `filmA_0001.jpg` → `filmA` (a prefix, a separator, then a frame number). Only used when
 * the pattern is consistent: every name has such a prefix and at least two groups appear
 * (otherwise the "groups" would just be one file each, or one big group, and mean nothing).
 */
import path from 'node:path';

const PREFIX = /^(.*?[^\d_\-. ])[_\-. ]+\d+$/;

export function prefixOf(file: string): string | null {
  const stem = path.basename(file, path.extname(file));
  return PREFIX.exec(stem)?.[1] ?? null;
}

/** Each file's group key, or null for all when the names do not follow one pattern. */
export function groupKeys(files: readonly string[]): { pattern: 'prefix' | null; keys: Map<string, string | null> } {
  const prefixes = files.map((file) => [file, prefixOf(file)] as const);
  const distinct = new Set(prefixes.map(([, p]) => p));
  const consistent = files.length > 0 && !distinct.has(null) && distinct.size >= 2 && distinct.size < files.length;
  return {
    pattern: consistent ? 'prefix' : null,
    keys: new Map(prefixes.map(([file, p]) => [file, consistent ? p : null])),
  };
}
