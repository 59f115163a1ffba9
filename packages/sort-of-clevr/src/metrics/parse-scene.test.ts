import { describe, expect, it } from 'vitest';
import { Rng } from '@coordconv/common';
import { generateScenes } from '../dataset/scene.js';
import { sceneConfig } from '../dataset/scene-config.js';
import { calibrateParser, parseScenes } from './parse-scene.js';

describe('scene parser', () => {
  it.each(['paper', 'original'] as const)(
    '%s: reads generated scenes as valid, with their objects',
    (preset) => {
      const cfg = sceneConfig(preset);
      const { images, scenes } = generateScenes(new Rng(21), cfg, 150);
      const parsed = parseScenes(images, scenes.length, cfg);
      const valid = parsed.filter((p) => p.valid).length / parsed.length;
      expect(valid).toBeGreaterThanOrEqual(0.98);
      let matched = 0;
      let total = 0;
      parsed.forEach((p, k) => {
        for (const truth of scenes[k].objects) {
          total++;
          const o = p.objects.find((b) => b.color === truth.color);
          if (o && o.shape === truth.shape && Math.hypot(o.x - truth.x, o.y - truth.y) < 0.75)
            matched++;
        }
      });
      expect(matched / total).toBeGreaterThanOrEqual(0.98);
    },
  );

  it('reads noise and blank images as invalid', () => {
    const cfg = sceneConfig('paper');
    const rng = new Rng(4);
    const noise = rng.fillUniform(new Float32Array(100 * 64 * 64 * 3), -1, 1);
    const parsed = parseScenes(noise, 100, cfg);
    expect(parsed.filter((p) => p.valid).length).toBeLessThanOrEqual(2);
    const blank = new Float32Array(64 * 64 * 3).fill(-1);
    expect(parseScenes(blank, 1, cfg)[0]).toMatchObject({
      valid: false,
      reason: 'object-count',
      objects: [],
    });
  });

  it('works at other sizes, and on soft (blurred, noisy) renderings', () => {
    const cfg = sceneConfig('paper', { imageSize: 32 });
    const { images, scenes } = generateScenes(new Rng(8), cfg, 60);
    const rng = new Rng(9);
    // Perturb every value a little, as a generator's tanh output would be.
    const soft = images.map((v) => Math.max(-1, Math.min(1, 0.85 * v + rng.uniform(-0.15, 0.15))));
    const parsed = parseScenes(soft, scenes.length, cfg);
    expect(parsed.filter((p) => p.valid).length / parsed.length).toBeGreaterThanOrEqual(0.95);
  });

  it('calibrates the square/circle threshold from the renderer', () => {
    const c = calibrateParser(sceneConfig('paper'));
    expect(c.circleFill).toBeGreaterThan(0.7);
    expect(c.circleFill).toBeLessThan(0.85);
    expect(c.squareThreshold).toBeCloseTo((1 + c.circleFill) / 2);
    expect(c.maxColorDistance).toBeCloseTo(127.5);
  });
});
