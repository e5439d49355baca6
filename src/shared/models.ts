/** A trained model, as the catalogue keeps it. */
export const MODEL_KINDS = ['self-test', 'melody-lstm', 'recs-mf', 'stills-classifier'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export interface ModelVersion {
  id: number;
  kind: ModelKind;
  name: string;
  createdAt: string;
  params: Record<string, unknown>;
  dataHash: string;
  metrics: Record<string, number>;
  /** Folder holding model.json and weights, relative to the data directory. */
  path: string;
  jobId: number | null;
}
