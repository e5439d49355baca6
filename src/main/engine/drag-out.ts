/**
 * Which files the studio may drag out to the desktop or a DAW (Electron `startDrag`): catalogue
 * items' own files and what Motif wrote under its data directory (compositions, drag exports).
 * Anything else a page asks for is refused, so a compromised page cannot hand out arbitrary files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from './engine';

export function isDraggable(engine: Engine, file: unknown): file is string {
  if (typeof file !== 'string' || file.length === 0 || file.length > 4096 || !path.isAbsolute(file)) return false;
  const resolved = path.resolve(file);
  if (resolved !== file) return false; // no `..` tricks
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  const inside = (folder: string): boolean => resolved.startsWith(folder + path.sep);
  if (inside(engine.paths.compositions) || inside(engine.paths.exports)) return true;
  const item = engine.catalogue.media.byPath(resolved);
  return item !== null && !item.missing;
}
