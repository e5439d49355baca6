/** Catalogue records as they cross the API. */
export const MEDIA_KINDS = ['audio', 'midi', 'image', 'film'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export interface MediaItem {
  id: number;
  kind: MediaKind;
  /** Absolute path on disk; null for items that have no file (e.g. a film known from ratings). */
  path: string | null;
  contentHash: string | null;
  size: number | null;
  mtimeMs: number | null;
  title: string;
  metadata: Record<string, unknown>;
  tags: string[];
  addedAt: string;
}

export interface Profile {
  id: number;
  name: string;
  createdAt: string;
}

export interface CatalogueStats {
  items: number;
  itemsByKind: Partial<Record<MediaKind, number>>;
  profiles: number;
  ratings: number;
  tags: number;
  modelVersions: number;
  jobs: number;
}

export interface CatalogueHealth {
  path: string;
  schemaVersion: number;
  /** "ok", or the problems SQLite's integrity_check found. */
  integrity: string[];
  journalMode: string;
  sizeBytes: number;
}
