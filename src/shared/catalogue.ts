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
  artist: string | null;
  album: string | null;
  durationS: number | null;
  metadata: Record<string, unknown>;
  tags: string[];
  /**
   * Tags a stills classifier gave (not a person): the tag, the model version and its confidence.
   * Present on `media.get` and listings; empty when no model has tagged the item.
   */
  predictedTags?: Array<{ tag: string; modelId: number; confidence: number }>;
  addedAt: string;
  /** The file was not found at the last scan; the item and its ratings are kept. */
  missing: boolean;
  /** The requested profile's rating (present when a listing asked for a profile). */
  rating?: number | null;
}

export interface LibraryFolder {
  id: number;
  path: string;
  addedAt: string;
  lastScanAt: string | null;
}

/** What one import or rescan did, file by file (skips with reasons, capped in length). */
export interface ImportReport {
  folders: string[];
  seen: number;
  imported: number;
  updated: number;
  unchanged: number;
  relinked: number;
  missing: number;
  skipped: Array<{ path: string; reason: string }>;
  skippedCount: number;
}

/** Waveform peaks for wavesurfer: per channel, min/max pairs per bucket in [-1, 1]. */
export interface Waveform {
  itemId: number;
  durationS: number;
  sampleRate: number;
  /** peaks[channel] = [min0, max0, min1, max1, ...]. */
  peaks: number[][];
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
