/**
 * Copy a dataset out as class subfolders with its current labels (`<target>/<label>/<file>`);
 * the user's own folders stay as they are. Refuses a folder that already holds anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';

/** A label as a folder name on every platform (no separators, reserved characters or dot names). */
export function labelFolder(label: string): string {
  const printable = [...label].map((ch) => (ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  const cleaned = printable
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/[. ]+$/, '')
    .trim();
  return cleaned.length === 0 || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
}

export function exportDatasetFiles(
  items: ReadonlyArray<{ path: string | null; label: string }>,
  target: string,
): { path: string; files: number; missing: number } {
  if (!path.isAbsolute(target))
    throw new MotifError('invalid-input', `Give the export folder as an absolute path: ${target}`);
  try {
    if (fs.readdirSync(target).length > 0)
      throw new MotifError('conflict', `${target} is not empty; choose an empty or new folder.`);
  } catch (error) {
    if (error instanceof MotifError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new MotifError('conflict', `${target} is a file, not a folder.`);
    if (code !== 'ENOENT')
      throw new MotifError('invalid-input', `${target} cannot be used (${(error as Error).message}).`);
  }
  const used = new Set<string>();
  let files = 0;
  let missing = 0;
  for (const item of items) {
    if (item.path === null || !fs.existsSync(item.path)) {
      missing++;
      continue;
    }
    const folder = path.join(target, labelFolder(item.label));
    const ext = path.extname(item.path);
    const stem = path.basename(item.path, ext);
    let name = `${stem}${ext}`;
    for (let n = 2; used.has(path.join(folder, name).toLowerCase()); n++) name = `${stem}-${n}${ext}`;
    used.add(path.join(folder, name).toLowerCase());
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(item.path, path.join(folder, name));
    files++;
  }
  fs.mkdirSync(target, { recursive: true });
  return { path: target, files, missing };
}
