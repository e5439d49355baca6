import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKBONE } from '../../src/shared/settings';
import { SettingsStore } from '../../src/main/engine/settings-store';
import { BACKBONE_SHA256 } from '../../src/main/engine/stills/backbone-checksums';
import { downloadBackbone, type FetchLike } from '../../src/main/engine/stills/download';
import { backboneFolder, runBackboneDownload } from '../../src/main/engine/stills/download-runner';
import type { JobContext } from '../../src/main/engine/worker/context';
import type { JobProgress } from '../../src/shared/jobs';
import { referencePath } from '../helpers/reference';
import { tempDirs } from './fixtures';

const temp = tempDirs();
const tempDir = (prefix?: string): string => temp.make(prefix);
afterEach(() => temp.cleanup());

const offlineFetch: FetchLike = () =>
  Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }));

/** Serves files of a local folder at the canonical URL's directory, optionally corrupting one. */
function mirrorFetch(folder: string, options: { corrupt?: string; requested?: string[] } = {}): FetchLike {
  const base = new URL('.', BACKBONE.url).href;
  return (url) => {
    options.requested?.push(url);
    if (!url.startsWith(base)) return Promise.resolve(new Response('not here', { status: 404 }));
    const bytes = Buffer.from(fs.readFileSync(path.join(folder, url.slice(base.length))));
    if (url.endsWith(`/${options.corrupt}`)) {
      const at = Math.floor(bytes.length / 2);
      bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    }
    return Promise.resolve(new Response(bytes, { status: 200 }));
  };
}

function context(dataDir: string, progress: JobProgress[] = []): JobContext {
  return {
    jobId: 1,
    dataDir,
    signal: new AbortController().signal,
    progress: (p) => progress.push(p),
    ml: () => Promise.reject(new Error('not needed')),
  };
}

const mirror = referencePath('models', 'mobilenet_v1_0.75_224');

describe('backbone download', () => {
  it('pins a checksum for model.json and each of its 55 shards', () => {
    expect(Object.keys(BACKBONE_SHA256)).toHaveLength(56);
    expect(Object.values(BACKBONE_SHA256).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it('offline: fails with a typed unavailable error that points to Settings, and leaves nothing behind', async () => {
    const dataDir = tempDir();
    const error = await runBackboneDownload({}, context(dataDir), offlineFetch).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect((error as Error).message).toMatch(/offline.*choose a local copy .*Settings/);
    expect(fs.existsSync(backboneFolder(dataDir))).toBe(false);
    expect(fs.readdirSync(dataDir)).toEqual(['models']);
    expect(fs.readdirSync(path.join(dataDir, 'models', 'backbones'))).toEqual([]);
  });

  it('an HTTP error is unavailable too', async () => {
    const notFound: FetchLike = () => Promise.resolve(new Response('gone', { status: 404 }));
    await expect(downloadBackbone({ dest: path.join(tempDir(), 'b'), fetch: notFound })).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/HTTP 404/),
    });
  });

  it.skipIf(!mirror)(
    'downloads every file from the canonical URL, verifies and renames into place, with progress',
    async () => {
      const dataDir = tempDir();
      const progress: JobProgress[] = [];
      const requested: string[] = [];
      const outcome = await runBackboneDownload(
        {},
        context(dataDir, progress),
        mirrorFetch(mirror as string, { requested }),
      );
      expect(requested[0]).toBe(BACKBONE.url);
      expect(requested).toHaveLength(56);
      expect(outcome.summary).toMatchObject({ files: 56, path: backboneFolder(dataDir) });
      expect(new SettingsStore(dataDir).backbone()).toMatchObject({ state: 'ready', custom: false });
      expect(fs.readFileSync(path.join(backboneFolder(dataDir), 'group55-shard1of1'))).toEqual(
        fs.readFileSync(path.join(mirror as string, 'group55-shard1of1')),
      );
      expect(fs.readdirSync(path.dirname(backboneFolder(dataDir)))).toEqual([BACKBONE.folderName]);
      const fractions = progress.map((p) => p.fraction);
      expect(fractions.at(-1)).toBe(1);
      expect(fractions.some((f) => f > 0.4 && f < 0.99)).toBe(true);
    },
  );

  it.skipIf(!mirror)(
    'one corrupted byte in a shard fails the checksum and keeps nothing (an earlier copy stays)',
    async () => {
      const dataDir = tempDir();
      const dest = backboneFolder(dataDir);
      fs.mkdirSync(dest, { recursive: true });
      fs.writeFileSync(path.join(dest, 'model.json'), 'earlier copy');
      await expect(
        runBackboneDownload({}, context(dataDir), mirrorFetch(mirror as string, { corrupt: 'group30-shard1of1' })),
      ).rejects.toMatchObject({
        kind: 'unavailable',
        message: expect.stringMatching(/group30-shard1of1 did not match its pinned checksum/),
      });
      expect(fs.readFileSync(path.join(dest, 'model.json'), 'utf8')).toBe('earlier copy');
      expect(fs.readdirSync(path.dirname(dest))).toEqual([BACKBONE.folderName]);
    },
  );

  it.skipIf(!mirror)('cancelling stops the download and keeps nothing', async () => {
    const dataDir = tempDir();
    const controller = new AbortController();
    const serve = mirrorFetch(mirror as string);
    let calls = 0;
    const cancelling: FetchLike = (url, init) => {
      if (++calls === 5) controller.abort();
      return serve(url, init);
    };
    await expect(
      downloadBackbone({ dest: backboneFolder(dataDir), fetch: cancelling, signal: controller.signal }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(fs.readdirSync(path.dirname(backboneFolder(dataDir)))).toEqual([]);
  });
});
