import { describe, expect, it } from 'vitest';
import { Box } from './box.js';
import { Dict } from './dict.js';
import { Discrete } from './discrete.js';
import { spaceFromJSON } from './from-json.js';

describe('Dict', () => {
  const make = (): Dict<{ pos: Box<'float32'>; mode: Discrete }> =>
    new Dict({ pos: new Box(-1, 1, [2]), mode: new Discrete(3) });

  it('sorts keys as gymnasium and samples elements it contains', () => {
    const d = make();
    expect(d.keys).toEqual(['mode', 'pos']);
    d.seed(5);
    const x = d.sample();
    expect(d.contains(x)).toBe(true);
    expect(x.pos).toBeInstanceOf(Float32Array);
    expect(d.get('mode').n).toBe(3);
  });

  it('seeding the Dict seeds every sub-space reproducibly', () => {
    const a = make();
    const b = make();
    a.seed(9);
    b.seed(9);
    expect(a.sample()).toEqual(b.sample());
  });

  it('contains needs exactly the keys, each value in its space', () => {
    const d = make();
    expect(d.contains({ pos: [0, 0], mode: 1 })).toBe(true);
    expect(d.contains({ pos: [0, 0] })).toBe(false);
    expect(d.contains({ pos: [0, 0], mode: 1, extra: 1 })).toBe(false);
    expect(d.contains({ pos: [0, 2], mode: 1 })).toBe(false);
    expect(d.contains([1])).toBe(false);
  });

  it('round-trips through JSON and names the bad nested field', () => {
    const d = make();
    const json = JSON.parse(JSON.stringify(d));
    expect(json.type).toBe('Dict');
    expect(spaceFromJSON(json).equals(d)).toBe(true);
    expect(() =>
      spaceFromJSON(
        {
          type: 'Dict',
          spaces: { pos: { type: 'Box', low: 0, high: 1, shape: [2], dtype: 'f32' } },
        },
        'obs',
      ),
    ).toThrow(/obs\.spaces\.pos\.dtype must be one of/);
    expect(() => new Dict({ a: 3 } as never)).toThrow('Dict spaces.a must be a Space, got 3');
  });
});
