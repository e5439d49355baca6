import { describe, expect, it } from 'vitest';
import { mediaUrl, mediaUrlFor } from '../../../src/renderer/src/lib/transport';
import { Studio } from '../../../src/renderer/src/state/studio.svelte';
import { ScriptedBridge, ScriptedTransport } from '../helpers/scriptedBridge';

describe('media URLs', () => {
  it('streams from the media protocol in the desktop shell', () => {
    expect(mediaUrl(42, { motif: new ScriptedBridge() })).toBe('motif-media://item/42');
    expect(mediaUrlFor('ipc', 7)).toBe('motif-media://item/7');
  });

  it('streams from the same origin in the browser studio', () => {
    expect(mediaUrl(42, {})).toBe('/media/42');
    expect(mediaUrlFor('http', 7, 'http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000/media/7');
  });

  it('refuses what is not an item id', () => {
    for (const id of [0, -1, 1.5, Number.NaN]) expect(() => mediaUrlFor('http', id)).toThrow(RangeError);
  });

  it('follows the studio’s transport', () => {
    expect(new Studio(new ScriptedTransport()).mediaUrl(3)).toBe('/media/3');
  });
});
