import { describe, expect, it } from 'vitest';
import { canDragOut, carriesFiles, dragOutItem, droppedPaths, mimeOf } from '../../src/renderer/src/lib/drag-files';
import type { MediaItem } from '../../src/shared/catalogue';

const item = (overrides: Partial<MediaItem> = {}): MediaItem => ({
  id: 7,
  kind: 'midi',
  path: '/music/Reels/The Kesh.mid',
  contentHash: null,
  size: 100,
  mtimeMs: 0,
  title: 'The Kesh',
  artist: null,
  album: null,
  durationS: 30,
  metadata: {},
  tags: [],
  addedAt: '2026-01-01T00:00:00.000Z',
  missing: false,
  ...overrides,
});

/** A stand-in for a DragEvent: what the helpers read and write. */
function dragEvent(types: string[] = [], files: File[] = []) {
  const data = new Map<string, string>();
  const event = {
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
    dataTransfer: {
      types,
      files,
      effectAllowed: 'uninitialized',
      setData: (type: string, value: string) => data.set(type, value),
    },
  };
  return { event, data, asDragEvent: event as unknown as DragEvent };
}

const mediaUrl = (id: number) => `/media/${id}`;

describe('dragging files out', () => {
  it('hands the file to the OS in the desktop app', () => {
    const started: string[] = [];
    const host = { motif: { startDrag: (p: string) => started.push(p) } as never, location: { href: 'motif-app://studio/' } };
    const { event, asDragEvent } = dragEvent();
    dragOutItem(asDragEvent, item(), mediaUrl, host);
    expect(started).toEqual(['/music/Reels/The Kesh.mid']);
    expect(event.prevented).toBe(true);
  });

  it('gives Chromium a DownloadURL of the served file in the browser studio', () => {
    const host = { motif: undefined, location: { href: 'http://127.0.0.1:7770/?token=abc' } };
    const { event, data, asDragEvent } = dragEvent();
    dragOutItem(asDragEvent, item(), mediaUrl, host);
    expect(event.prevented).toBe(false);
    expect(data.get('DownloadURL')).toBe('audio/midi:The Kesh.mid:http://127.0.0.1:7770/media/7');
    expect(event.dataTransfer.effectAllowed).toBe('copy');
  });

  it('refuses items without a file on disk', () => {
    const host = { motif: undefined, location: { href: 'http://127.0.0.1:7770/' } };
    for (const bad of [item({ missing: true }), item({ path: null, kind: 'film' })]) {
      expect(canDragOut(bad)).toBe(false);
      const { event, data, asDragEvent } = dragEvent();
      dragOutItem(asDragEvent, bad, mediaUrl, host);
      expect(event.prevented).toBe(true);
      expect(data.size).toBe(0);
    }
    expect(mimeOf('x.WAV')).toBe('audio/wav');
    expect(mimeOf('notes.txt')).toBe('application/octet-stream');
  });
});

describe('dropping files in', () => {
  it('reads the paths of dropped files in the desktop app, and counts those without one', () => {
    const files = [new File(['a'], 'a.wav'), new File(['b'], 'b.mid'), new File(['c'], 'pasted.png')];
    const paths: Record<string, string> = { 'a.wav': '/in/a.wav', 'b.mid': '/in/b.mid' };
    const host = { motif: { pathForFile: (f: File) => paths[f.name] ?? '' } as never };
    const { asDragEvent } = dragEvent(['Files'], files);
    expect(carriesFiles(asDragEvent)).toBe(true);
    expect(droppedPaths(asDragEvent, host)).toEqual({ paths: ['/in/a.wav', '/in/b.mid'], withoutPath: 1 });
  });

  it('has no paths in the browser studio, and ignores drags that carry no files', () => {
    const { asDragEvent } = dragEvent(['Files'], [new File(['a'], 'a.wav')]);
    expect(droppedPaths(asDragEvent, { motif: undefined })).toEqual({ paths: [], withoutPath: 1 });
    expect(carriesFiles(dragEvent(['text/plain', 'DownloadURL']).asDragEvent)).toBe(false);
  });
});
