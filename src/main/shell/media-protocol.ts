import fs from 'node:fs';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import type { MediaRepo } from '../engine/catalogue/media-repo';
import { serveMedia } from '../engine/media/serve-media';

export const MEDIA_SCHEME = 'motif-media';

export const MEDIA_SCHEME_PRIVILEGES = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/** `motif-media://item/<id>` serves catalogue files only, with Range support for seeking. */
export function handleMediaProtocol(media: MediaRepo, dataDir: string): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const idSegment = url.hostname === 'item' ? url.pathname.replace(/^\//, '') : '';
    const response = await serveMedia(media, {
      idSegment,
      method: request.method,
      range: request.headers.get('range'),
      size: url.searchParams.get('size'),
      dataDir,
    });
    let body: ConstructorParameters<typeof Response>[0] = null;
    if (typeof response.body === 'string') body = response.body;
    else if (response.body) {
      const stream = fs.createReadStream(response.body.file, { start: response.body.start, end: response.body.end });
      body = Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
    }
    return new Response(body, { status: response.status, headers: response.headers });
  });
}
