/**
 * The browser bridge: the studio over HTTP on loopback, for machines without Electron (and for
 * headless use). It serves the built renderer, the API (`POST /api/call/<method>`), pushed events
 * as Server-Sent Events (`GET /api/events`) and catalogue media with Range support
 * (`GET /media/<id>`). Every request needs the access token; see auth.ts.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../../shared/errors';
import type { Engine } from '../engine';
import { serveMedia } from '../media/serve-media';
import { TOKEN_COOKIE, checkAccess, newAccessToken, sameToken } from './auth';
import { SECURITY_HEADERS } from './security-headers';
import { resolveStatic } from './static-files';

export interface BridgeOptions {
  engine: Engine;
  /** The built renderer (out/renderer); null serves the API only. */
  rendererDir: string | null;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface BridgeServer {
  url: string;
  /** The URL to open: it carries the token once, then the page lives on an HttpOnly cookie. */
  studioUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Past the limit, keep reading (so the client can receive our answer) but keep nothing.
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? null : Buffer.concat(chunks).toString('utf8');
}

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const { engine } = options;
  const token = options.token ?? newAccessToken();
  const maxBody = options.maxBodyBytes ?? 1_000_000;
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  async function handleApiCall(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      sendResult(res, 405, { ok: false, error: { kind: 'invalid-input', message: 'API calls use POST' } });
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      sendResult(res, 415, { ok: false, error: { kind: 'invalid-input', message: 'API calls send application/json' } });
      return;
    }
    const body = await readBody(req, maxBody);
    if (body === null) {
      sendResult(res, 413, { ok: false, error: { kind: 'invalid-input', message: `Request body over ${maxBody} bytes` } });
      return;
    }
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      sendResult(res, 400, { ok: false, error: { kind: 'invalid-input', message: 'Request body is not valid JSON' } });
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(method);
    } catch {
      sendResult(res, 400, { ok: false, error: { kind: 'invalid-input', message: 'Malformed method name' } });
      return;
    }
    const result = await engine.dispatch(name, input);
    sendResult(res, 200, result);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    sseClients.add(res);
    const unsubscribe = engine.events.subscribe((message) => {
      res.write(`data: ${JSON.stringify(message)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      sseClients.delete(res);
    });
  }

  async function handleMedia(req: IncomingMessage, res: ServerResponse, idSegment: string, size: string | null): Promise<void> {
    const response = await serveMedia(engine.catalogue.media, {
      idSegment,
      method: req.method ?? 'GET',
      range: req.headers.range ?? null,
      size,
      dataDir: engine.paths.dataDir,
    });
    res.writeHead(response.status, { ...SECURITY_HEADERS, ...response.headers });
    if (response.body === null) {
      res.end();
    } else if (typeof response.body === 'string') {
      res.end(response.body);
    } else {
      const stream = fs.createReadStream(response.body.file, { start: response.body.start, end: response.body.end });
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    }
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed');
      return;
    }
    const found = options.rendererDir ? resolveStatic(options.rendererDir, pathname) : null;
    if (!found) {
      send(res, 404, options.rendererDir ? 'Not found' : 'This bridge serves the API only (no built studio).');
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': found.type, 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(found.file).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkAccess(req, port, token);
    if (verdict === 'bad-host') return send(res, 421, 'Misdirected request: this server answers on loopback only.');
    if (verdict === 'bad-origin') return send(res, 403, 'Forbidden: requests from other origins are refused.');
    if (verdict === 'no-token') {
      // Opening the printed URL: trade the one-time query token for an HttpOnly, same-site cookie.
      if (req.method === 'GET' && sameToken(url.searchParams.get('token'), token)) {
        url.searchParams.delete('token');
        const location = url.pathname + (url.search === '?' ? '' : url.search);
        return send(res, 303, 'Redirecting', 'text/plain; charset=utf-8', {
          Location: location,
          'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      if (url.pathname.startsWith('/api/')) {
        return sendResult(res, 401, { ok: false, error: { kind: 'unauthorized', message: 'Missing or wrong access token' } });
      }
      return send(res, 401, 'Motif: open the address printed by `motif serve` (it carries the access token).');
    }

    const apiCall = /^\/api\/call\/([^/]+)$/.exec(url.pathname);
    if (apiCall?.[1]) return handleApiCall(req, res, apiCall[1]);
    if (url.pathname === '/api/events') return handleEvents(req, res);
    if (url.pathname.startsWith('/api/')) {
      return sendResult(res, 404, { ok: false, error: { kind: 'not-found', message: `No API endpoint ${url.pathname}` } });
    }
    const media = /^\/media\/([^/]*)$/.exec(url.pathname);
    if (media) return handleMedia(req, res, media[1] ?? '', url.searchParams.get('size'));
    return handleStatic(req, res, url.pathname);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[motif] bridge error:', error);
      if (!res.headersSent) sendResult(res, 500, { ok: false, error: { kind: 'internal', message: 'Internal error' } });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    studioUrl: `${base}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sseClients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
