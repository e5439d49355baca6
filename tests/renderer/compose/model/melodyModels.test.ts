import { describe, expect, it } from 'vitest';
import { CHOSEN_MODEL_KEY } from '../../../../src/renderer/src/compose/model/melodyModels.svelte';
import { compareModels, modelQuality, qualityVerdict } from '../../../../src/renderer/src/compose/model/quality';
import { job, model } from '../../helpers/fixtures';
import { MemoryStorage, melodyModel, setup } from './setup';

describe('MelodyModels', () => {
  it('lists melody models only, newest first, and uses the newest when nothing was chosen', async () => {
    const { composeModel } = await setup({ models: [melodyModel(2), model({ id: 5 }), melodyModel(4)] });
    expect(composeModel.models.list.map((m) => m.id)).toEqual([4, 2]);
    expect(composeModel.models.selected?.id).toBe(4);
  });

  it('remembers the chosen model across restarts, and falls back to the newest when it is gone', async () => {
    const storage = new MemoryStorage();
    const first = await setup({ storage });
    first.composeModel.models.select(2);
    expect(storage.getItem(CHOSEN_MODEL_KEY)).toBe('2');
    expect(first.composeModel.models.selected?.id).toBe(2);

    const second = await setup({ storage });
    expect(second.composeModel.models.selected?.id).toBe(2);
    const third = await setup({ storage, models: [melodyModel(3)] });
    expect(third.composeModel.models.selected?.id).toBe(3);
  });

  it('deleting the chosen model goes back to the newest, and leaves the comparison', async () => {
    const storage = new MemoryStorage();
    const { bridge, composeModel } = await setup({ storage });
    bridge.respond('models.delete', { id: 2 });
    composeModel.models.select(2);
    composeModel.models.toggleCompare(2);
    composeModel.models.toggleCompare(3);
    expect(await composeModel.models.delete(2)).toBe(true);
    expect(composeModel.models.selected?.id).toBe(3);
    expect(composeModel.models.comparing).toEqual([3]);
    expect(storage.getItem(CHOSEN_MODEL_KEY)).toBe('');
  });

  it('compares at most two versions, the newest pick replacing the oldest', async () => {
    const { bridge, composeModel } = await setup({ models: [melodyModel(3), melodyModel(2), melodyModel(1)] });
    bridge.fail('melody.modelDetails', 'not-found', 'gone');
    const models = composeModel.models;
    models.toggleCompare(1);
    models.toggleCompare(2);
    models.toggleCompare(3);
    expect(models.comparing).toEqual([2, 3]);
    models.toggleCompare(2);
    expect(models.comparing).toEqual([3]);
  });

  it('starts an evaluation job and follows it in the jobs list', async () => {
    const { bridge, composeModel, jobs } = await setup();
    bridge.respond('melody.evaluate', job({ id: 30, kind: 'melody-eval', state: 'queued' }));
    await composeModel.models.evaluate(3);
    expect(bridge.callsTo('melody.evaluate')).toEqual([{ modelId: 3 }]);
    expect(composeModel.models.evaluationOf(3)?.id).toBe(30);
    jobs.apply(job({ id: 30, kind: 'melody-eval', state: 'done', result: { lstmPerplexity: 2.5 } }));
    expect(composeModel.models.evaluationOf(3)?.state).toBe('done');
  });

  it('reports a failed evaluation start', async () => {
    const { bridge, composeModel, errors } = await setup();
    bridge.fail('melody.evaluate', 'invalid-input', 'no files recorded');
    expect(await composeModel.models.evaluate(3)).toBeNull();
    expect(errors).toEqual(['Could not start the evaluation']);
  });
});

describe('model quality', () => {
  it('says whether the LSTM beats the best n-gram, and by how much', () => {
    expect(qualityVerdict(modelQuality(melodyModel(1)))).toBe('14% better than the best n-gram');
    const worse = melodyModel(2, { metrics: { lstmPerplexity: 3, ngramPerplexity: 2.8, beatsNgram: 0 } });
    expect(qualityVerdict(modelQuality(worse))).toBe('7% worse than the best n-gram: does not beat it');
    expect(qualityVerdict(modelQuality(melodyModel(3, { metrics: {} })))).toMatch(/Not measured/);
    const far = melodyModel(4, { metrics: { lstmPerplexity: 28.8, ngramPerplexity: 2.26, beatsNgram: 0 } });
    expect(qualityVerdict(modelQuality(far))).toBe("12.7× the best n-gram's perplexity: does not beat it yet");
  });

  it('lines two versions up, marking the better side where lower or higher is better', () => {
    const a = melodyModel(1);
    const b = melodyModel(2, { params: { hiddenSizes: [64] }, metrics: { lstmPerplexity: 2.6, accuracy: 0.75 } });
    const rows = compareModels(a, b);
    expect(rows.find((r) => r.label === 'Size')?.values).toEqual(['128 × 128', '64']);
    expect(rows.find((r) => r.label === 'Perplexity')).toEqual({
      label: 'Perplexity',
      better: 0,
      values: ['2.410', '2.600'],
    });
    expect(rows.find((r) => r.label === 'Accuracy')?.better).toBe(1);
    expect(rows.find((r) => r.label === 'Training time')?.values).toEqual(['2 min 05 s', '—']);
  });
});
