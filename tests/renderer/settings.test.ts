import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/renderer/src/settings/settings.svelte';
import { ToastStore } from '../../src/renderer/src/state/toasts.svelte';
import { createClient } from '../../src/shared/client';
import type { SettingsUpdate } from '../../src/shared/settings';
import { job, settingsView } from './helpers/fixtures';
import { ScriptedBridge, settle } from './helpers/scriptedBridge';

describe('SettingsStore', () => {
  it('loads the settings, saves one change, and follows changes made elsewhere', async () => {
    let view = settingsView();
    const bridge = new ScriptedBridge()
      .respond('settings.get', () => view)
      .respond('settings.update', (update) => {
        view = { ...view, settings: { ...view.settings, melodyTraining: { ...view.settings.melodyTraining, ...(update as SettingsUpdate).melodyTraining } } };
        return view.settings;
      });
    const store = new SettingsStore(createClient(bridge), new ToastStore().report);
    const stop = store.subscribe();
    await store.load();
    expect(store.settings?.melodyTraining.maxMinutes).toBe(30);

    expect(await store.update('melody', { melodyTraining: { maxMinutes: 12 } })).toBe(true);
    expect(bridge.callsTo('settings.update')).toEqual([{ melodyTraining: { maxMinutes: 12 } }]);
    expect(store.settings?.melodyTraining.maxMinutes).toBe(12);
    expect(store.saving).toBeNull();

    view = { ...view, settings: { ...view.settings, recommender: { folds: 3 } } };
    bridge.emit('settings.changed', view.settings);
    expect(store.settings?.recommender.folds).toBe(3);
    stop();
  });

  it('shows why a change was refused and puts the saved value back', async () => {
    const bridge = new ScriptedBridge()
      .respond('settings.get', settingsView())
      .fail('settings.update', 'invalid-input', 'Give the backbone folder as an absolute path.');
    const store = new SettingsStore(createClient(bridge), new ToastStore().report);
    await store.load();
    expect(await store.update('backbone', { backbone: { path: 'relative' } })).toBe(false);
    expect(store.problem).toBe('Give the backbone folder as an absolute path.');
    expect(store.settings?.backbone.path).toBeNull();
  });
});

describe('SettingsStore: backbone download', () => {
  it('starts the download job, and reads the status again when it finishes', async () => {
    let view = settingsView();
    const bridge = new ScriptedBridge()
      .respond('settings.get', () => view)
      .respond('stills.downloadBackbone', job({ id: 31, kind: 'backbone-download', state: 'queued' }));
    const store = new SettingsStore(createClient(bridge), new ToastStore().report);
    const stop = store.subscribe();
    await store.load();
    expect(await store.downloadBackbone()).toBe(true);
    expect(bridge.callsTo('stills.downloadBackbone')).toEqual([{ backbone: 'mobilenet_v1_0.75_224' }]);
    expect(store.downloadJobId).toBe(31);
    view = { ...view, backbone: { ...view.backbone, state: 'ready', detail: 'TensorFlow.js layers model with 55 weight files.' } };
    bridge.emit('job.updated', job({ id: 31, kind: 'backbone-download', state: 'done' }));
    await settle();
    expect(store.view?.backbone.state).toBe('ready');
    stop();
  });

  it('reports a download that cannot start (offline is a failed job, not this)', async () => {
    const errors: string[] = [];
    const bridge = new ScriptedBridge().fail('stills.downloadBackbone', 'conflict', 'A download is already running.');
    const store = new SettingsStore(createClient(bridge), (action) => errors.push(action));
    expect(await store.downloadBackbone()).toBe(false);
    expect(errors).toEqual(['Could not start the backbone download']);
  });
});
