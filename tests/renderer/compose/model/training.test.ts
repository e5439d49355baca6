import { describe, expect, it } from 'vitest';
import type { JobProgress, JobRecord } from '../../../../src/shared/jobs';
import { trainingChart } from '../../../../src/renderer/src/compose/model/chart';
import {
  addProgress,
  batchX,
  BATCH_POINT_LIMIT,
  EMPTY_SERIES,
  withHistory,
} from '../../../../src/renderer/src/compose/model/series';
import { parseTags, trainingOutcome } from '../../../../src/renderer/src/compose/model/training.svelte';
import { job, settingsView } from '../../helpers/fixtures';
import { settle } from '../../helpers/scriptedBridge';
import { melodyModel, setup } from './setup';

function batch(epoch: number, b: number, of: number, loss: number, accuracy: number): JobProgress {
  return {
    fraction: 0.1,
    stage: 'training',
    message: `Epoch ${epoch} of 2, batch ${b} of ${of}`,
    metrics: { epoch, batch: b, loss, accuracy, samplesPerSecond: 850.5 },
  };
}

function epochEnd(epoch: number, loss: number, accuracy: number): JobProgress {
  return {
    fraction: 0.5,
    stage: 'epoch',
    message: `Epoch ${epoch}: loss ${loss}`,
    metrics: { epoch, epochLoss: loss, epochAccuracy: accuracy, epochEventAccuracy: 0.4 },
  };
}

function trainJob(
  id: number,
  state: JobRecord['state'],
  progress: JobProgress | null,
  result: JobRecord['result'] = null,
): JobRecord {
  return job({ id, kind: 'melody-train', state, progress, result, params: { epochs: 2 } });
}

describe('training progress → chart series', () => {
  it('places batches in epochs, keeps epoch summaries, and ignores repeats and other stages', () => {
    let series = EMPTY_SERIES;
    series = addProgress(series, { fraction: 0.02, stage: 'loading', message: 'Read 3 of 10 files' });
    series = addProgress(series, batch(1, 5, 10, 3.2, 0.2));
    series = addProgress(series, batch(1, 5, 10, 3.2, 0.2));
    series = addProgress(series, batch(1, 10, 10, 2.6, 0.35));
    series = addProgress(series, epochEnd(1, 2.8, 0.3));
    series = addProgress(series, batch(2, 5, 10, 2.1, 0.45));
    expect(series.batches.map((b) => [batchX(b, series), b.loss])).toEqual([
      [0.5, 3.2],
      [1, 2.6],
      [1.5, 2.1],
    ]);
    expect(series.epochs).toEqual([{ epoch: 1, loss: 2.8, accuracy: 0.3, eventAccuracy: 0.4 }]);
    expect(series.batchesPerEpoch).toBe(10);
    expect(series.samplesPerSecond).toBe(850.5);
  });

  it('estimates an epoch whose own report was coalesced away, and the model history replaces it', () => {
    let series = addProgress(EMPTY_SERIES, batch(1, 1, 2, 3.0, 0.2));
    series = addProgress(series, batch(1, 2, 2, 2.0, 0.4));
    series = addProgress(series, batch(2, 1, 2, 1.8, 0.5));
    expect(series.epochs).toEqual([
      { epoch: 1, loss: 2.5, accuracy: expect.closeTo(0.3) as number, eventAccuracy: null, estimated: true },
    ]);
    const exact = withHistory(series, [
      { epoch: 0, loss: 2.4, accuracy: 0.31, eventAccuracy: 0.2, seconds: 1, learningRate: 0.003 },
      { epoch: 1, loss: 1.7, accuracy: 0.52, eventAccuracy: 0.4, seconds: 1, learningRate: 0.0027 },
    ]);
    expect(exact.epochs).toEqual([
      { epoch: 1, loss: 2.4, accuracy: 0.31, eventAccuracy: 0.2 },
      { epoch: 2, loss: 1.7, accuracy: 0.52, eventAccuracy: 0.4 },
    ]);
    expect(withHistory(series, [])).toBe(series);
  });

  it('thins old batch points but always keeps the newest', () => {
    let series = EMPTY_SERIES;
    for (let i = 1; i <= BATCH_POINT_LIMIT + 10; i++)
      series = addProgress(series, batch(1, i, 10_000, 3 - i / 1000, 0.3));
    expect(series.batches.length).toBeLessThanOrEqual(BATCH_POINT_LIMIT);
    expect(series.batches[series.batches.length - 1]?.batch).toBe(BATCH_POINT_LIMIT + 10);
  });

  it('draws loss from 0 on a round scale and accuracy in percent, over the planned epochs', () => {
    let series = addProgress(EMPTY_SERIES, batch(1, 5, 10, 3.2, 0.2));
    series = addProgress(series, epochEnd(1, 2.8, 0.3));
    const chart = trainingChart(series, 4);
    expect(chart.empty).toBe(false);
    expect(chart.lossTicks.map((t) => t.label)).toEqual(['0', '2.5', '5']);
    expect(chart.accuracyTicks.map((t) => t.label)).toEqual(['0%', '50%', '100%']);
    expect(chart.epochTicks.map((t) => t.label)).toEqual(['0', '1', '2', '3', '4']);
    expect(chart.lossLine).toMatch(/^M[\d.]+,[\d.]+$/);
    expect(chart.epochLoss).toHaveLength(1);
    // Epoch 1 of 4 sits a quarter of the way along the plot.
    expect(chart.epochLoss[0]?.x).toBeCloseTo(chart.plot.x + chart.plot.w / 4);
    expect(trainingChart(EMPTY_SERIES, 4).empty).toBe(true);
  });
});

