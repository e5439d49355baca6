import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.svelte';
import { Studio } from '../../src/renderer/src/state/studio.svelte';
import { catalogueStats, job, model, running, settingsView, systemInfo } from './helpers/fixtures';
import { getButton, getByLabel, heading, queryButton } from './helpers/dom';
import { ScriptedBridge, ScriptedTransport, settle } from './helpers/scriptedBridge';

let app: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

function engine(): ScriptedBridge {
  return new ScriptedBridge()
    .respond('system.info', systemInfo())
    .respond('jobs.list', [])
    .respond('models.list', [])
    .respond('catalogue.stats', catalogueStats({ items: 5, itemsByKind: { audio: 2, midi: 3 } }))
    .respond('profiles.list', [{ id: 1, name: 'Me', createdAt: '2025-01-01T10:00:00.000Z' }])
    .respond('library.list', { items: [], total: 0 })
    .respond('library.folders', [])
    .respond('ratings.forProfile', [])
    .respond('settings.get', settingsView());
}

async function render(bridge: ScriptedBridge = engine()): Promise<{ studio: Studio; transport: ScriptedTransport }> {
  const transport = new ScriptedTransport(bridge);
  const studio = new Studio(transport);
  app = mount(App, { target: document.body, props: { studio } });
  flushSync();
  await settle();
  flushSync();
  return { studio, transport };
}

describe('App', () => {
  it('switches areas from the sidebar and marks the current one', async () => {
    await render();
    expect(heading(1)).toBe('Compose');
    // With no melody model yet, the Generate tab points to training one.
    expect(document.body.textContent).toContain('No melody model yet');

    getButton(/^Stills/).click();
    flushSync();
    expect(heading(1)).toBe('Stills');
    expect(getButton(/^Stills/).getAttribute('aria-current')).toBe('page');
    expect(getButton(/^Compose/).hasAttribute('aria-current')).toBe(false);

    getButton(/^Library/).click();
    flushSync();
    await settle();
    flushSync();
    expect(heading(1)).toBe('Library');
    expect(document.body.textContent).toContain('Your library is empty');

    getButton(/^Discover/).click();
    flushSync();
    expect(heading(1)).toBe('Discover');
    expect(document.body.textContent).toContain('No model yet');
  });

  it('connects once, and unmounting unsubscribes from engine events', async () => {
    const bridge = engine();
    const { transport } = await render(bridge);
    bridge.emit('job.updated', running(8, 0.5, 0.3));
    bridge.emit('system.updated', systemInfo({ backend: null }));
    transport.setState('connecting');
    flushSync();
    await settle();

    expect(bridge.callsTo('jobs.list')).toHaveLength(1);
    expect(bridge.callsTo('system.info')).toHaveLength(1);
    expect(bridge.subscriberCount).toBe(1);

    if (app) unmount(app);
    app = null;
    expect(bridge.subscriberCount).toBe(0);
    expect(transport.watcherCount).toBe(0);
  });

  it('switches areas with Ctrl+digit', async () => {
    await render();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '2', ctrlKey: true, cancelable: true }));
    flushSync();
    expect(heading(1)).toBe('Stills');

    window.dispatchEvent(new KeyboardEvent('keydown', { key: '5', metaKey: true, cancelable: true }));
    flushSync();
    expect(heading(1)).toBe('Engine and settings');
  });

  it('shows the ML backend and the engine connection in the status bar', async () => {
    const { transport } = await render();
    const footer = document.querySelector('footer');
    expect(footer?.textContent).toContain('ML: wasm');
    expect(footer?.textContent).toContain('Engine connected');

    transport.setState('reconnecting');
    flushSync();
    expect(footer?.textContent).toContain('Engine disconnected');
  });

  it('runs the self-test from Engine and shows the job with a progress bar and Cancel', async () => {
    const bridge = engine().respond('jobs.start', job({ id: 3 }));
    const { studio } = await render(bridge);
    studio.router.go('engine');
    flushSync();
    expect(document.body.textContent).toContain('No models yet — run the self-test or train a model');
    expect(document.querySelector('aside')).toBeNull();

    getButton('Run self-test').click();
    await settle();
    bridge.emit('job.updated', running(3, 0.4, 0.25));
    flushSync();

    expect(bridge.callsTo('jobs.start')).toEqual([{ kind: 'self-test', params: {} }]);
    const panel = getByLabel<HTMLElement>('Jobs');
    expect(panel.tagName).toBe('ASIDE');
    const progress = getByLabel<HTMLProgressElement>('Progress of ML self-test #3', panel);
    expect(progress.tagName).toBe('PROGRESS');
    expect(progress.value).toBeCloseTo(0.4);
    expect(panel.textContent).toContain('step 160 of 400');
    expect(getButton(/^Jobs/).textContent).toContain('1');

    bridge.respond('jobs.cancel', job({ id: 3, state: 'cancelled' }));
    getButton('Cancel job 3', panel).click();
    await settle();
    flushSync();
    expect(bridge.callsTo('jobs.cancel')).toEqual([{ id: 3 }]);
    expect(queryButton('Cancel job 3', panel)).toBeNull();
  });

  it('deletes a model only after confirming', async () => {
    const bridge = engine().respond('models.list', [model({ id: 1, name: 'self-test-1' })]);
    const { studio } = await render(bridge);
    studio.router.go('engine');
    flushSync();

    getButton('Delete self-test-1').click();
    flushSync();
    expect(bridge.callsTo('models.delete')).toEqual([]);

    bridge.respond('models.delete', { id: 1 });
    getButton('Delete').click();
    await settle();
    flushSync();
    expect(bridge.callsTo('models.delete')).toEqual([{ id: 1 }]);
    expect(document.body.textContent).toContain('No models yet');
  });

  it('shows a failed call as a dismissible alert', async () => {
    const bridge = engine().fail('jobs.start', 'unavailable', 'worker is not running');
    const { studio } = await render(bridge);
    studio.router.go('engine');
    flushSync();

    getButton('Run self-test').click();
    await settle();
    flushSync();

    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Could not start the self-test');
    expect(alert?.textContent).toContain('worker is not running');
    getButton('Dismiss: Engine unavailable').click();
    flushSync();
    expect(document.querySelector('[role="alert"]')).toBeNull();
  });
});
