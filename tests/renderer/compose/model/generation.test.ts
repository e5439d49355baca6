import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { AUDITION_LEAD_BARS } from '../../../../src/renderer/src/compose/model/generation.svelte';
import { START_LATENCY } from '../../../../src/renderer/src/compose/transport.svelte';
import { flushPromises, note } from '../fakes';
import { generation, setup } from './setup';

const BAR = 1920;
const melody = [note('a', 60, 0), note('b', 62, 480), note('c', 64, 960), note('d', 65, 1440)];

describe('Generate: requests from the editor', () => {
  it('sends the selection as the seed, with the chosen model, and places the answer after it', async () => {
    const { bridge, session, composeModel } = await setup({ notes: melody });
    const store = composeModel.generation;
    session.editor.select(['a', 'b']);
    store.bars = 2;
    store.variations = 2;
    bridge.respond('melody.generate', generation(960, 2));
    const batch = await store.generate();
    const [input] = bridge.callsTo('melody.generate') as Array<Record<string, unknown>>;
    expect(input).toMatchObject({ mode: 'continue', modelId: 3, bars: 2, variations: 2, startTick: 960 });
    expect((input?.clip as { notes: unknown[] }).notes).toHaveLength(2);
    expect(batch?.variations.map((v) => v.key)).toEqual(['1-1', '1-2']);
    expect(batch?.seed).toBe(1234);
    expect(batch?.placement).toEqual({ from: 960, to: 960 + 2 * BAR, offset: 0 });
  });

  it('defaults the bars to regenerate to the selection, and follows it until the user types', async () => {
    const { session, composeModel } = await setup({ notes: [...melody, note('e', 67, BAR * 2 + 10)] });
    const store = composeModel.generation;
    store.mode = 'infill';
    expect(store.infillBars).toEqual({ from: 4, to: 4 }); // nothing selected: the clip's last bar
    session.editor.select(['e']);
    flushSync();
    expect(store.infillBars).toEqual({ from: 3, to: 3 });
    store.fromBarInput = 1;
    expect(store.infillBars).toEqual({ from: 1, to: 1 });
    store.toBarInput = 2;
    expect(store.request.ok && store.request.input).toMatchObject({ mode: 'infill', fromBar: 0, toBar: 2 });
    store.followSelection();
    expect(store.infillBars).toEqual({ from: 3, to: 3 });
  });

  it('surfaces engine errors, and keeps earlier variations', async () => {
    const { bridge, composeModel } = await setup({ notes: melody });
    const store = composeModel.generation;
    bridge.respond('melody.generate', generation(1920, 2));
    await store.generate();
    bridge.fail('melody.generate', 'not-found', 'There is no model version 3.');
    expect(await store.generate()).toBeNull();
    expect(store.error).toEqual({ message: 'There is no model version 3.', kind: 'not-found' });
    expect(store.batch?.variations).toHaveLength(2);
    expect(store.busy).toBe(false);
  });

  it('does not call the engine for an invalid request, and says why', async () => {
    const { bridge, composeModel } = await setup({ notes: [] });
    expect(await composeModel.generation.generate()).toBeNull();
    expect(composeModel.generation.error?.message).toMatch(/Draw a few notes/);
    expect(bridge.callsTo('melody.generate')).toEqual([]);
  });

  it('says a model is needed when there is none', async () => {
    const { composeModel } = await setup({ notes: melody, models: [] });
    const request = composeModel.generation.request;
    expect(request.ok).toBe(false);
    expect(!request.ok && request.problem).toMatch(/Train a melody model first/);
  });
});

