/**
 * Wraps a refresh so that requests arriving while one runs collapse into a single follow-up run:
 * a burst of "models changed" events costs at most two calls, and the last one sees every change.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let rerun = false;
  return () => {
    if (inFlight) {
      rerun = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        rerun = false;
        await task();
      } while (rerun);
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
