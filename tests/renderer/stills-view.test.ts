import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import StillsView from '../../src/renderer/src/stills/StillsView.svelte';
import { getButton } from './helpers/dom';
import { job } from './helpers/fixtures';
import { settle } from './helpers/scriptedBridge';
import { evaluation, labSetup, modelDetails, modelSummary, queueItem } from './stills-fixtures';

let app: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

async function render(configure?: (setup: ReturnType<typeof labSetup>) => void) {
  const setup = labSetup();
  configure?.(setup);
  const shown: string[][] = [];
  const stop = setup.lab.connect();
  app = mount(StillsView, {
    target: document.body,
    props: { lab: setup.lab, mediaUrl: (id: number) => `/media/${id}`, onshowinlibrary: (tags: string[]) => void shown.push(tags) },
  });
  await settle();
  flushSync();
  return { ...setup, shown, stop };
}

function tab(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((t) => t.textContent?.includes(name));
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

describe('StillsView', () => {
  it('shows the dataset with its classes and switches tabs with the arrow keys', async () => {
    await render();
    expect(document.querySelector('h2')?.textContent).toContain('Datasets');
    expect(document.body.textContent).toContain('shot-scale');
    const classes = document.querySelector('nav[aria-label="Classes"]');
    expect(classes?.textContent).toMatch(/medium\s*14/);
    const label = tab('Label');
    expect(label.getAttribute('aria-selected')).toBe('true');
    label.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    flushSync();
    expect(tab('Train').getAttribute('aria-selected')).toBe('true');
    expect(document.body.textContent).toContain('Train a classifier');
  });

  it('opens a confusion cell in Review, where a number key relabels the still', async () => {
    const { lab, bridge } = await render(({ bridge }) => {
      bridge.respond('stills.models', [modelSummary(7)]);
      bridge.respond('stills.modelDetails', modelDetails(7, { evaluation: evaluation(), linearProbe: 0.7 }));
      bridge.respond('stills.queue', { items: [queueItem(1), queueItem(2)], total: 2 });
      bridge.respond('stills.relabel', (input) => ({ count: input.itemIds.length }));
    });
    tab('Evaluate').click();
    await settle();
    flushSync();
    // Headlines beside their baselines, and the linear probe trained beside the head.
    expect(document.body.textContent).toMatch(/Accuracy\s*75\.0%\s*majority class: 41\.7%/);
    expect(document.body.textContent).toMatch(/Linear probe\s*70\.0%/);
    const cell = getButton(/^True medium, predicted close-up: 1 still/);
    cell.click();
    await settle();
    flushSync();
    expect(lab.tab).toBe('review');
    expect(document.body.textContent).toContain('true medium · predicted close-up');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true }));
    await settle();
    flushSync();
    expect(bridge.callsTo('stills.relabel')).toEqual([{ datasetId: 1, itemIds: [1], label: 'long' }]);
    expect(document.querySelector('[aria-label="Reviewed stills"]')?.textContent).toMatch(/^\s*1\s*reviewed/);
  });

  it('offers the backbone download or training from scratch when there is no backbone', async () => {
    const { lab } = await render(({ bridge }) =>
      bridge.respond('settings.get', {
        settings: {
          melodyTraining: { epochs: 20, maxMinutes: 30, size: 'standard' },
          stillsTraining: { epochs: 20, maxMinutes: 10 },
          recommender: { folds: 5 },
          backbone: { path: null },
        },
        dataDir: '/d',
        dataDirSource: 'default',
        backbone: { path: '/d/models/backbones/mobilenet', custom: false, state: 'missing', detail: 'Not downloaded yet.' },
        tfjsNodeHowTo: '',
        problem: null,
      }),
    );
    getButton('Download now');
    getButton('Train from scratch').click();
    flushSync();
    expect(lab.trainer.architecture).toBe('scratch');
    expect(lab.tab).toBe('train');
  });
});

describe('StillsView: a finished training run', () => {
  it('says what it reached, why it stopped, and which stills it left out', async () => {
    const { lab, bridge } = await render(({ bridge }) => {
      bridge.respond('stills.train', job({ id: 40, kind: 'stills-train', state: 'queued' }));
      bridge.respond('stills.modelDetails', modelDetails(7));
    });
    tab('Train').click();
    flushSync();
    await lab.train();
    bridge.respond('stills.models', [modelSummary(7)]);
    bridge.emit(
      'job.updated',
      job({
        id: 40,
        kind: 'stills-train',
        state: 'done',
        result: {
          modelVersionId: 7,
          stoppedBy: 'budget',
          leftOut: 2,
          skippedFiles: [{ path: '/s/medium/broken.jpg', reason: 'not an image' }],
        },
      }),
    );
    await settle();
    flushSync();
    const result = document.querySelector('[aria-label="Training result"]')?.textContent ?? '';
    expect(result).toMatch(/75\.0%\s*accuracy on\s*12 held-out stills/);
    expect(result).toContain('Stopped at the time budget after 3 epochs (4.2 s).');
    expect(result).toContain('2 stills left out');
    expect(result).toContain('1 still could not be read');
    expect(result).toContain('medium/broken.jpg');
  });
});
