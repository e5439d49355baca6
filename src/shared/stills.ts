/** Stills lab vocabulary shared by the engine, the API and the studio. */

export interface StillsClassCount {
  label: string;
  count: number;
}

export interface StillsDataset {
  id: number;
  name: string;
  /** The folder of class subfolders it was imported from. */
  root: string;
  createdAt: string;
  items: number;
  /** Per class, by label. */
  classes: StillsClassCount[];
  /** Distinct group keys (e.g. films), 0 when the file names have no consistent prefix. */
  groups: number;
}

export type StillsSkipProblem = 'empty' | 'corrupt' | 'unsupported' | 'unreadable' | 'outside-class-folder';

export interface StillsImportReport {
  datasetId: number;
  name: string;
  root: string;
  /** Image files looked at (in class folders). */
  seen: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** Items dropped from the dataset because their file is no longer in the folder. */
  removed: number;
  skipped: Array<{ path: string; problem: StillsSkipProblem; reason: string }>;
  /** Files with identical bytes; `crossLabel` when they sit under different labels. */
  duplicates: Array<{ contentHash: string; files: Array<{ path: string; label: string }>; crossLabel: boolean }>;
  /** How group keys were found: 'prefix' (e.g. filmA_0001.jpg → filmA) or null when there is no consistent pattern. */
  groupPattern: 'prefix' | null;
  classes: StillsClassCount[];
}
