import { describe, expect, it } from 'vitest';
import { recogniseClassOrder, shotScaleIndex, validateClassOrder } from '../../src/main/engine/stills/class-order';

describe('class order recognition', () => {
  it('orders shot scales in their common spellings, closest first', () => {
    expect(recogniseClassOrder(['long', 'close-up', 'extreme long', 'medium', 'extreme close-up'])).toEqual([
      'extreme close-up',
      'close-up',
      'medium',
      'long',
      'extreme long',
    ]);
    expect(recogniseClassOrder(['LS', 'ECU', 'MS', 'CU', 'ELS'])).toEqual(['ECU', 'CU', 'MS', 'LS', 'ELS']);
    expect(recogniseClassOrder(['wide', 'extreme_close_up', 'mid', 'Extreme Wide'])).toEqual([
      'extreme_close_up',
      'mid',
      'wide',
      'Extreme Wide',
    ]);
    expect(recogniseClassOrder(['medium shot', 'extreme closeup', 'long shot'])).toEqual([
      'extreme closeup',
      'medium shot',
      'long shot',
    ]);
    expect(shotScaleIndex('1_ecu')).toBe(0);
    expect(shotScaleIndex('extreme long')).toBe(4);
    expect(shotScaleIndex('cat')).toBeNull();
  });

  it('orders numbered labels by their number, and leaves anything else unordered', () => {
    expect(recogniseClassOrder(['10_far', '2_near', '1_touching'])).toEqual(['1_touching', '2_near', '10_far']);
    expect(recogniseClassOrder(['cat', 'dog'])).toBeNull();
    // Two labels naming the same scale are not an order.
    expect(recogniseClassOrder(['CU', 'close-up'])).toBeNull();
    expect(recogniseClassOrder(['CU', 'cat'])).toBeNull();
    expect(recogniseClassOrder(['1_a', '1_b'])).toBeNull();
    expect(recogniseClassOrder(['CU'])).toBeNull();
  });

  it("accepts a person's order only when it names every class once", () => {
    expect(validateClassOrder(['b', 'a'], ['a', 'b'])).toEqual(['b', 'a']);
    expect(() => validateClassOrder(['a'], ['a', 'b'])).toThrow(/leaves out "b"/);
    expect(() => validateClassOrder(['a', 'a', 'b'], ['a', 'b'])).toThrow(/twice/);
    expect(() => validateClassOrder(['a', 'c'], ['a', 'b'])).toThrow(/not a class/);
  });
});
