import { quadrantSplit, uniformSplit } from '@coordconv/not-so-clevr';
import { describe, expect, it } from 'vitest';

import { panelGrid, splitsFigure } from './figures.js';

describe('figures', () => {
  it('draws both splits over the 56x56 grid, test cells in orange', () => {
    const img = splitsFigure([uniformSplit(0), quadrantSplit()], 4, 12);
    expect(img.width).toBe(2 * 224 + 3 * 12);
    expect(img.height).toBe(224 + 24);
    const pixel = (x: number, y: number) =>
      Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
    const quadrantX0 = 12 + 224 + 12;
    // Top-left centre (4, 4) is train in the quadrant split; bottom-right (59, 59) is test.
    expect(pixel(quadrantX0 + 1, 12 + 1)).toEqual([70, 110, 200]);
    expect(pixel(quadrantX0 + 223, 12 + 223)).toEqual([240, 150, 40]);
    let orange = 0;
    for (let y = 12; y < 12 + 224; y++) {
      for (let x = quadrantX0; x < quadrantX0 + 224; x++) if (pixel(x, y)[0] === 240) orange++;
    }
    expect(orange).toBe(729 * 16);
  });

  it('lays panels out in a grid with heat and markers', () => {
    const heat = new Float32Array(4096);
    heat[0] = 1;
    const img = panelGrid([[{ heat }, { truth: [10, 10], prediction: [20, 30] }]], 2, 4);
    expect(img.width).toBe(2 * 128 + 3 * 4);
    expect(img.height).toBe(128 + 8);
    const at = (x: number, y: number) =>
      Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
    expect(at(4, 4)).toEqual([255, 255, 255]);
    expect(at(4 + 2, 4)).toEqual([0, 0, 0]);
    const x1 = 4 + 128 + 4;
    expect(at(x1 + 10 * 2 + 1, 4 + 10 * 2 + 1)).toEqual([40, 220, 90]);
    expect(at(x1 + 30 * 2 + 1, 4 + 20 * 2 + 1)).toEqual([235, 60, 60]);
    expect(() => panelGrid([[{ heat: new Float32Array(3) }]])).toThrow(/4096 values, got 3/);
  });
});
