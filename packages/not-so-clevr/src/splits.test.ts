import { describe, expect, it } from 'vitest';

import { centreCol, centreRow, NUM_EXAMPLES } from './dataset.js';
import { makeSplit, quadrantSplit, selectionHoldout, uniformSplit } from './splits.js';
import type { SplitName } from './splits.js';

function expectPartition(train: Int32Array, test: Int32Array): void {
  const all = new Set([...train, ...test]);
  expect(all.size).toBe(NUM_EXAMPLES);
  expect(train.length + test.length).toBe(NUM_EXAMPLES);
}

describe('splits', () => {
  it('quadrant: 729 test centres with both coordinates in 33..59, 2407 train', () => {
    const s = quadrantSplit();
    expect(s.test.length).toBe(729);
    expect(s.train.length).toBe(2407);
    expectPartition(s.train, s.test);
    for (const k of s.test) {
      expect(centreRow(k)).toBeGreaterThan(32);
      expect(centreCol(k)).toBeGreaterThan(32);
    }
    for (const k of s.train) expect(centreRow(k) > 32 && centreCol(k) > 32).toBe(false);
  });

  it('uniform: 768 test / 2368 train (the official sizes), seeded', () => {
    const a = uniformSplit(7);
    expect(a.test.length).toBe(768);
    expect(a.train.length).toBe(2368);
    expectPartition(a.train, a.test);
    expect(Array.from(uniformSplit(7).test)).toEqual(Array.from(a.test));
    expect(Array.from(uniformSplit(8).test)).not.toEqual(Array.from(a.test));
    // Spread over the canvas: every quarter of the grid holds some test centres.
    const quarters = new Set(Array.from(a.test, (k) => `${centreRow(k) > 31}${centreCol(k) > 31}`));
    expect(quarters.size).toBe(4);
  });

  it('makeSplit validates the name', () => {
    expect(makeSplit('quadrant').name).toBe('quadrant');
    expect(() => makeSplit('random' as SplitName)).toThrow(/uniform, quadrant, got "random"/);
  });

  it('selection holdouts come from the training set: the band along the quadrant, or 10%', () => {
    const q = quadrantSplit();
    const band = selectionHoldout(q);
    expect(band.length).toBe(2 * 27 * 8);
    const train = new Set(q.train);
    for (const k of band) {
      expect(train.has(k)).toBe(true);
      const [i, j] = [centreRow(k), centreCol(k)];
      expect((i > 32 && j > 24 && j <= 32) || (j > 32 && i > 24 && i <= 32)).toBe(true);
    }
    const u = uniformSplit(1);
    const held = selectionHoldout(u, 2);
    expect(held.length).toBe(237);
    const utrain = new Set(u.train);
    expect(Array.from(held).every((k) => utrain.has(k))).toBe(true);
    expect(Array.from(selectionHoldout(u, 2))).toEqual(Array.from(held));
  });
});
