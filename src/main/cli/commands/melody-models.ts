/** `motif melody models`, and the model a melody command uses when none is named. */
import { MotifError } from '../../../shared/errors';
import type { ModelKind, ModelVersion } from '../../../shared/models';
import type { Engine } from '../../engine/engine';
import type { CliContext } from '../context';
import { table } from '../format';
import { fixed, numberAt, ratio } from './melody-format';
import { call } from './melody-job';

const MELODY_MODEL_KIND: ModelKind = 'melody-lstm';

/** The model version `id`, or the newest melody model when `id` is not given. */
export async function resolveMelodyModel(engine: Engine, id: number | undefined): Promise<ModelVersion> {
  const models = await call(engine, 'models.list', { kind: MELODY_MODEL_KIND });
  if (id === undefined) {
    const newest = models[0];
    if (!newest)
      throw new MotifError('not-found', 'There is no melody model yet. Train one with `motif melody train`.');
    return newest;
  }
  const model = models.find((m) => m.id === id);
  if (!model) {
    throw new MotifError(
      'not-found',
      `There is no melody model version ${id}.` +
        (models.length > 0 ? ` Melody models: ${models.map((m) => `#${m.id}`).join(', ')}.` : ''),
    );
  }
  return model;
}

export async function melodyModels(context: CliContext): Promise<void> {
  const engine = context.openEngine();
  try {
    const models = await call(engine, 'models.list', { kind: MELODY_MODEL_KIND });
    context.output(models, () =>
      models.length === 0
        ? 'No melody models yet. Train one with `motif melody train`.'
        : table([
            ['ID', 'NAME', 'CREATED', 'PERPLEXITY', 'VS N-GRAM', 'EPOCHS'],
            ...models.map((m) => [
              String(m.id),
              m.name.slice(0, 40),
              m.createdAt.replace('T', ' ').slice(0, 19),
              fixed(numberAt(m.metrics, 'lstmPerplexity')),
              ratio(numberAt(m.metrics, 'perplexityRatio')),
              String(numberAt(m.metrics, 'epochs') ?? '—'),
            ]),
          ]),
    );
  } finally {
    engine.close();
  }
}
