import { describe, expect, it } from 'vitest';
import { Router } from '../../src/renderer/src/state/router.svelte';
import { ToastStore } from '../../src/renderer/src/state/toasts.svelte';
import { MotifError } from '../../src/shared/errors';

describe('ToastStore', () => {
  it('titles a MotifError by its kind and keeps the message', () => {
    const toasts = new ToastStore();
    toasts.report('Could not start the self-test', new MotifError('invalid-input', 'steps: too small'));

    expect(toasts.items).toEqual([
      {
        id: 1,
        kind: 'invalid-input',
        title: 'Invalid request',
        message: 'steps: too small',
        actions: ['Could not start the self-test'],
        count: 1,
      },
    ]);
  });

  it('treats a plain Error as internal', () => {
    const toasts = new ToastStore();
    toasts.report('Loading', new Error('boom'));
    expect(toasts.items[0]).toMatchObject({ kind: 'internal', title: 'Engine error' });
  });

  it('collapses the same error into one toast listing what it affected', () => {
    const toasts = new ToastStore();
    const offline = new MotifError('unavailable', 'Cannot reach the engine');
    toasts.report('Could not load jobs', offline);
    toasts.report('Could not load jobs', offline);
    toasts.report('Could not load models', offline);
    toasts.report('Could not load models', new MotifError('internal', 'disk full'));

    expect(toasts.items.map((t) => [t.kind, t.actions, t.count])).toEqual([
      ['unavailable', ['Could not load jobs', 'Could not load models'], 3],
      ['internal', ['Could not load models'], 1],
    ]);
  });

  it('dismisses by id and by kind', () => {
    const toasts = new ToastStore();
    toasts.report('A', new MotifError('unavailable', 'down'));
    toasts.report('B', new MotifError('conflict', 'busy'));
    toasts.report('C', new MotifError('not-found', 'gone'));

    toasts.dismiss(toasts.items[1]?.id ?? -1);
    expect(toasts.items.map((t) => t.kind)).toEqual(['unavailable', 'not-found']);
    toasts.dismissKind('unavailable');
    expect(toasts.items.map((t) => t.kind)).toEqual(['not-found']);
  });
});

describe('Router', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('maps Ctrl/Cmd+1..4 to the four areas and 5 to Engine', () => {
    const router = new Router();
    expect(router.areaForShortcut(key('1', { ctrlKey: true }))).toBe('compose');
    expect(router.areaForShortcut(key('2', { metaKey: true }))).toBe('stills');
    expect(router.areaForShortcut(key('3', { ctrlKey: true }))).toBe('library');
    expect(router.areaForShortcut(key('4', { ctrlKey: true }))).toBe('discover');
    expect(router.areaForShortcut(key('5', { ctrlKey: true }))).toBe('engine');
  });

  it('ignores digits without the modifier or with extra modifiers', () => {
    const router = new Router();
    expect(router.areaForShortcut(key('1'))).toBeNull();
    expect(router.areaForShortcut(key('1', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(router.areaForShortcut(key('9', { ctrlKey: true }))).toBeNull();
  });

  it('navigates and derives the area info', () => {
    const router = new Router();
    router.go('library');
    expect(router.area).toBe('library');
    expect(router.info.label).toBe('Library');
  });
});
