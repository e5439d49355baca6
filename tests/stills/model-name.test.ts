import { describe, expect, it } from 'vitest';
import { defaultModelName } from '../../src/main/engine/stills/model-summary';

const version = (name: string, datasetId: number) => ({ name, params: { datasetId } });

describe('the default name of a new stills model version', () => {
  it("counts the dataset's versions, says the kind of model and never reuses a name", () => {
    const shots = { id: 1, name: 'Shots' };
    expect(defaultModelName([], shots, true)).toBe('Shots v1 · transfer');
    // Versions of other datasets do not count.
    const others = [version('Night v1 · transfer', 2), version('Night v2 · transfer', 2)];
    expect(defaultModelName(others, shots, false)).toBe('Shots v1 · from scratch');
    const two = [...others, version('Shots v1 · transfer', 1), version('Mine', 1)];
    expect(defaultModelName(two, shots, true)).toBe('Shots v3 · transfer');
    // After a delete the count drops, but an existing name is skipped, not repeated.
    const afterDelete = [...others, version('Shots v2 · transfer', 1)];
    expect(defaultModelName(afterDelete, shots, true)).toBe('Shots v3 · transfer');
  });
});
