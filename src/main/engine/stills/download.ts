/**
 * Downloads the canonical MobileNet backbone (model.json and every weight shard) into the data
 * directory: each file is checked against its pinned SHA-256, everything lands in a temporary
 * folder first and is renamed into place only when all files verify. Offline, it fails with a
 * typed `unavailable` error that tells the user to choose a local copy instead.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import { BACKBONE } from '../../../shared/settings';
import { BACKBONE_SHA256, BACKBONE_TOTAL_BYTES } from './backbone-checksums';

export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

export interface DownloadOptions {
  /** The final folder, e.g. `<dataDir>/models/backbones/mobilenet_v1_0.75_224`. */
  dest: string;
  url?: string;
  fetch?: FetchLike;
  signal?: AbortSignal;
  expected?: Readonly<Record<string, string>>;
  progress?(bytes: number, totalBytes: number, file: string): void;
}

export interface DownloadResult {
  path: string;
  files: number;
  bytes: number;
}

const OFFLINE_HINT = 'choose a local copy of the model folder in Settings (Backbone folder), or connect and try again';

function cancelled(): MotifError {
  return new MotifError('cancelled', 'The backbone download was cancelled; nothing was kept.');
}

async function fetchFile(
  fetchImpl: FetchLike,
  url: string,
  signal: AbortSignal,
  onChunk: (n: number) => void,
): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal });
  } catch (error) {
    if (signal.aborted) throw cancelled();
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new MotifError(
      'unavailable',
      `Motif is offline or cannot reach ${new URL(url).host} (${cause}): ${OFFLINE_HINT}.`,
      { cause: error },
    );
  }
  if (!response.ok || !response.body)
    throw new MotifError('unavailable', `The download of ${url} failed (HTTP ${response.status}): ${OFFLINE_HINT}.`);
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  try {
    for (;;) {
      if (signal.aborted) throw cancelled();
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      onChunk(value.byteLength);
    }
  } catch (error) {
    if (signal.aborted) throw cancelled();
    if (error instanceof MotifError) throw error;
    throw new MotifError(
      'unavailable',
      `The download of ${url} broke off (${(error as Error).message}): ${OFFLINE_HINT}.`,
    );
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks);
}

function verify(name: string, bytes: Buffer, expected: Readonly<Record<string, string>>): void {
  const want = expected[name];
  if (want === undefined)
    throw new MotifError(
      'unavailable',
      `The downloaded model lists a file Motif does not know (${name}); it was not kept.`,
    );
  const got = createHash('sha256').update(bytes).digest('hex');
  if (got !== want)
    throw new MotifError(
      'unavailable',
      `${name} did not match its pinned checksum (expected sha256 ${want.slice(0, 12)}…, got ${got.slice(0, 12)}…); nothing was kept. Try again, or choose a local copy in Settings.`,
    );
}

export async function downloadBackbone(options: DownloadOptions): Promise<DownloadResult> {
  const url = options.url ?? BACKBONE.url;
  const fetchImpl: FetchLike = options.fetch ?? ((u, init) => fetch(u, init));
  const signal = options.signal ?? new AbortController().signal;
  const expected = options.expected ?? BACKBONE_SHA256;
  const dest = path.resolve(options.dest);
  const temporary = `${dest}.partial-${process.pid}-${Date.now()}`;
  let bytes = 0;
  const total = BACKBONE_TOTAL_BYTES;
  const report = (file: string) => (n: number) => {
    bytes += n;
    options.progress?.(bytes, Math.max(total, bytes), file);
  };
  await fs.mkdir(temporary, { recursive: true });
  try {
    const modelJson = await fetchFile(fetchImpl, url, signal, report('model.json'));
    verify('model.json', modelJson, expected);
    const manifest = (JSON.parse(modelJson.toString('utf8')) as { weightsManifest: Array<{ paths: string[] }> })
      .weightsManifest;
    const shards = manifest.flatMap((group) => group.paths);
    const missingPins = Object.keys(expected).filter((name) => name !== 'model.json' && !shards.includes(name));
    if (missingPins.length > 0)
      throw new MotifError(
        'unavailable',
        `The downloaded model.json lists other weight files than expected (${missingPins[0]} is absent).`,
      );
    await fs.writeFile(path.join(temporary, 'model.json'), modelJson);
    for (const shard of shards) {
      if (path.basename(shard) !== shard)
        throw new MotifError('unavailable', `Refusing a weight file path outside the model folder: ${shard}`);
      const data = await fetchFile(fetchImpl, new URL(shard, url).href, signal, report(shard));
      verify(shard, data, expected);
      await fs.writeFile(path.join(temporary, shard), data);
    }
    if (signal.aborted) throw cancelled();
    await fs.rm(dest, { recursive: true, force: true });
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.rename(temporary, dest);
    return { path: dest, files: shards.length + 1, bytes };
  } finally {
    await fs.rm(temporary, { recursive: true, force: true });
  }
}
