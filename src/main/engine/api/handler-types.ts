import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../../shared/api';
import type { MediaItem } from '../../../shared/catalogue';
import { MotifError } from '../../../shared/errors';
import type { Engine } from '../engine';

export type Handlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>>;
};

/** The handlers of the methods whose names start with one of `prefixes`. */
export type HandlersFor<P extends string> = Pick<Handlers, Extract<ApiMethod, `${P}.${string}`>>;

export function requireItem(engine: Engine, id: number): MediaItem {
  const item = engine.catalogue.media.get(id);
  if (!item) throw new MotifError('not-found', `There is no catalogue item ${id}.`);
  return item;
}

export function requireProfile(engine: Engine, id: number): void {
  if (!engine.catalogue.profiles.list().some((p) => p.id === id)) throw new MotifError('not-found', `There is no profile ${id}.`);
}
