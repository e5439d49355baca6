import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/shared/catalogue';
import type { JobRecord } from '../../src/shared/jobs';
import type { Engine } from '../../src/main/engine/engine';
import { waitForJob } from '../../src/main/engine/jobs/wait';
import { tempDir, testEngine } from '../helpers/engine';
import { midiBytes, pngBytes, wavBytes, write } from '../helpers/media-fixtures';
import { referencePath } from '../helpers/reference';

const engines: Engine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
});
function engine(): Engine {
  const e = testEngine();
  engines.push(e);
  return e;
}

async function call<T>(e: Engine, method: string, input: unknown): Promise<T> {
  const result = await e.dispatch(method, input);
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

async function runImport(e: Engine, method: 'library.import' | 'library.rescan', input: unknown): Promise<{ job: JobRecord; report: ImportReport }> {
  const job = await waitForJob(e.events, await call<JobRecord>(e, method, input));
  expect(job.state, job.error ?? '').toBe('done');
  return { job, report: job.result as unknown as ImportReport };
}

async function makeLibrary(): Promise<string> {
  const dir = fs.realpathSync(tempDir('motif-lib-'));
  write(dir, 'Takes/Tone A.wav', wavBytes({ frequency: 440 }));
  write(dir, 'Takes/stereo.wav', wavBytes({ channels: 2, seconds: 1.25 }));
  write(dir, 'Stills/frame-001.png', await pngBytes(64, 27));
  write(dir, 'Stills/broken.png', Buffer.from('\x89PNG\r\n\x1a\n but then nothing useful', 'latin1'));
  write(dir, 'Tunes/reel.mid', midiBytes());
  write(dir, 'Tunes/fake.mid', 'not a midi file');
  write(dir, 'notes.txt', 'shopping list');
  write(dir, 'empty.mp3', '');
  write(dir, '.hidden/secret.wav', wavBytes());
  return dir;
}

describe('library import', () => {
  it('imports single files (as dropped on the Library) in place, without adding their folder', async () => {
    const e = engine();
    const dir = await makeLibrary();
    const { report } = await runImport(e, 'library.import', { paths: [path.join(dir, 'Takes/Tone A.wav'), path.join(dir, 'Tunes/reel.mid')] });
    expect(report).toMatchObject({ imported: 2, seen: 2, missing: 0 });
    const items = await call<{ items: Array<{ path: string; kind: string }> }>(e, 'library.list', {});
    expect(items.items.map((i) => [path.basename(i.path), i.kind]).sort()).toEqual([
      ['Tone A.wav', 'audio'],
      ['reel.mid', 'midi'],
    ]);
    expect(await call(e, 'library.folders', {})).toEqual([]);
    // A folder and a file together; a file Motif does not catalogue is refused before any job.
    const both = await runImport(e, 'library.import', { paths: [path.join(dir, 'Stills'), path.join(dir, 'Takes/stereo.wav')] });
    expect(both.report.imported).toBe(2); // frame-001.png and stereo.wav (broken.png is skipped with its reason)
    expect((await call<Array<{ path: string }>>(e, 'library.folders', {})).map((f) => f.path)).toEqual([path.join(dir, 'Stills')]);
    await expect(call(e, 'library.import', { paths: [path.join(dir, 'notes.txt')] })).rejects.toThrow(/invalid-input: notes\.txt is not a file Motif catalogues/);
    await expect(call(e, 'library.import', { paths: [path.join(dir, 'nowhere.wav')] })).rejects.toThrow(/not-found/);
  });

  it('catalogues audio, MIDI and images in place, with metadata, waveforms and a per-file report', async () => {
    const e = engine();
    const dir = await makeLibrary();
    const { report } = await runImport(e, 'library.import', { paths: [dir] });
    expect(report).toMatchObject({ imported: 4, updated: 0, unchanged: 0, missing: 0, skippedCount: 4 });
    const reasons = Object.fromEntries(report.skipped.map((s) => [path.relative(dir, s.path), s.reason]));
    expect(reasons['notes.txt']).toMatch(/not a media type/);
    expect(reasons['empty.mp3']).toMatch(/empty/);
    expect(reasons['Stills/broken.png']).toMatch(/not readable as an image/);
    expect(reasons['Tunes/fake.mid']).toMatch(/not readable as MIDI/);
    expect(Object.keys(reasons).some((k) => k.includes('.hidden'))).toBe(false);

    const tone = e.catalogue.media.byPath(path.join(dir, 'Takes/Tone A.wav'))!;
    expect(tone).toMatchObject({ kind: 'audio', title: 'Tone A', missing: false });
    expect(tone.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tone.durationS).toBeCloseTo(0.5, 2);
    const wave = e.catalogue.library.waveform(tone.id)!;
    expect(wave.peaks).toHaveLength(1);
    expect(wave.peaks[0]!.length).toBe(2 * 1024);
    expect(Math.max(...wave.peaks[0]!)).toBeCloseTo(0.5, 1);
    expect(Math.min(...wave.peaks[0]!)).toBeCloseTo(-0.5, 1);
    expect(e.catalogue.library.waveform(e.catalogue.media.byPath(path.join(dir, 'Takes/stereo.wav'))!.id)!.peaks).toHaveLength(2);

    const still = e.catalogue.media.byPath(path.join(dir, 'Stills/frame-001.png'))!;
    expect(still.metadata).toMatchObject({ width: 64, height: 27, format: 'png' });
    expect(e.catalogue.media.search('frame').map((m) => m.id)).toEqual([still.id]);
    expect(e.catalogue.media.search('reel.mid').map((m) => m.kind)).toEqual(['midi']);
    expect(e.catalogue.library.folders().map((f) => f.path)).toEqual([dir]);
    expect(e.catalogue.library.folders()[0]!.lastScanAt).not.toBeNull();
  });

  it('rescans incrementally: unchanged, changed, missing (ratings kept) and moved files (relinked)', async () => {
    const e = engine();
    const dir = await makeLibrary();
    await runImport(e, 'library.import', { paths: [dir] });
    const again = await runImport(e, 'library.rescan', {});
    expect(again.report).toMatchObject({ imported: 0, updated: 0, unchanged: 4, missing: 0 });

    const toneA = path.join(dir, 'Takes/Tone A.wav');
    const stereo = path.join(dir, 'Takes/stereo.wav');
    const toneId = e.catalogue.media.byPath(toneA)!.id;
    const stereoId = e.catalogue.media.byPath(stereo)!.id;
    await call(e, 'ratings.set', { profileId: 1, itemIds: [toneId, stereoId], value: 4.5 });

    fs.writeFileSync(path.join(dir, 'Tunes/reel.mid'), midiBytes(67));
    fs.utimesSync(path.join(dir, 'Tunes/reel.mid'), new Date(), new Date(Date.now() + 5000));
    fs.rmSync(toneA);
    fs.renameSync(stereo, path.join(dir, 'Takes/stereo (final).wav'));
    const third = await runImport(e, 'library.rescan', {});
    expect(third.report).toMatchObject({ imported: 0, updated: 1, relinked: 1, missing: 1 });

    const gone = e.catalogue.media.get(toneId)!;
    expect(gone.missing).toBe(true);
    expect(e.catalogue.ratings.forProfile(1).map((r) => r.itemId).sort()).toEqual([toneId, stereoId].sort());
    expect(e.catalogue.media.get(stereoId)!.path).toBe(path.join(dir, 'Takes/stereo (final).wav'));
    expect(e.catalogue.media.page('', {}).total).toBe(3);
    expect(e.catalogue.media.page('', { includeMissing: true }).total).toBe(4);

    // The file comes back: the same item, present again, still rated.
    fs.writeFileSync(toneA, wavBytes({ frequency: 440 }));
    const fourth = await runImport(e, 'library.rescan', {});
    expect(fourth.report.relinked + fourth.report.updated).toBe(1);
    expect(e.catalogue.media.get(toneId)!.missing).toBe(false);
  });

  it('refuses bad paths with typed errors and starts no job', async () => {
    const e = engine();
    const file = write(tempDir(), 'a.txt', 'not media');
    for (const [input, kind] of [
      [{ paths: ['relative/dir'] }, 'invalid-input'],
      [{ paths: [path.join(tempDir(), 'nope')] }, 'not-found'],
      [{ paths: [file] }, 'invalid-input'],
      [{ paths: [] }, 'invalid-input'],
    ] as const) {
      const result = await e.dispatch('library.import', input);
      expect(result.ok === false && result.error.kind, JSON.stringify(input)).toBe(kind);
    }
    expect(e.catalogue.jobs.count()).toBe(0);
    expect((await e.dispatch('library.rescan', {})).ok).toBe(false);
  });

  it('rates in half stars by profile, clears ratings, and rejects out-of-scale values', async () => {
    const e = engine();
    const dir = await makeLibrary();
    await runImport(e, 'library.import', { paths: [dir] });
    const [item] = e.catalogue.media.search('Tone');
    const band = await call<{ id: number }>(e, 'profiles.create', { name: 'Band' });
    await call(e, 'ratings.set', { profileId: 1, itemIds: [item!.id], value: 3.5 });
    await call(e, 'ratings.set', { profileId: band.id, itemIds: [item!.id], value: 5 });
    expect(e.catalogue.ratings.forProfile(1)[0]?.value).toBe(3.5);
    expect(e.catalogue.ratings.forProfile(band.id)[0]?.value).toBe(5);
    for (const value of [0, 5.5, 3.3]) {
      const result = await e.dispatch('ratings.set', { profileId: 1, itemIds: [item!.id], value });
      expect(result.ok === false && result.error.kind).toBe('invalid-input');
    }
    expect((await e.dispatch('ratings.set', { profileId: 99, itemIds: [item!.id], value: 3 })).ok).toBe(false);
    await call(e, 'ratings.set', { profileId: 1, itemIds: [item!.id], value: null });
    expect(e.catalogue.ratings.forProfile(1)).toEqual([]);
  });

  it('imports the real audio clips with durations and waveforms', async () => {
    const audio = referencePath('audio');
    if (!audio) return;
    const e = engine();
    const { report } = await runImport(e, 'library.import', { paths: [audio] });
    expect(report.imported).toBeGreaterThanOrEqual(13);
    const jfk = e.catalogue.media.page('jfk', { kind: 'audio' }).items;
    expect(jfk.map((m) => path.extname(m.path!)).sort()).toEqual(['.flac', '.mp3', '.wav']);
    for (const item of jfk) {
      expect(item.durationS).toBeGreaterThan(10.5);
      expect(item.durationS).toBeLessThan(11.5);
      const wave = e.catalogue.library.waveform(item.id);
      expect(wave?.durationS, item.path!).toBeGreaterThan(10.5);
    }
    expect(report.skipped.filter((s) => !s.path.endsWith('.txt') && !s.path.endsWith('.md') && !s.path.endsWith('LICENSE'))).toEqual([]);
  });
});

describe('demo set', () => {
  it('generates tunes, renderings and stills, and imports them with waveforms, nothing skipped', async () => {
    const e = engine();
    const job = await waitForJob(e.events, await call<JobRecord>(e, 'library.importDemo', {}));
    expect(job.state, job.error ?? '').toBe('done');
    const report = job.result as unknown as ImportReport;
    expect(report).toMatchObject({ imported: 18, skippedCount: 0 });
    const midi = e.catalogue.media.page('', { kind: 'midi' }).items;
    expect(midi).toHaveLength(3);
    expect(midi.every((m) => /\(.*demo\)$/.test(m.title))).toBe(true);
    const audio = e.catalogue.media.page('', { kind: 'audio' }).items;
    expect(audio).toHaveLength(3);
    for (const item of audio) {
      expect(item.durationS).toBeGreaterThan(5);
      expect(e.catalogue.library.waveform(item.id)?.peaks[0]?.some((v) => Math.abs(v) > 0.1)).toBe(true);
    }
    expect(e.catalogue.media.page('', { kind: 'image' }).total).toBe(12);
    // A second run keeps the files and changes nothing.
    const again = await waitForJob(e.events, await call<JobRecord>(e, 'library.importDemo', {}));
    expect(again.result).toMatchObject({ imported: 0, unchanged: 18 });
  });
});

describe('library listing', () => {
  it('sorts, pages, lists ids for bulk actions, and carries the active profile rating', async () => {
    const e = engine();
    const ids = ['Cello', 'alto', 'Banjo', 'drum'].map((title, i) =>
      e.catalogue.media.insert({ kind: 'audio', path: `/m/${title}.wav`, title, artist: i % 2 ? `Artist ${i}` : null, durationS: 10 - i }).id,
    );
    await call(e, 'ratings.set', { profileId: 1, itemIds: [ids[0], ids[2], ids[2]], value: 4.5 });
    await call(e, 'ratings.set', { profileId: 1, itemIds: [ids[3]], value: 2 });
    const byTitle = await call<{ items: Array<{ title: string; rating: number | null }> }>(e, 'library.list', { sort: 'title', profileId: 1 });
    expect(byTitle.items.map((m) => m.title)).toEqual(['alto', 'Banjo', 'Cello', 'drum']);
    expect(byTitle.items.map((m) => m.rating)).toEqual([null, 4.5, 4.5, 2]);
    const byRating = await call<{ items: Array<{ title: string }> }>(e, 'library.list', { sort: 'rating', profileId: 1 });
    expect(byRating.items.map((m) => m.title)).toEqual(['Banjo', 'Cello', 'drum', 'alto']);
    const byDuration = await call<{ items: Array<{ title: string }> }>(e, 'library.list', { sort: 'duration' });
    expect(byDuration.items.map((m) => m.title)).toEqual(['drum', 'Banjo', 'alto', 'Cello']);
    const page = await call<{ items: unknown[]; total: number }>(e, 'library.list', { sort: 'title', limit: 2, offset: 2 });
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
    expect(await call(e, 'library.ids', {})).toEqual([...ids].reverse());
    expect(await call(e, 'library.ids', { query: 'banjo' })).toEqual([ids[2]]);
    const unknown = await e.dispatch('ratings.set', { profileId: 1, itemIds: [ids[0], 99_999], value: 3 });
    expect(unknown.ok === false && unknown.error.kind).toBe('not-found');
    expect(e.catalogue.ratings.forProfile(1).find((r) => r.itemId === ids[0])?.value).toBe(4.5);
  });
});
