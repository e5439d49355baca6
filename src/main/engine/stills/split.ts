/**
 * The validation split for stills training: stratified by class and grouped (a film's stills all
 * land on one side, so the model is judged on films it never saw). Deterministic by seed.
 */
import { mulberry32 } from '../ml/random';

export interface SplitInput {
  label: string;
  /** Stills sharing a key (e.g. a film) stay together; null: the still is its own group. */
  group: string | null;
}

export interface StillsSplit {
  /** Indices into the input, ascending. */
  train: number[];
  validation: number[];
  /** 'group' when group keys kept stills together, 'item' when every still was its own group. */
  splitBy: 'group' | 'item';
}

interface Group {
  members: number[];
  /** Stills per class index. */
  counts: Map<number, number>;
}

const RESTARTS = 24;

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Holds out about `fraction` of every class, moving whole groups. Every class with at least two
 * stills gets at least one validation still and keeps at least one training still when its
 * groups allow it. Of several seeded greedy passes, the one closest to the targets wins.
 */
export function splitStills(items: readonly SplitInput[], fraction: number, seed: number): StillsSplit {
  const labels = [...new Set(items.map((i) => i.label))].sort();
  const classOf = new Map(labels.map((l, i) => [l, i]));
  const totals = labels.map((l) => items.filter((i) => i.label === l).length);
  const targets = totals.map((n) => (n >= 2 ? Math.min(n - 1, Math.max(1, Math.round(fraction * n))) : 0));
  const byKey = new Map<string, Group>();
  items.forEach((item, index) => {
    const key = item.group !== null ? `g:${item.group}` : `i:${index}`;
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { members: [], counts: new Map() }));
    group.members.push(index);
    const c = classOf.get(item.label) as number;
    group.counts.set(c, (group.counts.get(c) ?? 0) + 1);
  });
  const groups = [...byKey.values()];
  const weight = targets.map((t) => 1 / Math.max(1, t));
  const cost = (held: number[]): number =>
    held.reduce((s, v, c) => s + Math.abs(v - (targets[c] ?? 0)) * (weight[c] ?? 1), 0);
  const fits = (held: number[], g: Group): boolean =>
    [...g.counts].every(([c, n]) => (totals[c] ?? 0) < 2 || (held[c] as number) + n < (totals[c] ?? 0));
  const delta = (held: number[], g: Group): number =>
    [...g.counts].reduce((s, [c, n]) => {
      const t = targets[c] ?? 0;
      const v = held[c] as number;
      return s + (Math.abs(v + n - t) - Math.abs(v - t)) * (weight[c] ?? 1);
    }, 0);

  const random = mulberry32(seed ^ 0x5eed);
  let best: { chosen: Set<Group>; cost: number } | null = null;
  for (let attempt = 0; attempt < RESTARTS; attempt++) {
    const order = shuffle([...groups], random);
    const held = labels.map(() => 0);
    const chosen = new Set<Group>();
    const take = (g: Group): void => {
      chosen.add(g);
      for (const [c, n] of g.counts) held[c] = (held[c] as number) + n;
    };
    for (const g of order) if (fits(held, g) && delta(held, g) < 0) take(g);
    // Classes still without a validation still: the smallest group that has some and fits.
    targets.forEach((t, c) => {
      if (t === 0 || (held[c] as number) > 0) return;
      const candidate = order
        .filter((g) => !chosen.has(g) && g.counts.has(c) && fits(held, g))
        .sort((a, b) => a.members.length - b.members.length)[0];
      if (candidate) take(candidate);
    });
    const score = cost(held);
    if (!best || score < best.cost) best = { chosen, cost: score };
    if (score === 0) break;
  }
  const validation = new Set<number>();
  for (const g of best?.chosen ?? []) for (const m of g.members) validation.add(m);
  const train: number[] = [];
  const held: number[] = [];
  items.forEach((_, i) => (validation.has(i) ? held : train).push(i));
  return {
    train,
    validation: held,
    splitBy: groups.some((g) => g.members.length > 1) ? 'group' : 'item',
  };
}
