import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, isApiMethod } from '../../src/shared/api';
import { API_ERROR_KINDS, type Result } from '../../src/shared/errors';
import { IPC_CALL_CHANNEL } from '../../src/shared/ipc-channels';
import type { Engine } from '../../src/main/engine/engine';
import { startBridgeServer, type BridgeServer } from '../../src/main/engine/http/server';
import { testEngine } from '../helpers/engine';
import { invalidPayload, randomMethodName, randomValue, seeded } from './payloads';

const PAYLOADS = 10_000;

const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: () => undefined,
    removeAllListeners: () => undefined,
  },
  nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
  BrowserWindow: { getAllWindows: () => [] },
}));
const { registerIpc } = await import('../../src/main/shell/ipc');

let engine: Engine;
let server: BridgeServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

/** Every table's full contents: the fuzz must not change one byte of the catalogue. */
function snapshot(e: Engine): string {
  const tables = (e.catalogue.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'media_fts%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
  return JSON.stringify(tables.map((t) => [t, e.catalogue.db.prepare(`SELECT * FROM "${t}"`).all()]));
}

function expectTypedError(result: unknown, what: string): void {
  expect(typeof result === 'object' && result !== null, what).toBe(true);
  const r = result as Result<unknown>;
  expect(r.ok, what).toBe(false);
  if (!r.ok) {
    expect(API_ERROR_KINDS, what).toContain(r.error.kind);
    expect(r.error.kind, what).not.toBe('internal');
    expect(typeof r.error.message, what).toBe('string');
  }
}

function post(path: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path, headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  engine = testEngine();
  // Some real rows, so "no change" means something.
  const item = engine.catalogue.media.insert({ kind: 'film', path: null, title: 'Fuzz Film' });
  engine.catalogue.media.addTags(item.id, ['night']);
  engine.catalogue.ratings.set(1, [item.id], 4);
  registerIpc(engine.dispatch, engine.events, (url) => url === 'file:///app/index.html');
  server = await startBridgeServer({ engine, rendererDir: null, port: 0 });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.close();
  engine.close();
});

describe(`API fuzz: ${PAYLOADS} malformed payloads per transport`, () => {
  it('IPC: typed errors only, no crash, no catalogue change', async () => {
    const before = snapshot(engine);
    const handler = handlers.get(IPC_CALL_CHANNEL)!;
    const random = seeded(1);
    const seen = new Set<string>();
    for (let i = 0; i < PAYLOADS; i++) {
      const method = randomMethodName(random);
      const payload = isApiMethod(method) ? invalidPayload(random, method) : randomValue(random);
      seen.add(method);
      const event = random() < 0.03 ? { senderFrame: { url: 'https://evil.example/' } } : { senderFrame: { url: 'file:///app/index.html' } };
      expectTypedError(await handler(event, method, payload), `${method} ${JSON.stringify(payload)?.slice(0, 200)}`);
    }
    for (const method of API_METHODS) expect(seen.has(method), method).toBe(true);
    expect(snapshot(engine)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(engine.catalogue.jobs.count()).toBe(0);
  });

  it('HTTP: typed errors only for payloads, bodies, methods and content types; no crash, no change', async () => {
    const before = snapshot(engine);
    const random = seeded(2);
    for (let i = 0; i < PAYLOADS; i++) {
      const method = randomMethodName(random);
      const roll = random();
      let body: string | Buffer;
      let type = 'application/json';
      if (roll < 0.8) {
        const payload = isApiMethod(method) ? invalidPayload(random, method) : randomValue(random);
        body = JSON.stringify(payload) ?? '';
      } else if (roll < 0.9) {
        body = Buffer.from(Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
      } else if (roll < 0.95) {
        body = '{"kind": "self-test", "params": {"steps": 400}'.slice(0, Math.floor(random() * 40));
      } else {
        body = '{}';
        type = 'text/plain';
      }
      const res = await post(`/api/call/${encodeURIComponent(method)}`, body, { 'content-type': type });
      let parsed: unknown;
      try {
        parsed = JSON.parse(res.text);
      } catch {
        parsed = res.text;
      }
      // An empty body for a method whose input may be empty is a valid call: only those may succeed.
      if (body.length === 0 && isApiMethod(method) && (parsed as Result<unknown>).ok) continue;
      expectTypedError(parsed, `${method} ${res.status} ${String(body).slice(0, 120)}`);
    }
    expect(snapshot(engine)).toBe(before);
    expect(unhandled).toEqual([]);
  });
});
