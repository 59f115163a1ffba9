import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
    expect(new Rng('pacman').random()).toBe(new Rng('pacman').random());
  });

  it('restores from state mid-stream', () => {
    const a = new Rng(7);
    a.random();
    const state = JSON.parse(JSON.stringify(a.getState()));
    const b = Rng.fromState(state);
    expect(Array.from({ length: 4 }, () => b.random())).toEqual(
      Array.from({ length: 4 }, () => a.random()),
    );
    expect(() => Rng.fromState({} as never)).toThrow(/xoshiro/);
  });

  it('int is unbiased enough and in range', () => {
    const r = new Rng(1);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
    expect(() => r.int(0)).toThrow(RangeError);
  });

  it('split streams are independent of each other and reproducible', () => {
    const [a, b] = new Rng(5).splitN(2);
    const [a2] = new Rng(5).splitN(1);
    const xa = Array.from({ length: 3 }, () => a!.nextUint32());
    expect(Array.from({ length: 3 }, () => a2!.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 3 }, () => b!.nextUint32())).not.toEqual(xa);
  });

  it('normal has mean 0 and std 1', () => {
    const r = new Rng(3);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('permutation is a permutation', () => {
    const p = Array.from(new Rng(9).permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
