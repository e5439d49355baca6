import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportedMidi, OpenedMidi } from '../../src/shared/compose-api';
import type { Clip } from '../../src/shared/music';
import { Engine } from '../../src/main/engine/engine';
import { forkSpawner } from '../../src/main/engine/jobs/fork-spawner';
import { readMidi } from '../../src/main/engine/music/midi';
import { WORKER_TS, tempDir, testEngine } from '../helpers/engine';
import { midiBytes } from '../helpers/media-fixtures';

const engines: Engine[] = [];
afterEach(() => engines.splice(0).forEach((e) => e.close()));

async function call<T>(e: Engine, method: string, input: unknown): Promise<T> {
  const result = await e.dispatch(method, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

const clip: Clip = {
  ppq: 480,
  bpm: 96,
  timeSignature: { numerator: 3, denominator: 4 },
  key: { tonic: 7, mode: 'major' },
  lengthTicks: 480 * 6,
  notes: [
    { id: 'a', pitch: 67, tick: 0, durationTicks: 480, velocity: 90 },
    { id: 'b', pitch: 71, tick: 480, durationTicks: 240, velocity: 70 },
    { id: 'c', pitch: 74, tick: 720, durationTicks: 960, velocity: 110 },
  ],
};

describe('melody file API', () => {
  it('exports a clip as MIDI bytes in the browser studio, and they read back with the same notes', async () => {
    const e = testEngine();
    engines.push(e);
    const exported = await call<ExportedMidi>(e, 'melody.exportMidi', { clip, name: 'Sketch: in G / take 2' });
    expect('fileName' in exported && exported.fileName).toBe('Sketch in G take 2.mid');
    const bytes = new Uint8Array(Buffer.from((exported as { dataBase64: string }).dataBase64, 'base64'));
    const song = readMidi(bytes);
    expect(song.tracks.flatMap((t) => t.notes).map((n) => [n.pitch, n.tick, n.durationTicks, n.velocity])).toEqual(
      clip.notes.map((n) => [n.pitch, n.tick, n.durationTicks, n.velocity]),
    );
    expect(song.timeSignatures[0]).toMatchObject({ numerator: 3, denominator: 4 });
    expect(Math.round(60_000_000 / song.tempos[0]!.microsecondsPerQuarter)).toBe(96);
    const reopened = await call<OpenedMidi>(e, 'melody.parseMidi', { name: 'x.mid', dataBase64: Buffer.from(bytes).toString('base64') });
    expect(reopened.clip.notes.map((n) => n.pitch)).toEqual([67, 71, 74]);
    expect(reopened.clip.key).toEqual({ tonic: 7, mode: 'major' });
  });

  it('exports through the desktop save dialog when a shell hosts the engine', async () => {
    const dir = tempDir();
    const chosen = path.join(dir, 'out.mid');
    let asked = '';
    const e = new Engine({
      dataDir: tempDir(),
      host: 'test',
      spawnWorker: forkSpawner({ entry: WORKER_TS, execArgv: ['--import', 'tsx'] }),
      shell: {
        chooseSavePath: async ({ defaultName }) => {
          asked = defaultName;
          return asked === 'Cancel me.mid' ? null : chosen;
        },
      },
    });
    engines.push(e);
    expect(await call(e, 'melody.exportMidi', { clip, name: 'Theme' })).toEqual({ savedTo: chosen });
    expect(asked).toBe('Theme.mid');
    expect(readMidi(new Uint8Array(fs.readFileSync(chosen))).tracks[0]?.notes).toHaveLength(3);
    await expect(call(e, 'melody.exportMidi', { clip, name: 'Cancel me' })).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('opens MIDI files from disk and refuses bad ones with typed errors', async () => {
    const e = testEngine();
    engines.push(e);
    const dir = tempDir();
    const good = path.join(dir, 'one note.mid');
    fs.writeFileSync(good, midiBytes(64));
    const openedFile = await call<OpenedMidi>(e, 'melody.openFile', { path: good });
    expect(openedFile).toMatchObject({ name: 'one note', tracks: 1, drumNotesLeftOut: 0 });
    expect(openedFile.clip.notes.map((n) => n.pitch)).toEqual([64]);

    const broken = path.join(dir, 'broken.mid');
    fs.writeFileSync(broken, Buffer.from('MThd\0\0\0\x06\0\x01\0\x01\x01\xe0MTrk\0\0\x10\0\x00\x90', 'latin1'));
    await expect(call(e, 'melody.openFile', { path: broken })).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/offset|byte/i) });
    await expect(call(e, 'melody.openFile', { path: 'relative.mid' })).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(call(e, 'melody.openFile', { path: path.join(dir, 'none.mid') })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(call(e, 'melody.openFile', { path: path.join(dir, 'notes.txt') })).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(call(e, 'melody.parseMidi', { name: 'x', dataBase64: Buffer.from('hello').toString('base64') })).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('rejects clips that break the contract', async () => {
    const e = testEngine();
    engines.push(e);
    for (const bad of [
      { ...clip, ppq: 7 },
      { ...clip, notes: [{ ...clip.notes[0], pitch: 128 }] },
      { ...clip, notes: [{ ...clip.notes[0], durationTicks: 0 }] },
      { ...clip, timeSignature: { numerator: 4, denominator: 3 } },
      { ...clip, extra: true },
    ]) {
      const result = await e.dispatch('melody.exportMidi', { clip: bad, name: 'x' });
      expect(result.ok === false && result.error.kind).toBe('invalid-input');
    }
  });
});
