import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/main/engine/engine';
import { startBridgeServer, type BridgeServer } from '../src/main/engine/http/server';
import { tempDir, testEngine } from './helpers/engine';
import { request } from './helpers/http';

let engine: Engine;
let server: BridgeServer;
let rendererDir: string;
let auth: Record<string, string>;
let itemId: number;
let audio: Buffer;

beforeAll(async () => {
  engine = testEngine();
  rendererDir = tempDir('motif-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Motif</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'outside.txt'), 'secret');
  const file = path.join(engine.paths.dataDir, 'take.ogg');
  audio = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 256));
  fs.writeFileSync(file, audio);
  itemId = engine.catalogue.media.insert({ kind: 'audio', path: file, title: 'Take 1' }).id;
  server = await startBridgeServer({ engine, rendererDir, port: 0 });
  auth = { authorization: `Bearer ${server.token}` };
});

afterAll(async () => {
  await server.close();
  engine.close();
});

const call = (method: string, body: unknown, headers: Record<string, string> = auth) =>
  request(server.port, {
    method: 'POST',
    path: `/api/call/${method}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('HTTP bridge security', () => {
  it('binds to loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.studioUrl).toContain(`token=${server.token}`);
  });

  it('refuses requests without the token, with a wrong token, or via a cookie with the wrong value', async () => {
    expect((await call('system.info', {}, {})).status).toBe(401);
    expect((await call('system.info', {}, {})).json()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect((await call('system.info', {}, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await call('system.info', {}, { cookie: 'motif_token=nope' })).status).toBe(401);
    expect((await request(server.port, { path: '/' })).status).toBe(401);
    expect((await request(server.port, { path: `/media/${itemId}` })).status).toBe(401);
    expect((await request(server.port, { path: '/api/events' })).status).toBe(401);
  });

  it('refuses other origins and foreign Host headers even with the token', async () => {
    expect((await call('system.info', {}, { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('system.info', {}, { ...auth, origin: 'null' })).status).toBe(403);
    expect((await call('system.info', {}, { ...auth, origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await call('system.info', {}, { ...auth, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await call('system.info', {}, { ...auth, host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await call('system.info', {}, { ...auth, origin: `http://localhost:${server.port}`, host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('trades the printed URL token for an HttpOnly SameSite cookie, then serves the studio', async () => {
    const first = await request(server.port, { path: `/?token=${server.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/motif_token=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const jar = { cookie: cookie.split(';')[0]! };
    const page = await request(server.port, { path: '/', headers: jar });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Motif</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await request(server.port, { path: '/assets/app.js', headers: jar })).headers['content-type']).toMatch(/javascript/);
    expect((await call('system.info', {}, jar)).status).toBe(200);
  });

  it('never serves files outside the built studio', async () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/..%5coutside.txt', '/%00']) {
      const res = await request(server.port, { path: p, headers: auth });
      expect(res.text, p).not.toContain('secret');
    }
  });
});

describe('HTTP bridge API', () => {
  it('calls methods and returns Results', async () => {
    const res = await call('system.info', {});
    expect(res.status).toBe(200);
    const body = res.json<{ ok: boolean; value: { cataloguePath: string } }>();
    expect(body.ok).toBe(true);
    expect(body.value.cataloguePath).toBe(engine.paths.catalogue);
  });

  it('gives typed invalid-input errors for wrong shapes, bad JSON, wrong methods and content types', async () => {
    const bad = await call('jobs.start', { kind: 'self-test', params: { steps: 'many' } });
    expect(bad.json()).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect((await call('jobs.start', '{"kind":')).json()).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: 'Request body is not valid JSON' } });
    expect((await call('nope.nope', {})).json()).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect((await call('%E0%A4%A', {})).json()).toMatchObject({ ok: false });
    const wrongType = await request(server.port, { method: 'POST', path: '/api/call/system.info', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    const get = await request(server.port, { path: '/api/call/system.info', headers: auth });
    expect(get.status).toBe(405);
    const huge = await call('catalogue.search', { query: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect(engine.catalogue.jobs.count()).toBe(0);
  });

  it('pushes events over Server-Sent Events', async () => {
    const received: string[] = [];
    const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { ...auth, host: `127.0.0.1:${server.port}` } });
    const response = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(response.headers['content-type']).toMatch(/text\/event-stream/);
    response.setEncoding('utf8');
    const gotEvent = new Promise<void>((resolve) => {
      response.on('data', (chunk: string) => {
        received.push(chunk);
        if (received.join('').includes('catalogue.changed')) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    await call('profiles.create', { name: 'SSE listener' });
    await gotEvent;
    req.destroy();
    const line = received.join('').split('\n').find((l) => l.startsWith('data: {"event":"catalogue.changed"'));
    expect(JSON.parse(line!.slice(6))).toEqual({ event: 'catalogue.changed', payload: { table: 'profiles' } });
  });

  it('streams catalogue media with Range requests', async () => {
    const whole = await request(server.port, { path: `/media/${itemId}`, headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.body.equals(audio)).toBe(true);
    const part = await request(server.port, { path: `/media/${itemId}`, headers: { ...auth, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/10000');
    expect(part.body.equals(audio.subarray(100, 200))).toBe(true);
    const tail = await request(server.port, { path: `/media/${itemId}`, headers: { ...auth, range: 'bytes=-10' } });
    expect(tail.body.equals(audio.subarray(9990))).toBe(true);
    expect((await request(server.port, { path: `/media/${itemId}`, headers: { ...auth, range: 'bytes=20000-' } })).status).toBe(416);
    expect((await request(server.port, { path: '/media/..%2F..%2Fetc%2Fpasswd', headers: auth })).status).toBe(400);
    expect((await request(server.port, { path: '/media/424242', headers: auth })).status).toBe(404);
  });
});
