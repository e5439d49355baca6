import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '../src/shared/api';
import { createClient } from '../src/shared/client';
import { MotifError } from '../src/shared/errors';
import type { Engine } from '../src/main/engine/engine';
import { testEngine } from './helpers/engine';

const engines: Engine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
});
function engine(): Engine {
  const e = testEngine();
  engines.push(e);
  return e;
}

describe('API dispatch (in-process transport)', () => {
  it('rejects wrong shapes with a typed invalid-input error before any service runs', async () => {
    const e = engine();
    const cases: Array<[string, unknown]> = [
      ['jobs.start', { kind: 'self-test', params: { steps: -3 } }],
      ['jobs.start', { kind: 'format-disk' }],
      ['jobs.start', 'self-test'],
      ['jobs.start', { kind: 'self-test', params: { steps: 100, extra: true } }],
      ['jobs.cancel', { id: 'abc' }],
      ['jobs.get', { id: 1.5 }],
      ['jobs.list', { limit: 0 }],
      ['models.delete', {}],
      ['profiles.create', { name: '   ' }],
      ['catalogue.search', { query: 42 }],
      ['catalogue.search', { query: 'x'.repeat(501) }],
      ['system.info', { surprise: 1 }],
      ['system.info', null],
      ['no.such.method', {}],
      [42 as unknown as string, {}],
    ];
    for (const [method, input] of cases) {
      const result = await e.dispatch(method, input);
      expect(result.ok, `${String(method)} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('invalid-input');
        expect(result.error.message.length).toBeGreaterThan(5);
      }
    }
    expect(e.catalogue.jobs.count()).toBe(0);
    expect(e.catalogue.profiles.list()).toHaveLength(1);
  });

  it('answers every method with a Result, and maps service errors to their kind', async () => {
    const e = engine();
    expect(API_METHODS.length).toBeGreaterThanOrEqual(12);
    const notFound = await e.dispatch('jobs.get', { id: 999 });
    expect(notFound).toEqual({ ok: false, error: { kind: 'not-found', message: 'There is no job 999.' } });
    const conflict = await e.dispatch('profiles.create', { name: 'me' });
    expect(conflict.ok === false && conflict.error.kind).toBe('conflict');
    const info = await e.dispatch('system.info', {});
    expect(info.ok && (info.value as { host: string }).host).toBe('test');
  });

  it('the typed client throws MotifError with the kind, and delivers events', async () => {
    const e = engine();
    const client = createClient(e.bridge());
    const profiles: string[] = [];
    const off = client.on('catalogue.changed', (change) => profiles.push(change.table));
    const created = await client.call('profiles.create', { name: '  Studio B ' });
    expect(created.name).toBe('Studio B');
    expect(profiles).toEqual(['profiles']);
    off();
    await client.call('profiles.create', { name: 'Studio C' });
    expect(profiles).toEqual(['profiles']);
    const error = await client.call('models.delete', { id: 7 }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MotifError);
    expect((error as MotifError).kind).toBe('not-found');
    const doctor = await client.call('system.doctor', {});
    expect(doctor.catalogue.integrity).toEqual(['ok']);
    expect(doctor.stats.profiles).toBe(3);
  });
});
