import { describe, expect, it } from 'vitest';
import { drawLineChart, formatTick, niceTicks, SERIES_COLORS } from './line-chart.js';

describe('line chart', () => {
  it('picks 1-2-5 ticks and short labels', () => {
    expect(niceTicks(0, 200_000, 5)).toEqual([0, 50_000, 100_000, 150_000, 200_000]);
    expect(niceTicks(-480, -280, 5)).toEqual([-450, -400, -350, -300]);
    expect([formatTick(1_200_000), formatTick(25_000), formatTick(0.5), formatTick(-400)]).toEqual([
      '1.2M',
      '25k',
      '0.5',
      '-400',
    ]);
  });

  it('draws lines, bands and reference lines in their colours', () => {
    const img = drawLineChart({
      width: 300,
      height: 200,
      series: [{ label: 'a', x: [0, 1, 2], y: [0, 1, 2], low: [-1, 0, 1], high: [1, 2, 3] }],
      reference: [{ label: 'random', y: 0.5 }],
    });
    expect([img.width, img.height, img.channels]).toEqual([300, 200, 3]);
    const count = (rgb: readonly number[]) => {
      let n = 0;
      for (let i = 0; i < img.data.length; i += 3)
        if (img.data[i] === rgb[0] && img.data[i + 1] === rgb[1] && img.data[i + 2] === rgb[2]) n++;
      return n;
    };
    expect(count(SERIES_COLORS[0]!)).toBeGreaterThan(100); // the line
    expect(count([120, 120, 120])).toBeGreaterThan(50); // the dashed reference
    // NaN breaks a line instead of throwing.
    expect(() =>
      drawLineChart({ series: [{ label: 'b', x: [0, 1, 2], y: [NaN, 1, NaN] }] }),
    ).not.toThrow();
  });
});