describe('Generate: accepting, discarding, auditioning', () => {
  it('accepts a variation as ONE undoable edit that grows the clip to hold it', async () => {
    const { bridge, session, composeModel } = await setup({ notes: melody });
    const editor = session.editor;
    const store = composeModel.generation;
    store.bars = 4;
    bridge.respond('melody.generate', generation(1920, 2, 16)); // 4 bars of quarters, past the 4-bar clip
    await store.generate();
    const depth = editor.undoDepth;
    expect(editor.lengthTicks).toBe(4 * BAR);
    expect(store.accept('1-2')).toBe(true);
    flushSync();
    expect(editor.notes).toHaveLength(4 + 16);
    expect(editor.undoDepth).toBe(depth + 1);
    expect(editor.lengthTicks).toBe(5 * BAR);
    // Nothing stays selected: the next Continue carries on from the whole clip.
    expect(editor.selection.size).toBe(0);
    expect(store.request.ok && store.request.summary).toContain('Continues the clip');
    expect(store.isAccepted('1-2')).toBe(true);
    expect(store.isAccepted('1-1')).toBe(false);
    // The cards stay to compare; one undo takes the whole variation out again.
    expect(store.batch?.variations).toHaveLength(2);
    editor.undo();
    expect(editor.notes).toHaveLength(4);
    expect(editor.lengthTicks).toBe(4 * BAR);
    expect(store.isAccepted('1-2')).toBe(false);
    editor.redo();
    expect(store.isAccepted('1-2')).toBe(true);
  });

  it('accepting another variation of the same range replaces the first', async () => {
    const { bridge, session, composeModel } = await setup({ notes: melody });
    const store = composeModel.generation;
    bridge.respond('melody.generate', generation(1920, 2, 4));
    await store.generate();
    store.accept('1-1');
    store.accept('1-2');
    const added = session.editor.notes.filter((n) => n.tick >= 1920);
    expect(added.map((n) => n.pitch)).toEqual([68, 69, 70, 68]);
    expect(store.isAccepted('1-2')).toBe(true);
    expect(store.isAccepted('1-1')).toBe(false);
  });

  it('regenerated bars replace the notes in them; a note running in is cut', async () => {
    const notes = [note('a', 60, 0, BAR + 480), note('b', 62, BAR + 480), note('c', 64, BAR * 2)];
    const { bridge, session, composeModel } = await setup({ notes });
    const store = composeModel.generation;
    store.mode = 'infill';
    store.fromBarInput = 2;
    store.toBarInput = 2;
    bridge.respond('melody.generate', { ...generation(BAR, 1, 2), mode: 'infill' });
    await store.generate();
    store.accept('1-1');
    expect(session.editor.notes.map((n) => [n.pitch, n.tick, n.durationTicks])).toEqual([
      [60, 0, BAR],
      [67, BAR, 480],
      [68, BAR + 480, 480],
      [64, BAR * 2, 480],
    ]);
  });

  it('places notes generated from scratch after the clip', async () => {
    const { bridge, session, composeModel } = await setup({ notes: melody });
    const store = composeModel.generation;
    store.mode = 'generate';
    store.bars = 1;
    bridge.respond('melody.generate', { ...generation(0, 1, 2), mode: 'generate' });
    await store.generate();
    expect(store.batch?.variations[0]?.notes.map((n) => n.tick)).toEqual([BAR, BAR + 480]);
    store.accept('1-1');
    expect(session.editor.notes.map((n) => n.tick)).toEqual([0, 480, 960, 1440, BAR, BAR + 480]);
  });

  it('discards a card, and the last one clears the results', async () => {
    const { bridge, composeModel } = await setup({ notes: melody });
    const store = composeModel.generation;
    bridge.respond('melody.generate', generation(1920, 2));
    await store.generate();
    store.discard('1-1');
    expect(store.batch?.variations.map((v) => v.key)).toEqual(['1-2']);
    store.discard('1-2');
    expect(store.batch).toBeNull();
  });

  it('auditions the clip with the variation in it from a bar before, and Stop silences it', async () => {
    const notes = [...melody, note('e', 72, BAR * 2 - 480)];
    const { bridge, session, audio, timer, composeModel } = await setup({ notes });
    const store = composeModel.generation;
    const transport = session.transport;
    transport.position = 480;
    bridge.respond('melody.generate', generation(BAR * 2, 2, 4));
    await store.generate();
    await store.audition('1-1');
    await flushPromises();
    expect(transport.playing).toBe(true);
    expect(transport.auditioning).toBe('1-1');
    expect(transport.position).toBe(BAR * 2 - AUDITION_LEAD_BARS * BAR);
    // Play through the whole audition window.
    audio.time += START_LATENCY + 2 * 60;
    timer.fire();
    const played = audio.notes.map((n) => n.pitch);
    expect(played).toContain(67); // the variation
    expect(played).toContain(72); // the lead-in bar of the clip
    expect(played).not.toContain(60); // the clip before the lead-in bar is not played
    // The editor's clip is unchanged by auditioning.
    expect(session.editor.notes).toHaveLength(5);
    expect(store.ghost).toBeNull(); // the audition ended by itself
    // Audition again, then stop it with the card's button: silence, and the playhead goes back.
    audio.time += 1;
    await store.audition('1-2');
    await flushPromises();
    expect(store.ghost?.key).toBe('1-2');
    const stops = audio.stopAllCalls;
    await store.audition('1-2');
    expect(audio.stopAllCalls).toBe(stops + 1);
    expect(transport.playing).toBe(false);
    expect(transport.auditioning).toBeNull();
    expect(transport.position).toBe(480);
  });

  it('shows the hovered card as ghost notes, but not once it is in the clip', async () => {
    const { bridge, composeModel } = await setup({ notes: melody });
    const store = composeModel.generation;
    bridge.respond('melody.generate', generation(1920, 2));
    await store.generate();
    store.hover('1-2');
    expect(store.ghost?.notes.map((n) => n.tick)).toEqual([1920, 2400, 2880, 3360]);
    store.accept('1-2');
    expect(store.ghost).toBeNull();
    store.hover(null);
    expect(store.ghost).toBeNull();
  });

  it('puts the seed used back into the seed field', async () => {
    const { bridge, composeModel } = await setup({ notes: melody });
    const store = composeModel.generation;
    bridge.respond('melody.generate', generation(1920, 1, 4, 987654));
    await store.generate();
    store.reuseSeed();
    expect(store.seedText).toBe('987654');
    expect(store.advancedOpen).toBe(true);
    expect(store.request.ok && store.request.input.seed).toBe(987654);
  });
});
