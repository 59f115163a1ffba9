import { describe, expect, it } from 'vitest';

import { coordChannelCount, coordinateGrid, normalizedCoord } from './coord-grid.js';

describe('normalizedCoord', () => {
  it('maps 0..len-1 onto [-1, 1] over the axis own length, 0 for length 1', () => {
    expect([0, 1, 2, 3, 4].map((k) => normalizedCoord(k, 5))).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(normalizedCoord(0, 1)).toBe(0);
    expect(normalizedCoord(0, 2)).toBe(-1);
    expect(normalizedCoord(1, 2)).toBe(1);
  });
});

describe('coordinateGrid', () => {
  it('1D: one channel per position, plus |x| with withR', () => {
    expect(Array.from(coordinateGrid([3], false))).toEqual([-1, 0, 1]);
    expect(Array.from(coordinateGrid([3], true))).toEqual([-1, 1, 0, 0, 1, 1]);
  });

  it('2D non-square: row i first, column j second, each over its own length', () => {
    const h = 3;
    const w = 5;
    const g = coordinateGrid([h, w], false);
    expect(g.length).toBe(h * w * 2);
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const at = (i * w + j) * 2;
        expect(g[at]).toBeCloseTo((i / (h - 1)) * 2 - 1, 6);
        expect(g[at + 1]).toBeCloseTo((j / (w - 1)) * 2 - 1, 6);
      }
    }
    // Corners reach exactly -1 and 1 on both axes (the official repo's bug would not).
    expect([g[0], g[1]]).toEqual([-1, -1]);
    const last = (h * w - 1) * 2;
    expect([g[last], g[last + 1]]).toEqual([1, 1]);
  });

  it('2D withR: radius from the image centre, 0 at the centre and sqrt(2) in corners', () => {
    const g = coordinateGrid([5, 5], true);
    const r = (i: number, j: number): number => g[(i * 5 + j) * 3 + 2];
    expect(r(2, 2)).toBe(0);
    expect(r(0, 0)).toBeCloseTo(Math.SQRT2, 6);
    expect(r(4, 4)).toBeCloseTo(Math.SQRT2, 6);
    expect(r(0, 2)).toBeCloseTo(1, 6);
    // Symmetric about the centre: a (0.5, 0.5)-centred radius would not be.
    expect(r(1, 3)).toBeCloseTo(r(3, 1), 6);
    expect(r(1, 1)).toBeCloseTo(r(3, 3), 6);
  });

  it('3D: channels (d, i, j[, r]) with each axis normalized separately', () => {
    const [d, h, w] = [2, 3, 4];
    const g = coordinateGrid([d, h, w], true);
    expect(g.length).toBe(d * h * w * 4);
    const at = ((1 * h + 2) * w + 1) * 4; // position (1, 2, 1)
    const jj = (1 / 3) * 2 - 1;
    expect(g[at]).toBe(1);
    expect(g[at + 1]).toBe(1);
    expect(g[at + 2]).toBeCloseTo(jj, 6);
    expect(g[at + 3]).toBeCloseTo(Math.sqrt(2 + jj * jj), 6);
  });

  it('length-1 axes give coordinate 0', () => {
    expect(Array.from(coordinateGrid([1, 3], false))).toEqual([0, -1, 0, 0, 0, 1]);
  });

  it('rejects bad shapes with the shape in the message', () => {
    expect(() => coordinateGrid([], false)).toThrow(/1 to 3 spatial axes, got 0/);
    expect(() => coordinateGrid([2, 2, 2, 2], false)).toThrow(/got 4/);
    expect(() => coordinateGrid([0, 3], false)).toThrow(/\[0, 3\]/);
    expect(() => coordinateGrid([2.5], false)).toThrow(/integers >= 1/);
  });

  it('counts channels', () => {
    expect(coordChannelCount(2, false)).toBe(2);
    expect(coordChannelCount(3, true)).toBe(4);
  });
});
