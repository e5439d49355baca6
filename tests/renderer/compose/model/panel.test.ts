import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ComposeArea from '../../../../src/renderer/src/areas/ComposeArea.svelte';
import { createClient } from '../../../../src/shared/client';
import { ComposeFiles } from '../../../../src/renderer/src/compose/files.svelte';
import { getButton, getByLabel } from '../../helpers/dom';
import { settle } from '../../helpers/scriptedBridge';
import { note } from '../fakes';
import { generation, setup, type Setup } from './setup';

let app: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

async function render(options: Parameters<typeof setup>[0] = {}): Promise<Setup & { files: ComposeFiles }> {
  const context = await setup({ notes: [note('a', 60, 0), note('b', 64, 480)], ...options });
  const files = new ComposeFiles(
    createClient(context.bridge),
    () => {},
    context.session,
    () => {},
  );
  app = mount(ComposeArea, {
    target: document.body,
    props: { session: context.session, files, model: context.composeModel },
  });
  flushSync();
  return { ...context, files };
}

function tab(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find(
    (t) => t.textContent?.trim() === name,
  );
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

describe('Compose side panel', () => {
  it('has Clip, Generate and Train tabs; arrow keys move between them', async () => {
    await render();
    expect([...document.querySelectorAll('[role="tab"]')].map((t) => t.textContent?.trim())).toEqual([
      'Clip',
      'Generate',
      'Train',
    ]);
    expect(tab('Generate').getAttribute('aria-selected')).toBe('true');
    tab('Generate').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    flushSync();
    expect(tab('Clip').getAttribute('aria-selected')).toBe('true');
    expect(document.body.textContent).toContain('Nothing selected');
  });

  it('generates, shows variation cards with the memorisation meter, and accepts one', async () => {
    const { bridge, session } = await render();
    bridge.respond('melody.generate', generation(960, 2, 4, 555));
    getByLabel<HTMLButtonElement>('2 variations').click();
    flushSync();
    const go = getButton('Generate 2 variations');
    expect(go.disabled).toBe(false);
    expect(document.body.textContent).toContain('Continues the clip for 4 bars from 1:3:000');
    go.click();
    await settle();
    flushSync();
    const cards = document.querySelectorAll('article[aria-label^="Variation"]');
    expect(cards).toHaveLength(2);
    expect(cards[0]?.textContent).toContain('4 notes');
    expect(cards[0]?.textContent).toContain('Longest copied stretch: 6 of 32 steps');
    expect(document.body.textContent).toContain('555');
    getButton('Accept Variation 2').click();
    flushSync();
    expect(session.editor.notes).toHaveLength(6);
    expect(getButton('Accept Variation 2').disabled).toBe(true);
    expect(cards[1]?.textContent).toContain('In the clip');
  });

  it('points to the Train tab when there is no model yet', async () => {
    const { composeModel } = await render({ models: [] });
    expect(document.body.textContent).toContain('No melody model yet');
    getButton('Train a model').click();
    flushSync();
    expect(composeModel.tab).toBe('train');
  });

  it('shows an empty library with a way to the Library', async () => {
    const { bridge, composeModel } = await render({ models: [] });
    bridge.respond('library.folders', []);
    bridge.respond('melody.corpus', { files: 0, heldOut: 0, bytes: 0, missing: 0 });
    composeModel.tab = 'train';
    flushSync();
    await settle();
    flushSync();
    expect(document.body.textContent).toContain('No MIDI files in your library yet');
    expect(getButton('Open the Library')).toBeTruthy();
  });

  it('saves with Ctrl+S from the piano roll', async () => {
    const { bridge } = await render();
    bridge.respond('melody.saveComposition', { itemId: 3, path: '/x.mid', title: 'Untitled' });
    getByLabel('Piano roll editor').dispatchEvent(
      new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }),
    );
    await settle();
    expect(bridge.callsTo('melody.saveComposition')).toHaveLength(1);
  });
});

describe('Studio and melody jobs', () => {
  it('keeps the Jobs panel closed for melody training started in Compose, and opens it elsewhere', async () => {
    const { Studio } = await import('../../../../src/renderer/src/state/studio.svelte');
    const { ScriptedBridge, ScriptedTransport } = await import('../../helpers/scriptedBridge');
    const { job } = await import('../../helpers/fixtures');
    const studio = new Studio(new ScriptedTransport(new ScriptedBridge()), { area: 'compose' });
    studio.jobs.apply(job({ id: 1, kind: 'melody-train', state: 'running' }));
    expect(studio.jobsPanelOpen).toBe(false);
    studio.router.go('library');
    studio.jobs.apply(job({ id: 2, kind: 'melody-train', state: 'running' }));
    expect(studio.jobsPanelOpen).toBe(true);
  });
});
