import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/client';
import { LibraryStore } from '../../../src/renderer/src/library/library.svelte';
import { ProfilesStore } from '../../../src/renderer/src/state/profiles.svelte';
import { ScriptedBridge } from '../helpers/scriptedBridge';
import { job } from '../helpers/fixtures';

describe('demo set from the empty library', () => {
  it('asks the engine to generate and import the demo set, and reports a failure', async () => {
    const bridge = new ScriptedBridge().respond('library.importDemo', job({ id: 9, kind: 'library-import' })).respond('library.folders', []);
    const errors: string[] = [];
    const client = createClient(bridge);
    const profiles = new ProfilesStore(client, (a) => errors.push(a), null);
    const library = new LibraryStore(client, (a) => errors.push(a), profiles);
    const started = await library.importDemo();
    expect(started?.id).toBe(9);
    expect(bridge.callsTo('library.importDemo')).toEqual([{}]);
    bridge.fail('library.importDemo', 'internal', 'disk full');
    expect(await library.importDemo()).toBeNull();
    expect(errors).toEqual(['Could not create the demo set']);
    expect(library.importing).toBe(false);
  });
});
