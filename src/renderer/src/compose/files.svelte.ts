/**
 * Compose's files: open a MIDI file into the piano roll (an upload in the browser studio, a path
 * from the desktop shell's Open MIDI…, file association or Open Recent), export the clip as a
 * Standard MIDI File (the desktop shell asks where to save; the browser studio downloads it), and
 * save it to the catalogue (the first save creates an item; later saves of the same clip overwrite it).
 */
import type { MotifClient } from '../../../shared/api';
import type { ExportedMidi, OpenedMidi } from '../../../shared/compose-api';
import type { SavedComposition } from '../../../shared/melody';
import type { Notify, ReportError } from '../state/toasts.svelte';
import type { ComposeSession } from './session.svelte';

/** Turns bytes into base64 without building one giant string argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands bytes to the browser as a download. */
export type Download = (fileName: string, bytes: Uint8Array, type: string) => void;

export const browserDownload: Download = (fileName, bytes, type) => {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

export class ComposeFiles {
  /** The clip's name: the opened file's, or what the user typed. */
  name = $state('Untitled');
  busy = $state(false);
  /** One line about the last file operation (for a status line), or null. */
  status = $state<string | null>(null);
  /** The catalogue item this clip was saved as (or opened from): the next save overwrites it. */
  itemId = $state<number | null>(null);
  saving = $state(false);
  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #session: ComposeSession;
  readonly #download: Download;
  readonly #notify: Notify;

  constructor(
    client: MotifClient,
    report: ReportError,
    session: ComposeSession,
    download: Download = browserDownload,
    notify: Notify = () => {},
  ) {
    this.#client = client;
    this.#report = report;
    this.#session = session;
    this.#download = download;
    this.#notify = notify;
  }

  /** Renames the clip (blank keeps the old name); a renamed clip still saves over its catalogue item. */
  rename(name: string): void {
    const trimmed = name.trim().slice(0, 120);
    if (trimmed !== '') this.name = trimmed;
  }

  /** Saves the clip to the catalogue's Compositions, overwriting the item it was saved as before. */
  async save(): Promise<SavedComposition | null> {
    if (this.saving) return null;
    this.saving = true;
    try {
      const saved = await this.#client.call('melody.saveComposition', {
        clip: this.#session.editor.clip,
        name: this.name,
        ...(this.itemId === null ? {} : { itemId: this.itemId }),
      });
      this.itemId = saved.itemId;
      this.status = `Saved “${saved.title}” to the catalogue`;
      this.#notify('Saved to the catalogue', `“${saved.title}” · ${saved.path}`);
      return saved;
    } catch (error) {
      this.#report('Could not save to the catalogue', error);
      return null;
    } finally {
      this.saving = false;
    }
  }

  async openUpload(file: File): Promise<boolean> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return this.#open(`Could not open ${file.name}`, () =>
      this.#client.call('melody.parseMidi', { name: file.name, dataBase64: bytesToBase64(bytes) }),
    );
  }

  openPath(path: string): Promise<boolean> {
    return this.#open(`Could not open ${path}`, () => this.#client.call('melody.openFile', { path }));
  }

  newClip(): void {
    this.#session.transport.stop();
    this.#session.editor.load({ ...this.#session.editor.clip, notes: [] });
    this.name = 'Untitled';
    this.itemId = null;
    this.status = null;
  }

  /** The file written for dragging the clip out (desktop), for the drag that is about to start. */
  dragPath = $state<string | null>(null);

  /** Write the clip as a MIDI file to drag out (on pointer down, before the drag starts). */
  async prepareDrag(): Promise<string | null> {
    this.dragPath = null;
    try {
      const { path } = await this.#client.call('melody.dragFile', { clip: this.#session.editor.clip, name: this.name });
      this.dragPath = path;
      return path;
    } catch (error) {
      this.#report('Could not prepare the MIDI file to drag', error);
      return null;
    }
  }

  async export(): Promise<ExportedMidi | null> {
    this.busy = true;
    try {
      const result = await this.#client.call('melody.exportMidi', { clip: this.#session.editor.clip, name: this.name });
      if ('savedTo' in result) this.status = `Saved ${result.savedTo}`;
      else {
        this.#download(result.fileName, base64ToBytes(result.dataBase64), 'audio/midi');
        this.status = `Downloaded ${result.fileName}`;
      }
      return result;
    } catch (error) {
      if ((error as { kind?: string }).kind !== 'cancelled') this.#report('Could not export MIDI', error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  async #open(action: string, read: () => Promise<OpenedMidi>): Promise<boolean> {
    this.busy = true;
    try {
      const opened = await read();
      this.#session.transport.stop();
      this.#session.editor.load(opened.clip);
      this.name = opened.name;
      // An opened file is never overwritten: its first save makes a new composition.
      this.itemId = null;
      const notes = [
        `${opened.clip.notes.length} notes`,
        opened.drumNotesLeftOut > 0 ? `${opened.drumNotesLeftOut} drum notes left out` : null,
        opened.warnings.length > 0
          ? `${opened.warnings.length} warning${opened.warnings.length === 1 ? '' : 's'}: ${opened.warnings[0]}`
          : null,
      ].filter((part) => part !== null);
      this.status = `Opened ${opened.name}: ${notes.join(', ')}`;
      return true;
    } catch (error) {
      this.#report(action, error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
