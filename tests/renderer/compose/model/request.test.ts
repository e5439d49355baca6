import { describe, expect, it } from 'vitest';
import type { Clip, ClipNote } from '../../../../src/shared/music';
import { emptyClip } from '../../../../src/renderer/src/compose/editor.svelte';
import {
  DEFAULT_SETTINGS,
  barsOf,
  buildGenerateRequest,
  parseSeed,
  withVariation,
  type GenerateSettings,
} from '../../../../src/renderer/src/compose/model/request';
import { note } from '../fakes';

const BAR = 1920;
const melody = [note('a', 60, 0), note('b', 62, 480), note('c', 64, 960, 240), note('d', 65, BAR * 2, 480)];

function editor(notes: ClipNote[] = melody, selected: string[] = [], clip: Partial<Clip> = {}) {
  return { clip: emptyClip({ notes, ...clip }), selectedNotes: notes.filter((n) => selected.includes(n.id)) };
}

function settings(overrides: Partial<GenerateSettings> = {}): GenerateSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

describe('buildGenerateRequest', () => {
  it('continues the whole clip from the beat after its last note, with the sampling settings', () => {
    const built = buildGenerateRequest(
      editor(),
      settings({ bars: 2, temperature: 0.8, variations: 3, topK: 8, topP: 0.9 }),
      7,
    );
    if (!built.ok) throw new Error(built.problem);
    expect(built.input).toMatchObject({
      mode: 'continue',
      modelId: 7,
      bars: 2,
      startTick: BAR * 2 + 480,
      temperature: 0.8,
      variations: 3,
      topK: 8,
      topP: 0.9,
      seed: null,
      key: null,
    });
    expect(built.input.clip.notes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(built.placement).toEqual({ from: BAR * 2 + 480, to: BAR * 4 + 480, offset: 0 });
    expect(built.summary).toBe('Continues the clip for 2 bars from 3:2:000');
  });

  it('continues the selection only, from the beat after the selection ends', () => {
    const built = buildGenerateRequest(editor(melody, ['a', 'c']), settings(), 7);
    if (!built.ok) throw new Error(built.problem);
    expect(built.input.mode).toBe('continue');
    expect(built.input.clip.notes.map((n) => n.id)).toEqual(['a', 'c']);
    // c ends at 1200: the next beat is 1440.
    expect(built.input.mode === 'continue' && built.input.startTick).toBe(1440);
    expect(built.summary).toContain('the 2 selected notes');
  });

  it('treats one selected note (the note just drawn) as no selection', () => {
    const built = buildGenerateRequest(editor(melody, ['a']), settings(), 7);
    expect(built.ok && built.input.clip.notes).toHaveLength(4);
    expect(built.ok && built.summary).toContain('Continues the clip');
  });

  it('locks to the clip key by default, to a chosen key, or not at all', () => {
    const keyed = editor(melody, [], { key: { tonic: 2, mode: 'minor' } });
    const byClip = buildGenerateRequest(keyed, settings(), 1);
    expect(byClip.ok && byClip.input.key).toEqual({ tonic: 2, mode: 'minor' });
    expect(byClip.ok && byClip.summary).toContain('in D minor');
    const chosen = buildGenerateRequest(keyed, settings({ keyChoice: '7:major' }), 1);
    expect(chosen.ok && chosen.input.key).toEqual({ tonic: 7, mode: 'major' });
    const off = buildGenerateRequest(keyed, settings({ keyChoice: 'off' }), 1);
    expect(off.ok && off.input.key).toBeNull();
    const noKey = buildGenerateRequest(editor(), settings(), 1);
    expect(noKey.ok && noKey.input.key).toBeNull();
  });

  it('generates from scratch after the existing notes (at the next bar), or at the start of an empty clip', () => {
    const after = buildGenerateRequest(editor(), settings({ mode: 'generate', bars: 4 }), 1);
    if (!after.ok) throw new Error(after.problem);
    expect(after.input).toMatchObject({ mode: 'generate', bars: 4 });
    expect(after.input.clip.notes).toEqual([]);
    expect(after.placement).toEqual({ from: BAR * 3, to: BAR * 7, offset: BAR * 3 });
    const empty = buildGenerateRequest(editor([]), settings({ mode: 'generate', bars: 1 }), 1);
    expect(empty.ok && empty.placement).toEqual({ from: 0, to: BAR, offset: 0 });
  });

  it('regenerates bars as 0-based [fromBar, toBar) and replaces exactly those bars', () => {
    const built = buildGenerateRequest(editor(), settings({ mode: 'infill', fromBar: 2, toBar: 3 }), 1);
    if (!built.ok) throw new Error(built.problem);
    expect(built.input).toMatchObject({ mode: 'infill', fromBar: 1, toBar: 3 });
    expect(built.placement).toEqual({ from: BAR, to: BAR * 3, offset: 0 });
    expect(built.summary).toContain('bars 2–3');
  });

  it('names the one problem that stops a request', () => {
    const problem = (s: Partial<GenerateSettings>, e = editor(), model: number | null = 1) => {
      const built = buildGenerateRequest(e, settings(s), model);
      return built.ok ? null : built.problem;
    };
    expect(problem({}, editor(), null)).toMatch(/Train a melody model first/);
    expect(problem({}, editor([]))).toMatch(/Draw a few notes/);
    expect(problem({ bars: 33 })).toMatch(/1 to 32 bars/);
    expect(problem({ variations: 9 })).toMatch(/Variations/);
    expect(problem({ temperature: 2.5 })).toMatch(/Temperature/);
    expect(problem({ topP: 0 })).toMatch(/Top-p/);
    expect(problem({ seedText: 'abc' })).toMatch(/Seed/);
    expect(problem({ mode: 'infill', fromBar: 3, toBar: 2 })).toMatch(/comes before/);
    expect(problem({ mode: 'infill', fromBar: 1, toBar: 40 })).toMatch(/at most 32 bars/);
  });

  it('passes a typed seed through, so the same notes come back', () => {
    const built = buildGenerateRequest(editor(), settings({ seedText: ' 42 ' }), 1);
    expect(built.ok && built.input.seed).toBe(42);
    expect(parseSeed('')).toBeNull();
    expect(parseSeed('2147483647')).toBe(2147483647);
    expect(parseSeed('2147483648')).toBeUndefined();
    expect(parseSeed('-1')).toBeUndefined();
  });
});

describe('placing a variation', () => {
  it('replaces the notes starting in the range and cuts a note running into it', () => {
    const notes = [note('a', 60, 0, BAR * 2), note('b', 62, BAR), note('c', 64, BAR * 2)];
    const merged = withVariation(notes, [note('v', 70, BAR, 480)], { from: BAR, to: BAR * 2, offset: 0 });
    expect(merged.map((n) => [n.id, n.tick, n.durationTicks])).toEqual([
      ['a', 0, BAR],
      ['c', BAR * 2, 480],
      ['v', BAR, 480],
    ]);
  });

  it('finds the bars a selection covers (1-based, inclusive)', () => {
    expect(barsOf([note('a', 60, BAR + 10), note('b', 60, BAR * 2 + 480)], emptyClip())).toEqual({ from: 2, to: 3 });
    expect(barsOf([note('a', 60, 0, BAR)], emptyClip())).toEqual({ from: 1, to: 1 });
    expect(barsOf([], emptyClip())).toBeNull();
  });
});
