/** What the ML runtime reports about itself. */
export const TF_BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type TfBackendName = (typeof TF_BACKENDS)[number];

export interface BackendAttempt {
  backend: TfBackendName;
  ok: boolean;
  /** Why it was skipped, or what it is when it was chosen. */
  detail: string;
}

export interface BackendInfo {
  /** The active backend: "tensorflow" is tfjs-node (native libtensorflow). */
  active: TfBackendName;
  tfjsVersion: string;
  /** Every backend tried, in order of preference, with the reason it was used or skipped. */
  attempts: BackendAttempt[];
  /** True when MOTIF_TF_BACKEND forced the choice. */
  forced: boolean;
}
