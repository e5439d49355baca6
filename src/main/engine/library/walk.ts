import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Every regular file below `root`, depth first, in a stable (sorted) order. Hidden files and
 * folders are skipped; symbolic links to folders are not followed (no cycles).
 */
export async function listFiles(root: string, signal?: AbortSignal): Promise<string[]> {
  const files: string[] = [];
  const pending = [path.resolve(root)];
  while (pending.length > 0) {
    if (signal?.aborted) break;
    const dir = pending.pop() as string;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing to list (the report says what was found)
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) subdirs.push(full);
      else if (entry.isFile()) files.push(full);
      else if (entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => null);
        if (target?.isFile()) files.push(full);
      }
    }
    pending.push(...subdirs.reverse());
  }
  return files;
}
