import { describe, expect, it } from 'vitest';
import { Rng } from '@coordconv/common';
import { annealedBeta, PrioritizedReplay } from './prioritized-replay.js';
import { PriorityTree } from './segment-tree.js';

const fields = { x: { size: 2, dtype: 'float32' }, a: { size: 1, dtype: 'int32' } } as const;

function replay(capacity: number, alpha = 0.6) {
  return new PrioritizedReplay({ capacity, alpha, priorityEps: 1e-6, fields });
}

/** Items whose x = [k, -k] and a = k, for k in `keys`. */
function items(keys: number[]) {
  return {
    x: Float32Array.from(keys.flatMap((k) => [k, -k])),
    a: Int32Array.from(keys),
  };
}

describe('PriorityTree (sum-tree + min-tree)', () => {
  it('keeps exact sums and minima under updates, with a non-power-of-two capacity', () => {
    const rng = new Rng(1);
    const tree = new PriorityTree(37);
    const ref = new Float64Array(37);
    for (let t = 0; t < 2000; t++) {
      const i = rng.int(37);
      const v = rng.random() * 10;
      tree.set(i, v);
      ref[i] = v;
    }
    expect(tree.total).toBeCloseTo(
      ref.reduce((a, b) => a + b, 0),
      9,
    );
    expect(tree.min).toBe(Math.min(...ref));
    expect(tree.get(5)).toBe(ref[5]);
    tree.clear();
    expect([tree.total, tree.min]).toEqual([0, Infinity]);
  });

  it('find() walks prefix sums and never lands on an empty leaf', () => {
    const tree = new PriorityTree(8);
    tree.set(0, 0.1);
    tree.set(1, 0.2);
    tree.set(2, 0.3); // leaves 3..7 empty
    expect(tree.min).toBe(0.1);
    expect(tree.find(tree.total * (1 - 1e-16))).toBe(2);
    expect(tree.find(tree.total)).toBe(2);
    expect(tree.find(0)).toBe(0);
    expect(tree.find(0.1)).toBe(1);
    expect(tree.find(0.35)).toBe(2);
  });
});

describe('PrioritizedReplay', () => {
  it('samples each item with frequency p_i^alpha / sum p^alpha (chi-square, fixed seed)', () => {
    const r = replay(16);
    const td = [0.05, 0.5, 1, 2, 4, 8, 0.1, 3];
    r.insert(items([0, 1, 2, 3, 4, 5, 6, 7]), 8, td);
    const expected = td.map((t) => (t + 1e-6) ** 0.6);
    const z = expected.reduce((a, b) => a + b, 0);
    const counts = new Float64Array(8);
    const rng = new Rng(42);
    const draws = 200 * 64;
    for (let k = 0; k < 200; k++) {
      const s = r.sample(64, rng, 0.4);
      for (let j = 0; j < s.count; j++) {
        // The returned data belongs to the returned id.
        expect(s.data.a[j]).toBe(s.ids[j]);
        counts[s.ids[j] as number]! += 1;
      }
    }
    let chi2 = 0;
    for (let i = 0; i < 8; i++) {
      const e = (draws * (expected[i] as number)) / z;
      chi2 += ((counts[i] as number) - e) ** 2 / e;
      expect(r.probability(i)).toBeCloseTo((expected[i] as number) / z, 12);
    }
    // 7 degrees of freedom: P(chi2 > 24.32) = 0.001 for independent draws (stratified draws
    // vary less). A sampler that ignored alpha (alpha 1) would give chi2 in the thousands.
    expect(chi2).toBeLessThan(24.32);
  });

  it('gives importance weights (N P(i))^-beta normalised by the largest weight', () => {
    const r = replay(8, 1);
    const td = [1, 2, 4, 8];
    r.insert(items([0, 1, 2, 3]), 4, td);
    const beta = 0.4;
    const p = td.map((t) => t + 1e-6);
    const z = p.reduce((a, b) => a + b, 0);
    const raw = p.map((pi) => (4 * (pi / z)) ** -beta);
    const maxW = Math.max(...raw);
    const s = r.sample(64, new Rng(3), beta);
    for (let j = 0; j < s.count; j++) {
      const id = s.ids[j] as number;
      expect(s.weights[j]).toBeCloseTo((raw[id] as number) / maxW, 5);
    }
    // The lowest-priority item has weight exactly 1, the others less.
    expect(Math.max(...s.weights)).toBeLessThanOrEqual(1);
    expect(annealedBeta(0.4, 0)).toBe(0.4);
    expect(annealedBeta(0.4, 0.5)).toBeCloseTo(0.7, 12);
    expect(annealedBeta(0.4, 2)).toBe(1);
  });

  it('evicts FIFO and ignores priority updates for overwritten items', () => {
    const r = replay(4);
    r.insert(items([10, 11, 12]), 3, [1, 1, 1]);
    r.insert(items([13, 14, 15]), 3, [1, 1, 1]); // ids 4, 5 overwrite ids 0, 1 (slots 0, 1)
    expect(r.size).toBe(4);
    expect(r.inserted).toBe(6);
    expect(Array.from(r.storage.a)).toEqual([14, 15, 12, 13]);
    expect(Array.from(r.storage.x.subarray(0, 2))).toEqual([14, -14]);
    const updated = r.updatePriorities([0, 1, 2, 5], [100, 100, 3, 7]);
    expect(updated).toBe(2);
    expect(r.staleUpdateCount).toBe(2);
    // Slot 0 (id 4) kept its priority; slot 2 (id 2) and slot 1 (id 5) changed.
    expect(r.probability(0)).toBeCloseTo(r.scaledPriority(1) / r.totalPriority, 12);
    expect(r.probability(2)).toBeCloseTo(r.scaledPriority(3) / r.totalPriority, 12);
    expect(r.probability(1)).toBeCloseTo(r.scaledPriority(7) / r.totalPriority, 12);
    // Sampling never returns an evicted id.
    const s = r.sample(32, new Rng(5), 1);
    for (const id of s.ids) expect([2, 3, 4, 5]).toContain(id);
  });

  it('gives new items without a priority the largest priority so far', () => {
    const r = replay(8);
    r.insert(items([0]), 1, [5]);
    r.insert(items([1]), 1);
    expect(r.probability(1)).toBeCloseTo(r.probability(0), 12);
    r.clear();
    expect(r.size).toBe(0);
    expect(() => r.sample(1, new Rng(1), 0.4)).toThrow(/empty/);
  });

  it('rejects bad inputs with messages naming the problem', () => {
    const r = replay(4);
    expect(() => r.insert({ x: new Float32Array(2), a: new Int32Array(1) }, 2)).toThrow(
      /'x' needs 4/,
    );
    expect(() => r.insert(items([1]), 1, [NaN])).toThrow(/finite/);
    expect(
      () => new PrioritizedReplay({ capacity: 0, alpha: 0.6, priorityEps: 1e-6, fields }),
    ).toThrow(/capacity/);
    expect(() => r.updatePriorities([0], [])).toThrow(/1 ids but 0/);
  });
});
