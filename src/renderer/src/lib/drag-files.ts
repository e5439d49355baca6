/**
 * Files across the window's edge. Out: the desktop app hands a file to the OS (Electron
 * `startDrag`, so it lands on the desktop or in a DAW); Chromium's browser studio gets a
 * `DownloadURL`, which drops a copy of the file. In: the desktop app reads the dropped files'
 * paths (to import them in place); a browser page has no paths to give.
 */
import type { MediaItem } from '../../../shared/catalogue';

type Host = Pick<Window, 'motif'> & { location: Pick<Location, 'href'> };

const MIME: Record<string, string> = {
  mid: 'audio/midi',
  midi: 'audio/midi',
  kar: 'audio/midi',
  rmi: 'audio/midi',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

export function mimeOf(fileName: string): string {
  return MIME[/\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** Whether an item can be dragged out: it has a file, and the file was there at the last scan. */
export function canDragOut(item: Pick<MediaItem, 'path' | 'missing'>): boolean {
  return item.path !== null && !item.missing;
}

/** Start dragging a catalogue item's file out of the studio. */
export function dragOutItem(event: DragEvent, item: MediaItem, mediaUrl: (id: number) => string, host: Host = window): void {
  if (!item.path || item.missing) {
    event.preventDefault();
    return;
  }
  if (host.motif?.startDrag) {
    // The OS drag replaces the page's own: Electron takes it from here.
    event.preventDefault();
    host.motif.startDrag(item.path);
    return;
  }
  const fileName = item.path.split(/[\\/]/).pop() ?? 'file';
  const url = new URL(mediaUrl(item.id), host.location.href).href;
  event.dataTransfer?.setData('DownloadURL', `${mimeOf(fileName)}:${fileName}:${url}`);
  event.dataTransfer?.setData('text/uri-list', url);
  if (event.dataTransfer) event.dataTransfer.effectAllowed = 'copy';
}

/** Whether a drag carries files (not text or an item from the page itself). */
export function carriesFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/** The paths of dropped files and folders (desktop only); `withoutPath` counts those that had none. */
export function droppedPaths(event: DragEvent, host: Pick<Window, 'motif'> = window): { paths: string[]; withoutPath: number } {
  const files = [...(event.dataTransfer?.files ?? [])];
  const pathFor = host.motif?.pathForFile;
  const paths = pathFor ? files.map((file) => pathFor(file)).filter((p) => p.length > 0) : [];
  return { paths, withoutPath: files.length - paths.length };
}
