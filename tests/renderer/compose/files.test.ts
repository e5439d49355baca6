import { describe, expect, it } from 'vitest';
import type { OpenedMidi } from '../../../src/shared/compose-api';
import { createClient } from '../../../src/shared/client';
import type { Clip } from '../../../src/shared/music';
import { ComposeFiles, base64ToBytes, bytesToBase64 } from '../../../src/renderer/src/compose/files.svelte';
import { ComposeSession } from '../../../src/renderer/src/compose/session.svelte';
import { Studio } from '../../../src/renderer/src/state/studio.svelte';
import { ScriptedBridge, ScriptedTransport } from '../helpers/scriptedBridge';

const clip: Clip = {
  ppq: 480,
  bpm: 100,
  timeSignature: { numerator: 4, denominator: 4 },
  key: null,
  lengthTicks: 7680,
  notes: [
    { id: 'n1', pitch: 60, tick: 0, durationTicks: 480, velocity: 80 },
    { id: 'n2', pitch: 64, tick: 480, durationTicks: 480, velocity: 90 },
  ],
};
const opened: OpenedMidi = { clip, name: 'Reel', tracks: 2, drumNotesLeftOut: 12, warnings: [] };

function setup() {
  const bridge = new ScriptedBridge();
  const errors: string[] = [];
  const downloads: Array<{ name: string; bytes: Uint8Array }> = [];
  const session = new ComposeSession();
  const files = new ComposeFiles(
    createClient(bridge),
    (action) => errors.push(action),
    session,
    (name, bytes) => downloads.push({ name, bytes }),
  );
  return { bridge, errors, downloads, session, files };
}

describe('Compose files', () => {
  it('writes the clip as a file to drag out before the drag starts, and reports a failure', async () => {
    const { bridge, files, session, errors } = setup();
    session.editor.load(clip);
    files.rename('Hook');
    bridge.respond('melody.dragFile', { path: '/data/Exports/Hook.mid' });
    expect(await files.prepareDrag()).toBe('/data/Exports/Hook.mid');
    expect(files.dragPath).toBe('/data/Exports/Hook.mid');
    expect(bridge.callsTo('melody.dragFile')).toEqual([{ clip: session.editor.clip, name: 'Hook' }]);
    bridge.fail('melody.dragFile', 'internal', 'disk full');
    expect(await files.prepareDrag()).toBeNull();
    expect(files.dragPath).toBeNull(); // never drags the previous file by mistake
    expect(errors).toEqual(['Could not prepare the MIDI file to drag']);
  });

  it('round-trips bytes through base64, including large files', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('opens an uploaded MIDI file into the editor and says what it found', async () => {
    const { bridge, files, session } = setup();
    bridge.respond('melody.parseMidi', opened);
    const upload = new File([new Uint8Array([0x4d, 0x54, 0x68, 0x64])], 'Reel.mid');
    expect(await files.openUpload(upload)).toBe(true);
    expect(bridge.callsTo('melody.parseMidi')).toEqual([{ name: 'Reel.mid', dataBase64: 'TVRoZA==' }]);
    expect(session.editor.clip.notes.map((n) => n.pitch)).toEqual([60, 64]);
    expect(files.name).toBe('Reel');
    expect(files.status).toBe('Opened Reel: 2 notes, 12 drum notes left out');
  });

  it('downloads the export in the browser studio, reports where the desktop saved it, and stays quiet on cancel', async () => {
    const { bridge, files, downloads, errors } = setup();
    bridge.respond('melody.exportMidi', { fileName: 'Untitled.mid', dataBase64: 'TVRoZA==' });
    await files.export();
    expect(downloads.map((d) => [d.name, [...d.bytes]])).toEqual([['Untitled.mid', [0x4d, 0x54, 0x68, 0x64]]]);
    expect(files.status).toBe('Downloaded Untitled.mid');
    bridge.respond('melody.exportMidi', { savedTo: '/home/ada/Theme.mid' });
    await files.export();
    expect(files.status).toBe('Saved /home/ada/Theme.mid');
    bridge.fail('melody.exportMidi', 'cancelled', 'Export cancelled.');
    expect(await files.export()).toBeNull();
    expect(errors).toEqual([]);
    bridge.fail('melody.exportMidi', 'invalid-input', 'bad clip');
    await files.export();
    expect(errors).toEqual(['Could not export MIDI']);
  });

  it('reports a file that is not MIDI and keeps the current clip', async () => {
    const { bridge, files, session, errors } = setup();
    session.editor.load(clip);
    bridge.fail('melody.openFile', 'invalid-input', 'not a MIDI file (byte 0)');
    expect(await files.openPath('/tmp/x.mid')).toBe(false);
    expect(errors).toEqual(['Could not open /tmp/x.mid']);
    expect(session.editor.clip.notes).toHaveLength(2);
  });

  it('follows the desktop shell: open-midi goes to Compose and loads the file; show-area navigates', async () => {
    const bridge = new ScriptedBridge().respond('melody.openFile', opened);
    const studio = new Studio(new ScriptedTransport(bridge), { area: 'library' });
    studio.onCommand({ command: 'open-midi', path: '/music/Reel.mid' });
    expect(studio.router.area).toBe('compose');
    await Promise.resolve();
    await Promise.resolve();
    expect(bridge.callsTo('melody.openFile')).toEqual([{ path: '/music/Reel.mid' }]);
    studio.onCommand({ command: 'show-area', area: 'discover' });
    expect(studio.router.area).toBe('discover');
    // File > Save to Library (Ctrl+S, taken by the menu before the page sees it).
    bridge.respond('melody.saveComposition', { itemId: 9, path: '/data/Compositions/Reel.mid', title: 'Reel' });
    studio.onCommand({ command: 'save-composition' });
    expect(studio.router.area).toBe('compose');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.callsTo('melody.saveComposition')).toHaveLength(1);
  });
});

describe('Save to catalogue', () => {
  it('saves the clip, remembers the item so the next save overwrites it, and says so', async () => {
    const bridge = new ScriptedBridge();
    const errors: string[] = [];
    const notices: string[] = [];
    const session = new ComposeSession({ clip });
    const files = new ComposeFiles(
      createClient(bridge),
      (action) => errors.push(action),
      session,
      () => {},
      (title, message) => notices.push(`${title}: ${message}`),
    );
    bridge.respond('melody.saveComposition', (input) => ({
      itemId: input.itemId ?? 41,
      path: '/data/Compositions/Reel.mid',
      title: input.name,
    }));
    files.rename('  Reel  ');
    await files.save();
    await files.save();
    const calls = bridge.callsTo('melody.saveComposition') as Array<{ name: string; itemId?: number; clip: Clip }>;
    expect(calls.map((c) => [c.name, c.itemId])).toEqual([
      ['Reel', undefined],
      ['Reel', 41],
    ]);
    expect(calls[0]?.clip.notes).toHaveLength(2);
    expect(files.itemId).toBe(41);
    expect(notices).toEqual([
      'Saved to the catalogue: “Reel” · /data/Compositions/Reel.mid',
      'Saved to the catalogue: “Reel” · /data/Compositions/Reel.mid',
    ]);
    // A new clip or an opened file saves as a new composition.
    files.newClip();
    expect(files.itemId).toBeNull();
    bridge.fail('melody.saveComposition', 'internal', 'disk full');
    expect(await files.save()).toBeNull();
    expect(errors).toEqual(['Could not save to the catalogue']);
    expect(files.saving).toBe(false);
  });
});
