/**
 * Why a suggestion is on the list, as one short line: "Because you rated *X* 5★", "You rate
 * *ambient* highly", "Popular: 4.3★ from 12 ratings", "New in your library". Emphasised parts
 * (titles, tags) are separate segments so the card can set them in italics.
 */
import type { Recommendation, RecsSource } from '../../../shared/recs';

export interface Segment {
  text: string;
  em?: boolean;
}

/** "5★", "4.5★", "4.3★" (at most one decimal; whole numbers without one). */
export function starText(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}★`;
}

/** "a", "a and b", "a, b and c" as segments, each item emphasised. */
function listOf(parts: readonly Segment[][]): Segment[] {
  const out: Segment[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push({ text: i === parts.length - 1 ? ' and ' : ', ' });
    out.push(...part);
  });
  return out;
}

function because(rec: Recommendation): Segment[] | null {
  const rated = rec.reason.because.slice(0, 2);
  if (rated.length === 0) return null;
  return [
    { text: 'Because you rated ' },
    ...listOf(rated.map((r) => [{ text: r.title, em: true }, { text: ` ${starText(r.rating)}` }])),
  ];
}

function soundsLike(rec: Recommendation): Segment[] | null {
  const near = (rec.reason.soundsLike ?? []).slice(0, 2);
  if (near.length === 0) return null;
  return [
    { text: 'Sounds like ' },
    ...listOf(near.map((r) => [{ text: r.title, em: true }, { text: ` (${starText(r.rating)})` }])),
  ];
}

function tags(rec: Recommendation): Segment[] | null {
  const list = rec.reason.tags.slice(0, 2);
  if (list.length === 0) return null;
  return [{ text: 'You rate ' }, ...listOf(list.map((tag) => [{ text: tag, em: true }])), { text: ' highly' }];
}

function popular(rec: Recommendation): Segment[] | null {
  const pop = rec.reason.popularity;
  if (!pop || pop.count <= 0) return null;
  const count = `${pop.count} ${pop.count === 1 ? 'rating' : 'ratings'}`;
  // Rated, but not highly: "popular" would oversell it.
  if (pop.mean < POPULAR_FROM) return [{ text: `Others rate it ${starText(pop.mean)} (${count})` }];
  return [{ text: `Popular: ${starText(pop.mean)} from ${count}` }];
}

/** The mean rating from which an item rated by the other profiles is called popular. */
export const POPULAR_FROM = 3.5;

const NEW: Segment[] = [{ text: 'New in your library' }];

/** The line for a suggestion: its source's reason first, then whatever else the engine gave. */
export function explain(rec: Recommendation): Segment[] {
  const order: Record<RecsSource, Array<(r: Recommendation) => Segment[] | null>> = {
    ratings: [because, tags, popular],
    sound: [soundsLike, tags, popular],
    tags: [tags, because, popular],
    popular: [popular, tags, because],
    new: [],
  };
  for (const reason of order[rec.source]) {
    const line = reason(rec);
    if (line) return line;
  }
  return rec.source === 'ratings' ? [{ text: 'Close to what you rate highly' }] : NEW;
}

export function explanationText(rec: Recommendation): string {
  return explain(rec)
    .map((s) => s.text)
    .join('');
}

/** The source badge: a short label and what it means. */
const SOURCE_BADGES: Record<RecsSource, { label: string; title: string }> = {
  ratings: { label: 'For you', title: 'Learned from your ratings and everyone else’s (matrix factorisation)' },
  sound: { label: 'Sounds like', title: 'Its melody is close to tunes you rated highly' },
  tags: { label: 'Your tags', title: 'Carries tags you rate highly' },
  popular: { label: 'Popular', title: 'Rated highly by the other profiles' },
  new: { label: 'New', title: 'Nobody has rated it yet' },
};

export function sourceBadge(rec: Recommendation): { label: string; title: string } {
  const pop = rec.reason.popularity;
  if (rec.source === 'popular' && pop && pop.mean < POPULAR_FROM) {
    return { label: 'Rated', title: 'The other profiles have rated it, though not highly' };
  }
  return SOURCE_BADGES[rec.source];
}
