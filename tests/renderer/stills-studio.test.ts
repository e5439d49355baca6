import { describe, expect, it } from 'vitest';
import { Studio } from '../../src/renderer/src/state/studio.svelte';
import { catalogueStats, job, systemInfo } from './helpers/fixtures';
import { ScriptedBridge, ScriptedTransport, settle } from './helpers/scriptedBridge';

async function studioOn(area: 'stills' | 'library'): Promise<{ studio: Studio; bridge: ScriptedBridge }> {
  const bridge = new ScriptedBridge()
    .respond('system.info', systemInfo())
    .respond('jobs.list', [])
    .respond('models.list', [])
    .respond('catalogue.stats', catalogueStats());
  const studio = new Studio(new ScriptedTransport(bridge), { area });
  studio.connect();
  await settle();
  return { studio, bridge };
}

describe('Studio: stills jobs and the Jobs panel', () => {
  it('leaves the Jobs panel shut while the Stills lab shows its own jobs', async () => {
    const { studio, bridge } = await studioOn('stills');
    for (const [id, kind] of [
      [1, 'stills-import'],
      [2, 'stills-train'],
      [3, 'stills-classify'],
      [4, 'backbone-download'],
    ] as const)
      bridge.emit('job.updated', job({ id, kind }));
    expect(studio.jobsPanelOpen).toBe(false);
    bridge.emit('job.updated', job({ id: 5, kind: 'library-import' }));
    expect(studio.jobsPanelOpen).toBe(true);
  });

  it('opens it for stills training started while another area is on screen', async () => {
    const { studio, bridge } = await studioOn('library');
    bridge.emit('job.updated', job({ id: 2, kind: 'stills-train' }));
    expect(studio.jobsPanelOpen).toBe(true);
  });
});
