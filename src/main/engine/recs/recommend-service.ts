/**
 * The worker's `recs.recommend` request: reads the profile's ratings, dismissals, tags and
 * popularity from the catalogue (its own read connection), folds the profile into the cached
 * model and ranks with `hybridRecommend`. New ratings count at the next request, without a retrain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MotifError } from '../../../shared/errors';
import { Catalogue } from '../catalogue/catalogue';
import { CATALOGUE_FILE } from '../paths';
import type { RequestContext } from '../worker/context';
import { itemSimilarity, type ItemSimilarity } from './explain';
import { hybridRecommend, type HybridItem, type HybridSuggestion } from './hybrid';
import type { MFModel } from './mf-model';
import { loadModel } from './persist';

export const recommendRequestSchema = z.strictObject({
  profileId: z.number().int().positive(),
  limit: z.number().int().min(1).max(200),
  kinds: z.array(z.enum(['audio', 'midi', 'image', 'film'])).max(4).nullable(),
  /** Model folder relative to the data directory, or null when no recommender is trained. */
  modelPath: z
    .string()
    .min(1)
    .max(1000)
    .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'a model folder inside the data directory')
    .nullable(),
});
export type RecommendRequest = z.input<typeof recommendRequestSchema>;

export interface RecommendResult {
  suggestions: HybridSuggestion[];
  profileRatings: number;
  ms: number;
}

interface LoadedModel {
  model: MFModel;
  similarity: ItemSimilarity;
  index: Map<number, number>;
  stamp: number;
}

interface ItemRow {
  id: number;
  kind: string;
  tags: string | null;
  features: string | null;
}

function parseFeatures(json: string | null): number[] | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) && value.every((v) => typeof v === 'number') ? value : null;
  } catch {
    return null;
  }
}

export class RecommendService {
  private loaded: { dir: string; value: LoadedModel } | null = null;
  private catalogue: { file: string; value: Catalogue } | null = null;

  private model(dir: string): LoadedModel {
    let stamp: number;
    try {
      stamp = fs.statSync(path.join(dir, 'model.json')).mtimeMs;
    } catch {
      throw new MotifError('not-found', `The recommender's files are gone (${dir}); train it again.`);
    }
    if (this.loaded && this.loaded.dir === dir && this.loaded.value.stamp === stamp) return this.loaded.value;
    const { model } = loadModel(dir);
    const index = new Map<number, number>();
    model.itemIds.forEach((id, i) => index.set(Number(id), i));
    const value = { model, similarity: itemSimilarity(model), index, stamp };
    this.loaded = { dir, value };
    return value;
  }

  private db(dataDir: string): Catalogue {
    const file = path.join(dataDir, CATALOGUE_FILE);
    if (this.catalogue?.file !== file) {
      this.catalogue?.value.close();
      this.catalogue = { file, value: Catalogue.open(file) };
    }
    return this.catalogue.value;
  }

  recommend(raw: unknown, context: RequestContext): RecommendResult {
    const parsed = recommendRequestSchema.safeParse(raw);
    if (!parsed.success) throw new MotifError('invalid-input', `recs.recommend: ${z.prettifyError(parsed.error)}`);
    const request = parsed.data;
    const started = performance.now();
    const loaded = request.modelPath ? this.model(path.join(context.dataDir, request.modelPath)) : null;
    const db = this.db(context.dataDir).db;

    const items = db
      .prepare(
        `SELECT m.id AS id, m.kind AS kind,
                (SELECT group_concat(t.name, char(31)) FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = m.id) AS tags,
                CASE WHEN m.kind = 'midi' THEN json_extract(m.metadata, '$.melodyFeatures') END AS features
         FROM media_items m WHERE m.missing = 0`,
      )
      .all() as ItemRow[];
    const byId = new Map<number, HybridItem>();
    for (const row of items)
      byId.set(row.id, { id: row.id, kind: row.kind, tags: row.tags ? row.tags.split('\u001f') : [], features: parseFeatures(row.features) });

    const ratings = db.prepare('SELECT item_id AS itemId, value FROM ratings WHERE profile_id = ?').all(request.profileId) as Array<{
      itemId: number;
      value: number;
    }>;
    const dismissed = new Set(
      (db.prepare('SELECT item_id AS itemId FROM dismissed_items WHERE profile_id = ?').all(request.profileId) as Array<{ itemId: number }>).map(
        (r) => r.itemId,
      ),
    );
    const popularity = new Map<number, { sum: number; count: number }>();
    let total = 0;
    let count = 0;
    for (const row of db.prepare('SELECT item_id AS itemId, sum(value) AS sum, count(*) AS n FROM ratings GROUP BY item_id').all() as Array<{
      itemId: number;
      sum: number;
      n: number;
    }>) {
      popularity.set(row.itemId, { sum: row.sum, count: row.n });
      total += row.sum;
      count += row.n;
    }

    const ratedIds = new Set(ratings.map((r) => r.itemId));
    const kinds = request.kinds ? new Set<string>(request.kinds) : null;
    const rated = ratings.flatMap((r) => {
      const item = byId.get(r.itemId);
      return item ? [{ item, value: r.value }] : [];
    });
    const candidates = [...byId.values()].filter((item) => !ratedIds.has(item.id) && !dismissed.has(item.id) && (!kinds || kinds.has(item.kind)));
    const suggestions = hybridRecommend({
      model: loaded?.model ?? null,
      similarity: loaded?.similarity ?? null,
      modelIndex: loaded?.index ?? new Map(),
      rated,
      candidates,
      popularity,
      globalMean: count > 0 ? total / count : 3,
      limit: request.limit,
      mixKinds: !kinds || kinds.size > 1,
    });
    return { suggestions, profileRatings: ratings.length, ms: Math.round((performance.now() - started) * 10) / 10 };
  }

  close(): void {
    this.catalogue?.value.close();
    this.catalogue = null;
    this.loaded = null;
  }
}
