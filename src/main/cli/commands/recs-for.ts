/**
 * `motif recs for PROFILE [-n 10] [--kind K…]` and `motif recs train`: Discover on the command
 * line, over the same API and worker as the studio.
 */
import { MotifError } from '../../../shared/errors';
import type { Profile } from '../../../shared/catalogue';
import type { MediaKind } from '../../../shared/catalogue';
import type { Recommendation, Recommendations, RecsAlgorithm } from '../../../shared/recs';
import type { CliContext } from '../context';
import { call, followJob } from './melody-job';

/** A profile by id or by name (case-insensitive). */
export function findProfile(profiles: readonly Profile[], given: string): Profile {
  const byId = /^\d+$/.test(given) ? profiles.find((p) => p.id === Number(given)) : undefined;
  const found = byId ?? profiles.find((p) => p.name.toLowerCase() === given.trim().toLowerCase());
  if (!found) {
    const names = profiles.slice(0, 10).map((p) => `${p.id} ${p.name}`).join(', ');
    throw new MotifError('not-found', `There is no profile "${given}". Profiles: ${names}${profiles.length > 10 ? ', …' : ''}.`);
  }
  return found;
}

const stars = (x: number): string => `${x.toFixed(1)}★`;

/** The one-line "why" of a suggestion. */
export function reasonLine(r: Recommendation): string {
  switch (r.source) {
    case 'ratings': {
      const b = r.reason.because[0];
      return b ? `because you rated "${b.title}" ${stars(b.rating)}` : 'from your ratings';
    }
    case 'sound': {
      const s = r.reason.soundsLike?.[0];
      return s ? `sounds like "${s.title}", which you rated ${stars(s.rating)}` : 'sounds like tunes you rate highly';
    }
    case 'tags':
      return `you rate ${r.reason.tags.map((t) => `"${t}"`).join(', ')} highly`;
    case 'popular':
      return r.reason.popularity ? `popular: ${stars(r.reason.popularity.mean)} from ${r.reason.popularity.count} ratings` : 'popular';
    case 'new':
      return 'new in your library';
  }
}

export function formatRecommendations(profile: Profile, recs: Recommendations): string {
  const head = recs.modelId
    ? `Suggestions for ${profile.name} (model #${recs.modelId}, ${recs.profileRatings} of their ratings folded in${recs.ratingsSinceTraining > 0 ? `, ${recs.ratingsSinceTraining} ratings since training` : ''}):`
    : `Suggestions for ${profile.name} (no recommender trained yet: tags and popularity; run \`motif recs train\`):`;
  if (recs.items.length === 0) return `${head}\n  nothing to suggest: the library has nothing ${profile.name} has not rated or dismissed.`;
  const width = Math.min(48, Math.max(...recs.items.map((r) => r.item.title.length)));
  const lines = recs.items.map((r, k) => {
    const title = r.item.title.length > width ? `${r.item.title.slice(0, width - 1)}…` : r.item.title.padEnd(width);
    return `${String(k + 1).padStart(3)}. ${title}  ${r.item.kind.padEnd(5)}  ${stars(r.predicted)}  ${reasonLine(r)}`;
  });
  return [head, ...lines].join('\n');
}

export async function recsFor(context: CliContext, profile: string, options: { n: number; kind?: MediaKind[] }): Promise<void> {
  const engine = context.openEngine();
  try {
    const found = findProfile(await call(engine, 'profiles.list', {}), profile);
    const recs = await call(engine, 'recs.for', {
      profileId: found.id,
      limit: options.n,
      ...(options.kind && options.kind.length > 0 ? { kinds: options.kind } : {}),
    });
    context.output(recs, () => formatRecommendations(found, recs));
  } finally {
    engine.close();
  }
}

export async function recsTrain(context: CliContext, options: { algo: RecsAlgorithm; folds: number; seed: number }): Promise<void> {
  const engine = context.openEngine();
  try {
    const job = await call(engine, 'recs.train', { algorithm: options.algo, folds: options.folds, seed: options.seed });
    if (!context.json) context.log(`Recommender training job #${job.id} in the worker (Ctrl+C cancels)…`);
    const finished = await followJob(context, engine, job, { what: 'the training' });
    const r = finished.result ?? {};
    context.output({ job: finished }, () => {
      if (finished.state !== 'done') return `Training ${finished.state}${finished.error ? `: ${finished.error}` : ''}`;
      const num = (key: string): number | null => (typeof r[key] === 'number' ? (r[key] as number) : null);
      const rmse = num('rmse');
      const svd = num('svdRmse');
      return [
        `Model version #${num('modelVersionId') ?? '?'}: ${options.algo} on ${num('ratings')} ratings from ${num('profiles')} profiles (${num('items')} items), fitted in ${num('fitSeconds')} s`,
        rmse !== null ? `Cross-validated (${num('folds')} folds): RMSE ${rmse.toFixed(4)}, MAE ${num('mae')?.toFixed(4)}` : 'No cross-validation (--folds 0).',
        svd !== null && rmse !== null ? `Surprise SVD on the same folds: RMSE ${svd.toFixed(4)} (${((1 - rmse / svd) * 100).toFixed(1)}% lower with ${options.algo})` : '',
      ]
        .filter((line) => line.length > 0)
        .join('\n');
    });
  } finally {
    engine.close();
  }
}
