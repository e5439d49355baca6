import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import { TFJS_NODE_HOW_TO } from '../../../shared/settings';
import type { Engine } from '../engine';
import type { Handlers } from './handler-types';
import { libraryHandlers } from './library-handlers';
import { melodyHandlers } from './melody-handlers';
import { recsHandlers } from './recs-handlers';
import { stillsHandlers } from './stills-handlers';

export type { Handlers } from './handler-types';

/** Every API method's implementation. The compiler insists that each method has one. */
export function createHandlers(engine: Engine): Handlers {
  const { catalogue, jobs, events } = engine;
  return {
    'system.info': () => engine.info(),
    'system.doctor': () => ({ info: engine.info(), catalogue: catalogue.health(), stats: catalogue.stats() }),
    'settings.get': () => ({
      settings: engine.settings.get(),
      dataDir: engine.paths.dataDir,
      dataDirSource: engine.dataDirSource(),
      backbone: engine.settings.backbone(),
      tfjsNodeHowTo: TFJS_NODE_HOW_TO,
      problem: engine.settings.problem,
    }),
    'settings.update': (update) => {
      const settings = engine.settings.update(update);
      events.emit('settings.changed', settings);
      return settings;
    },

    'jobs.list': (input) => catalogue.jobs.list(input),
    'jobs.get': ({ id }) => jobs.get(id),
    'jobs.start': (input) => jobs.start(input.kind, input.params),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'jobs.clearFinished': () => ({ removed: catalogue.jobs.clearFinished() }),

    'models.list': ({ kind }) => catalogue.models.list(kind),
    'models.delete': ({ id }) => {
      const model = catalogue.models.get(id);
      if (!model) throw new MotifError('not-found', `There is no model version ${id}.`);
      catalogue.models.delete(id);
      // The files live under the data directory's models/ folder; never follow a path elsewhere.
      const folder = path.resolve(engine.paths.dataDir, model.path);
      if (path.dirname(folder) === path.resolve(engine.paths.models)) fs.rmSync(folder, { recursive: true, force: true });
      events.emit('catalogue.changed', { table: 'models' });
      return { id };
    },

    'profiles.list': () => catalogue.profiles.list(),
    'profiles.create': ({ name }) => {
      const profile = catalogue.profiles.create(name);
      events.emit('catalogue.changed', { table: 'profiles' });
      return profile;
    },

    'catalogue.stats': () => catalogue.stats(),
    'catalogue.search': ({ query, kind, limit }) => catalogue.media.search(query, { kind, limit }),
    ...libraryHandlers(engine),
    ...melodyHandlers(engine),
    ...recsHandlers(engine),
    ...stillsHandlers(engine),
  };
}
