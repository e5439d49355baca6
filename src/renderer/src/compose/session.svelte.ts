/**
 * One Compose session: the clip editor, its view, and playback. It outlives the Compose area's
 * component (switching areas keeps the clip), so it is created once and handed to the area.
 */
import type { ClipNote } from '../../../shared/music';
import type { AudioEngine, Timer } from './audio';
import { ClipEditor, type ClipEditorOptions } from './editor.svelte';
import { PianoRollPointer } from './pointer.svelte';
import { ToneAudioEngine } from './toneEngine';
import { Transport } from './transport.svelte';
import { Viewport } from './viewport.svelte';

export interface ComposeSessionOptions extends ClipEditorOptions {
  /** The sound engine; Tone.js by default. Tests pass a recording fake. */
  audio?: AudioEngine;
  timer?: Timer;
}

export class ComposeSession {
  readonly editor: ClipEditor;
  readonly viewport: Viewport;
  readonly transport: Transport;
  readonly pointer: PianoRollPointer;
  /** Whether the keyboard-shortcut popover is open. */
  shortcutsOpen = $state(false);
  /** Notes drawn as outlines over the clip (a variation being looked at), not part of it. */
  ghostNotes = $state.raw<readonly ClipNote[]>([]);

  constructor(options: ComposeSessionOptions = {}) {
    this.editor = new ClipEditor(options);
    this.viewport = new Viewport(this.editor.ppq, this.editor.lengthTicks + this.editor.barTicks * 4);
    this.transport = new Transport(this.editor, options.audio ?? new ToneAudioEngine(), options.timer);
    this.pointer = new PianoRollPointer(this.editor, this.viewport, this.transport);
  }

  /** The pitch to centre the view on at first: the middle of the notes, or just above middle C. */
  centrePitch(): number {
    const notes = this.editor.notes;
    if (notes.length === 0) return 66;
    const pitches = notes.map((n) => n.pitch);
    return Math.round((Math.max(...pitches) + Math.min(...pitches)) / 2);
  }

  /** Ticks the view can scroll to: the clip plus four bars to draw into. */
  get contentTicks(): number {
    return this.editor.lengthTicks + this.editor.barTicks * 4;
  }
}

let shared: ComposeSession | null = null;

/** The app's Compose session, created on first use (no audio context exists until the user plays). */
export function sharedComposeSession(): ComposeSession {
  shared ??= new ComposeSession();
  return shared;
}
