/** The `backbone-download` job: fetch the canonical MobileNet into the data directory. */
import path from 'node:path';
import { BACKBONE } from '../../../shared/settings';
import type { JobOutcome } from '../jobs/protocol';
import type { JobContext } from '../worker/context';
import { downloadBackbone, type FetchLike } from './download';

export function backboneFolder(dataDir: string): string {
  return path.join(dataDir, 'models', 'backbones', BACKBONE.folderName);
}

export async function runBackboneDownload(
  _params: Record<string, unknown>,
  context: JobContext,
  fetchImpl?: FetchLike,
): Promise<JobOutcome> {
  context.progress({ fraction: 0, stage: 'downloading', message: `Downloading ${BACKBONE.name}` });
  const result = await downloadBackbone({
    dest: backboneFolder(context.dataDir),
    fetch: fetchImpl,
    signal: context.signal,
    progress: (bytes, total, file) =>
      context.progress({
        fraction: Math.min(0.99, bytes / total),
        stage: 'downloading',
        message: `${(bytes / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB (${file})`,
        metrics: { bytes },
      }),
  });
  context.progress({ fraction: 1, stage: 'done', message: `Downloaded ${result.files} files, checksums verified` });
  return { summary: { ...result } };
}
