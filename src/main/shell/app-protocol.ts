import fs from 'node:fs';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../engine/http/security-headers';
import { resolveStatic } from '../engine/http/static-files';

/** The studio is served from this privileged scheme rather than file:// (Electron checklist 18). */
export const APP_SCHEME = 'motif-app';
export const APP_ORIGIN = `${APP_SCHEME}://studio`;

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/** Serve the built renderer folder, and nothing outside it, with the studio's security headers. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const found = url.host === 'studio' ? resolveStatic(rendererDir, url.pathname) : null;
    if (!found) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    const body = Readable.toWeb(fs.createReadStream(found.file)) as unknown as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': found.type } });
  });
}
