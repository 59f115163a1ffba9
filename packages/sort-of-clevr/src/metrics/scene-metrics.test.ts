import { describe, expect, it } from 'vitest';
import { Rng } from '@coordconv/common';
import { generateScenes } from '../dataset/scene.js';
import { sceneConfig } from '../dataset/scene-config.js';
import { parseScenes } from './parse-scene.js';
import { jensenShannon, sceneMetrics } from './scene-metrics.js';
import { coverageFigure, MeanImage } from './coverage.js';

describe('scene metrics', () => {
  const cfg = sceneConfig('paper', { imageSize: 32 });
  const parse = (seed: number, n: number) => {
    const { images } = generateScenes(new Rng(seed), cfg, n);
    return parseScenes(images, n, cfg);
  };

  it('Jensen-Shannon: 0 for equal, 1 for disjoint histograms', () => {
    expect(jensenShannon([0.5, 0.5, 0], [0.5, 0.5, 0])).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(1);
    expect(jensenShannon([0, 0], [0, 1])).toBe(1);
  });

  it('data against data: near-perfect; a collapsed generator: low coverage, high divergence', () => {
    const data = parse(1, 400);
    const fresh = sceneMetrics(parse(2, 400), data, cfg);
    expect(fresh.validRate).toBeGreaterThan(0.97);
    expect(fresh.centreJsd).toBeLessThan(0.06);
    expect(fresh.centreCoverage).toBeGreaterThan(0.9);
    expect(fresh.centreJsdByColor.red).toBeLessThan(0.1);
    expect(fresh.colorBalance.red).toBeCloseTo(0.5, 1);
    expect(fresh.shapeBalance.square).toBeGreaterThan(0.4);
    const one = parse(3, 1);
    const collapsed = sceneMetrics(
      Array.from({ length: 400 }, () => one[0]),
      data,
      cfg,
    );
    expect(collapsed.validRate).toBe(1);
    expect(collapsed.centreJsd).toBeGreaterThan(0.5);
    expect(collapsed.centreCoverage).toBeLessThan(0.1);
  });

  it('per-colour divergence exposes colour entangled with position', () => {
    const data = parse(1, 400);
    // Keep only scenes where red is left of blue: positions overall look like the data's.
    const redLeft = parse(2, 800).filter((p) => {
      const red = p.objects.find((o) => o.color === 'red');
      const blue = p.objects.find((o) => o.color === 'blue');
      return red && blue && red.x < blue.x;
    });
    const m = sceneMetrics(redLeft, data, cfg);
    expect(m.centreJsdByColor.red).toBeGreaterThan(2 * m.centreJsd);
    expect(m.centreJsdByColor.blue).toBeGreaterThan(2 * m.centreJsd);
  });

  it('coverage map: the mean image, normalized, side by side', () => {
    const m = new MeanImage(2, 2, 3);
    m.add(new Float32Array(12).fill(1), 1);
    m.add(new Float32Array([...new Float32Array(11).fill(-1), 1]), 1);
    expect(m.mean()[0]).toBe(0);
    expect(m.mean()[11]).toBe(1);
    const n = m.normalized();
    expect([n[0], n[11]]).toEqual([0, 1]);
    const fig = coverageFigure([m, m], 2, 1);
    expect([fig.width, fig.height]).toEqual([9, 4]);
  });
});
