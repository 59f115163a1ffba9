import { Rng } from '@coordconv/common';
import { describe, expect, it } from 'vitest';
import { InvalidSpace } from '../errors.js';
import { Discrete } from './discrete.js';

describe('Discrete', () => {
  it('samples every value in [start, start + n) and only those', () => {
    const d = new Discrete(4, -2);
    d.seed(0);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const x = d.sample();
      expect(d.contains(x)).toBe(true);
      seen.add(x);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1]);
  });

  it('is reproducible from a seed, and an explicit rng overrides its own', () => {
    const a = new Discrete(100);
    const b = new Discrete(100);
    a.seed(7);
    b.seed(7);
    const xs = Array.from({ length: 10 }, () => a.sample());
    expect(Array.from({ length: 10 }, () => b.sample())).toEqual(xs);
    const r1 = new Rng(3);
    const r2 = new Rng(3);
    expect(a.sample(r1)).toBe(b.sample(r2));
  });

  it('contains only integers in range', () => {
    const d = new Discrete(3, 1);
    expect([1, 2, 3].map((x) => d.contains(x))).toEqual([true, true, true]);
    for (const x of [0, 4, 1.5, '1', NaN, null, [1]]) expect(d.contains(x)).toBe(false);
  });

  it('samples with a mask only allowed values', () => {
    const d = new Discrete(4, 10);
    d.seed(1);
    for (let i = 0; i < 50; i++) expect([11, 13]).toContain(d.sampleMasked([0, 1, 0, 1]));
    expect(d.sampleMasked([0, 0, 0, 0])).toBe(10);
    expect(() => d.sampleMasked([1, 1])).toThrow(/mask length/);
  });

  it('round-trips through JSON and compares structurally', () => {
    const d = new Discrete(5, 3);
    const json = JSON.parse(JSON.stringify(d));
    expect(json).toEqual({ type: 'Discrete', n: 5, start: 3 });
    const back = Discrete.fromJSON(json);
    expect(back.equals(d)).toBe(true);
    expect(back.equals(new Discrete(5))).toBe(false);
    expect(Discrete.fromJSON({ type: 'Discrete', n: 2 }).start).toBe(0);
  });

  it('rejects bad parameters naming the field', () => {
    expect(() => new Discrete(0)).toThrow(InvalidSpace);
    expect(() => new Discrete(0)).toThrow('Discrete n must be an integer >= 1, got 0');
    expect(() => new Discrete(2.5)).toThrow(/n must be an integer/);
    expect(() => Discrete.fromJSON({ type: 'Discrete', n: -1 }, 'actionSpace')).toThrow(
      'actionSpace.n must be an integer >= 1, got -1',
    );
    expect(() => Discrete.fromJSON({ type: 'Discrete', n: 2, m: 1 }, 'a')).toThrow(
      /unknown field "m"/,
    );
  });
});
