import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../src/main/engine/catalogue/catalogue';
import { parseRange } from '../src/main/engine/media/range';
import { serveMedia } from '../src/main/engine/media/serve-media';
import { tempDir } from './helpers/engine';

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'partial', start: 100, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=50-10', { kind: 'full' }],
    ['bytes=0-1,5-9', { kind: 'full' }],
    ['items=0-9', { kind: 'full' }],
    ['bytes=abc', { kind: 'full' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('serveMedia', () => {
  const open: Catalogue[] = [];
  afterEach(() => open.splice(0).forEach((c) => c.close()));

  function setup() {
    const dir = tempDir();
    const catalogue = Catalogue.open(path.join(dir, 'motif.sqlite'));
    open.push(catalogue);
    const file = path.join(dir, 'clip.wav');
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
    fs.writeFileSync(file, bytes);
    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, 'not for you');
    const item = catalogue.media.insert({ kind: 'audio', path: file, title: 'Clip' });
    return { dir, catalogue, file, bytes, item, secret };
  }

  it('serves a catalogue file whole and by range', async () => {
    const { catalogue, item, file } = setup();
    const whole = await serveMedia(catalogue.media, { idSegment: String(item.id), method: 'GET' });
    expect(whole.status).toBe(200);
    expect(whole.headers['Content-Type']).toBe('audio/wav');
    expect(whole.headers['Accept-Ranges']).toBe('bytes');
    expect(whole.headers['Content-Length']).toBe('4096');
    expect(whole.body).toEqual({ file, start: 0, end: 4095 });
    const part = await serveMedia(catalogue.media, { idSegment: String(item.id), method: 'GET', range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toBe('bytes 1000-1999/4096');
    expect(part.headers['Content-Length']).toBe('1000');
    const bad = await serveMedia(catalogue.media, { idSegment: String(item.id), method: 'GET', range: 'bytes=5000-' });
    expect(bad.status).toBe(416);
    expect(bad.headers['Content-Range']).toBe('bytes */4096');
    const head = await serveMedia(catalogue.media, { idSegment: String(item.id), method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it('refuses anything that is not a known item id: paths, traversal, encodings', async () => {
    const { catalogue, secret } = setup();
    for (const segment of ['../secret.txt', '..%2Fsecret.txt', '%2e%2e%2fsecret.txt', secret, encodeURIComponent(secret), '1/../2', '01', '0', '-1', '1e3', '%', '999']) {
      const response = await serveMedia(catalogue.media, { idSegment: segment, method: 'GET' });
      expect([400, 404], segment).toContain(response.status);
      expect(typeof response.body === 'string' || response.body === null, segment).toBe(true);
    }
    expect((await serveMedia(catalogue.media, { idSegment: '1', method: 'POST' })).status).toBe(405);
  });

  it('says when a catalogued file went missing, and never serves items without a file', async () => {
    const { catalogue, item, file } = setup();
    fs.rmSync(file);
    expect(await serveMedia(catalogue.media, { idSegment: String(item.id), method: 'GET' })).toMatchObject({ status: 404, body: 'The file is missing from disk' });
    const film = catalogue.media.insert({ kind: 'film', path: null, title: 'Heat (1995)' });
    expect((await serveMedia(catalogue.media, { idSegment: String(film.id), method: 'GET' })).status).toBe(404);
  });
});

describe('thumbnails', () => {
  it('serves a cached WebP thumbnail of an image, and refuses odd sizes and non-images', async () => {
    const dir = tempDir();
    const catalogue = Catalogue.open(path.join(dir, 'motif.sqlite'));
    try {
      const file = path.join(dir, 'wide.png');
      fs.writeFileSync(file, await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#884422' } }).png().toBuffer());
      const image = catalogue.media.insert({ kind: 'image', path: file, title: 'Wide', contentHash: 'ab'.repeat(32) });
      const first = await serveMedia(catalogue.media, { idSegment: String(image.id), method: 'GET', size: '256', dataDir: dir });
      expect(first.status).toBe(200);
      expect(first.headers['Content-Type']).toBe('image/webp');
      const thumb = (first.body as { file: string }).file;
      expect(await sharp(thumb).metadata()).toMatchObject({ width: 256, height: 144, format: 'webp' });
      const again = await serveMedia(catalogue.media, { idSegment: String(image.id), method: 'GET', size: '256', dataDir: dir });
      expect((again.body as { file: string }).file).toBe(thumb);
      expect((await serveMedia(catalogue.media, { idSegment: String(image.id), method: 'GET', size: '300', dataDir: dir })).status).toBe(400);
      const audio = catalogue.media.insert({ kind: 'audio', path: path.join(dir, 'take.wav'), title: 'Not an image' });
      expect((await serveMedia(catalogue.media, { idSegment: String(audio.id), method: 'GET', size: '128', dataDir: dir })).status).toBe(404);
    } finally {
      catalogue.close();
    }
  });
});
