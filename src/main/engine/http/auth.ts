import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'motif_token';

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The only origins the bridge answers: itself on loopback (guards against DNS rebinding). */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export type AccessVerdict = 'ok' | 'bad-host' | 'bad-origin' | 'no-token';

/**
 * Every request must come to our loopback host, from our own origin (when the browser says), and
 * carry the token as a Bearer header or the HttpOnly cookie set when the printed URL was opened.
 */
export function checkAccess(req: IncomingMessage, port: number, token: string): AccessVerdict {
  const hosts = allowedHosts(port);
  if (!req.headers.host || !hosts.has(req.headers.host.toLowerCase())) return 'bad-host';
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | null;
    try {
      const url = new URL(origin);
      host = url.protocol === 'http:' ? url.host : null;
    } catch {
      host = null;
    }
    if (host === null || !hosts.has(host)) return 'bad-origin';
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return 'bad-origin';
  if (sameToken(bearerToken(req), token) || sameToken(readCookie(req, TOKEN_COOKIE), token)) return 'ok';
  return 'no-token';
}