describe('TrainingStore', () => {
  it('counts the chosen corpus, and says when it is too small to hold files out', async () => {
    const { bridge, composeModel } = await setup();
    const training = composeModel.training;
    bridge.respond('library.folders', [
      { id: 4, path: '/music/reels', addedAt: '', lastScanAt: null },
      { id: 5, path: '/music/jigs', addedAt: '', lastScanAt: null },
    ]);
    bridge.respond('melody.corpus', ({ corpus }) => ({
      files: corpus.folderIds?.length === 1 ? 8 : 312,
      heldOut: corpus.folderIds?.length === 1 ? 0 : 31,
      bytes: 1,
      missing: 0,
    }));
    await training.loadFolders();
    await training.refreshSummary();
    expect(training.summary).toMatchObject({ files: 312, heldOut: 31 });
    expect(training.problem).toBeNull();
    training.setCorpusMode('folders');
    expect(training.problem).toBe('Choose at least one folder.');
    training.toggleFolder(5);
    await settle();
    expect(bridge.callsTo('melody.corpus').at(-1)).toEqual({ corpus: { folderIds: [5] } });
    expect(training.problem).toMatch(/Only 8 MIDI files: at least 10 are needed/);
    bridge.respond('library.tags', [
      { name: 'Reels', count: 40 },
      { name: 'jigs', count: 12 },
    ]);
    training.setCorpusMode('tags');
    await settle();
    expect(bridge.callsTo('library.tags')).toEqual([{ kind: 'midi' }]);
    expect(training.tagOptions.map((t) => t.name)).toEqual(['Reels', 'jigs']);
    training.setTags('folk, reels ,folk,');
    await settle();
    expect(bridge.callsTo('melody.corpus').at(-1)).toEqual({ corpus: { tags: ['folk', 'reels'] } });
    // The chips toggle a tag in or out, whatever its case in the text.
    training.toggleTag('Reels');
    expect(training.tagsText).toBe('folk');
    training.toggleTag('jigs');
    expect(training.tagsText).toBe('folk, jigs');
  });

  it('starts from the budgets in Settings, once, and keeps what the user changes', async () => {
    const { bridge, composeModel } = await setup();
    const training = composeModel.training;
    const view = settingsView();
    bridge.respond('settings.get', { ...view, settings: { ...view.settings, melodyTraining: { epochs: 7, maxMinutes: 45, size: 'large' } } });
    await training.loadDefaults();
    expect([training.epochs, training.maxMinutes, training.size]).toEqual([7, 45, 'large']);
    training.epochs = 3;
    await training.loadDefaults(); // the tab opened again
    expect(training.epochs).toBe(3);
  });

  it('starts a melody-train job with the chosen size, epochs, budget and name', async () => {
    const { bridge, composeModel } = await setup();
    const training = composeModel.training;
    bridge.respond('melody.train', trainJob(11, 'queued', null));
    training.size = 'small';
    training.epochs = 2;
    training.maxMinutes = 3;
    training.name = ' Reels ';
    await training.start();
    expect(bridge.callsTo('melody.train')).toEqual([
      { corpus: {}, epochs: 2, hiddenSizes: [64], maxMinutes: 3, name: 'Reels' },
    ]);
    expect(training.jobId).toBe(11);
    expect(training.running).toBe(true);
    expect(training.problem).toBe('A model is training.');
  });

  it('follows the job live; when done, the new model is chosen for Generate and its details load', async () => {
    const { bridge, composeModel, jobs, models } = await setup();
    const stopJobs = jobs.subscribe();
    const stopModels = models.subscribe();
    const stop = composeModel.subscribe();
    const training = composeModel.training;
    bridge.respond('melody.train', trainJob(11, 'queued', null));
    bridge.respond('melody.modelDetails', {
      modelId: 9,
      history: [
        { epoch: 0, loss: 3.0, accuracy: 0.22, eventAccuracy: 0.1, seconds: 1, learningRate: 0.003 },
        { epoch: 1, loss: 2.7, accuracy: 0.3, eventAccuracy: 0.2, seconds: 1, learningRate: 0.0027 },
      ],
      ngrams: [{ order: 5, smoothing: 'witten-bell', perplexity: 2.8 }],
      positionNgram: null,
      minPitch: 48,
      maxPitch: 84,
      stepsPerQuarter: 4,
      hiddenSizes: [64],
      hasMemorisationIndex: true,
    });
    await training.start();
    bridge.emit('job.updated', trainJob(11, 'running', batch(1, 3, 6, 3.1, 0.2)));
    bridge.emit('job.updated', trainJob(11, 'running', batch(1, 6, 6, 2.9, 0.25)));
    bridge.emit('job.updated', trainJob(11, 'running', epochEnd(1, 3.0, 0.22)));
    expect(training.series.batches).toHaveLength(2);
    expect(training.series.epochs).toHaveLength(1);
    expect(training.job?.progress?.stage).toBe('epoch');

    bridge.respond('models.list', [melodyModel(9), melodyModel(3), melodyModel(2)]);
    composeModel.models.select(2);
    const result = {
      modelVersionId: 9,
      lstmPerplexity: 2.41,
      ngramPerplexity: 2.8,
      perplexityRatio: 0.86,
      beatsNgram: 1,
      verdict: 'beats the best n-gram',
    };
    bridge.emit('job.updated', trainJob(11, 'done', { fraction: 1, stage: 'done', message: 'done' }, result));
    await settle();
    expect(training.running).toBe(false);
    expect(training.outcome).toMatchObject({ modelVersionId: 9, beatsNgram: true, lstmPerplexity: 2.41 });
    expect(composeModel.models.selected?.id).toBe(9);
    expect(bridge.callsTo('melody.modelDetails')).toEqual([{ modelId: 9 }]);
    expect(composeModel.models.details[9]?.ngrams).toHaveLength(1);
    // The chart's epoch points come from the model's own history once it is saved.
    expect(training.series.epochs.map((e) => [e.epoch, e.loss])).toEqual([
      [1, 3.0],
      [2, 2.7],
    ]);
    training.dismiss();
    expect(training.jobId).toBeNull();
    stop();
    stopJobs();
    stopModels();
  });

  it('follows a training run started elsewhere (the CLI), and cancels it', async () => {
    const { bridge, composeModel, jobs } = await setup();
    const stop = composeModel.subscribe();
    bridge.emit('job.updated', trainJob(21, 'running', batch(1, 1, 4, 3.3, 0.1)));
    expect(composeModel.training.jobId).toBe(21);
    expect(composeModel.training.plannedEpochs).toBe(2);
    jobs.apply(trainJob(21, 'running', batch(1, 1, 4, 3.3, 0.1)));
    bridge.respond('jobs.cancel', trainJob(21, 'cancelled', null));
    await composeModel.training.cancel();
    expect(bridge.callsTo('jobs.cancel')).toEqual([{ id: 21 }]);
    expect(composeModel.training.running).toBe(false);
    stop();
  });

  it('shows why training could not start', async () => {
    const { bridge, composeModel } = await setup();
    bridge.fail('melody.train', 'invalid-input', 'That corpus has no MIDI files.');
    expect(await composeModel.training.start()).toBeNull();
    expect(composeModel.training.startError).toBe('That corpus has no MIDI files.');
    expect(composeModel.training.starting).toBe(false);
  });

  it('reads outcomes of training (1/0) and evaluation (boolean) jobs alike', () => {
    const done = (result: Record<string, unknown>) => job({ id: 1, kind: 'melody-eval', state: 'done', result });
    expect(trainingOutcome(done({ lstmPerplexity: 3, ngramPerplexity: 2.8, beatsNgram: false }))?.beatsNgram).toBe(
      false,
    );
    expect(trainingOutcome(done({ lstmPerplexity: 2, ngramPerplexity: 2.8, beatsNgram: 1 }))?.beatsNgram).toBe(true);
    expect(trainingOutcome(done({ lstmPerplexity: 2, ngramPerplexity: 2.8 }))?.beatsNgram).toBe(true);
    expect(trainingOutcome(job({ id: 2, state: 'failed' }))).toBeNull();
    expect(parseTags(' a, b ,, a')).toEqual(['a', 'b']);
  });
});
