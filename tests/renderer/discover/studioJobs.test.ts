import { describe, expect, it } from 'vitest';
import { Studio } from '../../../src/renderer/src/state/studio.svelte';
import { catalogueStats, job, systemInfo } from '../helpers/fixtures';
import { ScriptedBridge, ScriptedTransport, settle } from '../helpers/scriptedBridge';

async function studioOn(area: 'discover' | 'library'): Promise<{ studio: Studio; bridge: ScriptedBridge }> {
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

describe('Studio: recommender training and the Jobs panel', () => {
  it('leaves the Jobs panel shut while Discover shows the training itself', async () => {
    const { studio, bridge } = await studioOn('discover');
    bridge.emit('job.updated', job({ id: 4, kind: 'recs-train' }));
    expect(studio.jobsPanelOpen).toBe(false);
  });

  it('opens it for training started while another area is on screen (the CLI, another window)', async () => {
    const { studio, bridge } = await studioOn('library');
    bridge.emit('job.updated', job({ id: 4, kind: 'recs-train' }));
    expect(studio.jobsPanelOpen).toBe(true);
  });
});
