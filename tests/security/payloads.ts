import { API_METHODS, apiContract, type ApiMethod } from '../../src/shared/api';
import { mulberry32 } from '../../src/main/engine/ml/random';

export type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const NASTY_STRINGS = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  '%2e%2e%2f',
  '\u0000',
  '\uFFFF\uD800',
  '<script>alert(1)</script>',
  "'; DROP TABLE media_items; --",
  '"kesh" NEAR(',
  'x'.repeat(10_000),
  '__proto__',
  'constructor',
  'self-test',
  '1e309',
  'NaN',
];

const NASTY_NUMBERS = [0, -1, 1.5, -0, 2 ** 53, -(2 ** 53), 1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, 99_999_999];

/** A random JSON-ish value, nested up to `depth`. */
export function randomValue(random: Random, depth = 3): unknown {
  const roll = random();
  if (depth <= 0 || roll < 0.35) {
    return pick(random, [
      null,
      undefined,
      true,
      false,
      pick(random, NASTY_NUMBERS),
      pick(random, NASTY_STRINGS),
      Math.floor(random() * 1000) - 500,
      random().toString(36).slice(2),
    ]);
  }
  if (roll < 0.6) return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth - 1));
  const object: Record<string, unknown> = {};
  const keys = ['id', 'kind', 'params', 'steps', 'seed', 'name', 'query', 'limit', 'paths', 'value', 'profileId', 'itemIds', 'state', 'ids', 'add', 'offset', 'folderId', '__proto__', 'constructor', 'prototype', 'x'];
  for (let i = Math.floor(random() * 5); i > 0; i--) object[pick(random, keys)] = randomValue(random, depth - 1);
  if (random() < 0.1) return JSON.parse(`{"__proto__": {"polluted": ${JSON.stringify(pick(random, NASTY_STRINGS))}}}`);
  return object;
}

/**
 * One payload that the contract's schema rejects: random values, or a valid-looking shape with
 * one wrong field. Payloads that happen to be valid are re-rolled, so every answer must be an error.
 */
export function invalidPayload(random: Random, method: ApiMethod): unknown {
  for (;;) {
    const candidate = random() < 0.5 ? randomValue(random) : { ...((randomValue(random, 1) as object | null) ?? {}), [pick(random, ['id', 'kind', 'x', 'params'])]: randomValue(random, 2) };
    // Re-roll what the schema accepts, as sent in process or as JSON (which drops undefined).
    const json = JSON.stringify(candidate);
    const overTheWire: unknown = json === undefined ? {} : JSON.parse(json);
    const schema = apiContract[method].input;
    if (!schema.safeParse(candidate === undefined ? {} : candidate).success && !schema.safeParse(overTheWire).success) return candidate;
  }
}

export function randomMethodName(random: Random): string {
  if (random() < 0.85) return pick(random, API_METHODS);
  return pick(random, ['', 'jobs', 'jobs.start.now', '__proto__', 'constructor', 'toString', '../system.info', 'system.info\u0000', 'SYSTEM.INFO', 'x'.repeat(300)]);
}

export function seeded(seed: number): Random {
  return mulberry32(seed);
}
