/**
 * Where the studio loads a catalogue file from (audio playback, image thumbnails). The engine
 * streams files with Range support in both hosts: the desktop shell registers the
 * `motif-media://item/<id>` protocol; the browser studio gets them from its own origin at
 * `/media/<id>`, authorised by the same HttpOnly cookie as the API.
 */
import type { Transport } from './transport';

export const MEDIA_SCHEME = 'motif-media';

export function mediaUrlFor(kind: Transport['kind'], id: number, baseUrl = ''): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new RangeError(`not a media item id: ${id}`);
  return kind === 'ipc' ? `${MEDIA_SCHEME}://item/${id}` : `${baseUrl}/media/${id}`;
}

/** Decides like `selectTransport`: the preload bridge means the desktop shell. */
export function mediaUrl(id: number, host: Pick<Window, 'motif'> = window): string {
  return mediaUrlFor(host.motif ? 'ipc' : 'http', id);
}
