import { describe, expect, it } from 'vitest';
import { runSmokeTest } from '../src/main/engine/smoke-test';

describe('the packaged app smoke test (--self-test)', () => {
  it('runs one tensor op and one catalogue query in a throwaway data dir', async () => {
    const result = await runSmokeTest();
    expect(result).toMatchObject({ ok: true, tensorSum: 30, catalogueIntegrity: ['ok'], profiles: 1, error: null });
    expect(['tensorflow', 'wasm', 'cpu']).toContain(result.backend);
  });
});
