import { describe, expect, it } from 'vitest';

import {
  allExamples,
  CANVAS_SIZE,
  centreCol,
  centrePixels,
  centreRow,
  coordinates,
  exampleIndex,
  NUM_EXAMPLES,
  oneHotImages,
  PIXELS,
  squareImages,
} from './dataset.js';

describe('Not-so-Clevr dataset', () => {
  it('has 56 x 56 = 3136 centres covering 4..59 on both axes, row-major', () => {
    expect(NUM_EXAMPLES).toBe(3136);
    const c = coordinates(allExamples());
    const rows = new Set<number>();
    const cols = new Set<number>();
    for (let k = 0; k < NUM_EXAMPLES; k++) {
      rows.add(c[2 * k]);
      cols.add(c[2 * k + 1]);
    }
    expect(Math.min(...rows)).toBe(4);
    expect(Math.max(...rows)).toBe(59);
    expect(rows.size).toBe(56);
    expect(cols.size).toBe(56);
    expect([centreRow(0), centreCol(0)]).toEqual([4, 4]);
    expect([centreRow(1), centreCol(1)]).toEqual([4, 5]);
    expect([centreRow(56), centreCol(56)]).toEqual([5, 4]);
    expect([centreRow(3135), centreCol(3135)]).toEqual([59, 59]);
  });

  it('exampleIndex inverts the centre of every example', () => {
    for (let k = 0; k < NUM_EXAMPLES; k += 37)
      expect(exampleIndex(centreRow(k), centreCol(k))).toBe(k);
    expect(() => exampleIndex(3, 10)).toThrow(/i must be an integer in 4..59, got 3/);
    expect(() => exampleIndex(10, 60)).toThrow(/j must be an integer in 4..59, got 60/);
  });

  it('one-hot images hold a single 1 at (i, j)', () => {
    const idx = Int32Array.from([0, exampleIndex(10, 50), 3135]);
    const imgs = oneHotImages(idx);
    expect(imgs.length).toBe(3 * PIXELS);
    const labels = centrePixels(idx);
    for (let n = 0; n < 3; n++) {
      const img = imgs.subarray(n * PIXELS, (n + 1) * PIXELS);
      expect(img.reduce((a, b) => a + b, 0)).toBe(1);
      expect(img[labels[n]]).toBe(1);
    }
    expect(labels[1]).toBe(10 * CANVAS_SIZE + 50);
  });

  it('square images are 9x9 blocks of 1s centred on (i, j)', () => {
    const k = exampleIndex(20, 7);
    const img = squareImages(Int32Array.from([k]));
    expect(img.reduce((a, b) => a + b, 0)).toBe(81);
    const at = (r: number, c: number) => img[r * CANVAS_SIZE + c];
    expect(at(16, 3)).toBe(1);
    expect(at(24, 11)).toBe(1);
    expect(at(15, 7)).toBe(0);
    expect(at(25, 7)).toBe(0);
    expect(at(20, 2)).toBe(0);
    expect(at(20, 12)).toBe(0);
    // Corner squares stay on the canvas.
    const corner = squareImages(Int32Array.from([0, 3135]));
    expect(corner.reduce((a, b) => a + b, 0)).toBe(162);
    expect(corner[0]).toBe(1);
    expect(corner[2 * PIXELS - 1]).toBe(1);
  });

  it('rejects indices out of range, naming the position', () => {
    expect(() => coordinates([0, 3136])).toThrow(/0..3135, got 3136 at 1/);
    expect(() => squareImages([-1])).toThrow(/got -1 at 0/);
  });
});
