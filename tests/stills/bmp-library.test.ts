import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { probeFile } from '../../src/main/engine/library/probe';
import { thumbnailFor } from '../../src/main/engine/media/thumbnails';
import type { MediaItem } from '../../src/shared/catalogue';
import { figureBmp, tempDirs, writeFile } from './fixtures';

const temp = tempDirs();
afterAll(() => temp.cleanup());

describe('BMP stills in the library', () => {
  it('the library probe and the thumbnail cache read BMP (which libvips cannot)', async () => {
    const dir = temp.make();
    const file = writeFile(dir, 'frame.bmp', await figureBmp(200, 100, 0.6));
    const probed = await probeFile(file, 'image', '.bmp');
    expect(probed.metadata).toMatchObject({ width: 200, height: 100, format: 'bmp' });
    const item = { id: 1, path: file, contentHash: 'abcdef', mtimeMs: 1 } as MediaItem;
    const thumb = await thumbnailFor(path.join(dir, 'data'), item, 128);
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: 128, height: 64 });
    const broken = writeFile(dir, 'broken.bmp', fs.readFileSync(file).subarray(0, 100));
    await expect(probeFile(broken, 'image', '.bmp')).rejects.toThrow(/not readable as an image \(truncated BMP/);
  });
});
