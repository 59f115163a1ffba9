import { describe, expect, it } from 'vitest';
import { Rng } from '@coordconv/common';
import { generateScenes, insideShape, PlacementError, toByteValue } from './scene.js';
import { sceneConfig, SceneConfigError, type SceneConfig } from './scene-config.js';
import { imageGrid } from './grid.js';

function pixelRgb(
  images: Float32Array,
  cfg: SceneConfig,
  k: number,
  x: number,
  y: number,
): number[] {
  const i = ((k * cfg.imageSize + y) * cfg.imageSize + x) * 3;
  return [0, 1, 2].map((c) => Math.round(toByteValue(images[i + c], cfg.valueRange)));
}

describe('scene generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const cfg = sceneConfig('paper');
    const a = generateScenes(new Rng(5), cfg, 8);
    const b = generateScenes(new Rng(5), cfg, 8);
    const c = generateScenes(new Rng(6), cfg, 8);
    expect(b.scenes).toEqual(a.scenes);
    expect(b.images).toEqual(a.images);
    expect(c.scenes).not.toEqual(a.scenes);
    expect(a.shape).toEqual([8, 64, 64, 3]);
  });

  it.each(['paper', 'original'] as const)('%s: descriptions match the pixels', (preset) => {
    const cfg = sceneConfig(preset);
    const { images, scenes } = generateScenes(new Rng(11), cfg, 40);
    const h = cfg.halfSize;
    scenes.forEach((scene, k) => {
      expect(scene.objects).toHaveLength(cfg.objectCount);
      expect(new Set(scene.objects.map((o) => o.color)).size).toBe(cfg.objectCount);
      for (const [i, o] of scene.objects.entries()) {
        expect(o.x).toBeGreaterThanOrEqual(cfg.centreMin);
        expect(o.x).toBeLessThan(cfg.centreMax);
        for (const q of scene.objects.slice(i + 1)) {
          expect(Math.hypot(o.x - q.x, o.y - q.y)).toBeGreaterThanOrEqual(cfg.minDistance);
        }
      }
      // Every pixel shows the last object drawn over it, or the background.
      const wrong: string[] = [];
      for (let y = 0; y < cfg.imageSize; y++) {
        for (let x = 0; x < cfg.imageSize; x++) {
          const cover = scene.objects
            .filter((o) => insideShape(o.shape, x - o.x, y - o.y, h))
            .at(-1);
          const want = (cover ? cover.rgb : cfg.background).join(',');
          const got = pixelRgb(images, cfg, k, x, y).join(',');
          if (got !== want) wrong.push(`scene ${k} (${x}, ${y}): ${got}, expected ${want}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  it('paper preset: [-1, 1] pixels on black; original: white canvas, six colours', () => {
    const paper = generateScenes(new Rng(1), sceneConfig('paper'), 4).images;
    expect(Math.min(...paper)).toBe(-1);
    expect(Math.max(...paper)).toBe(1);
    const cfg = sceneConfig('original');
    expect(cfg.imageSize).toBe(75);
    expect(cfg.colors.find((c) => c.name === 'orange')?.rgb).toEqual([255, 156, 0]);
    const { images } = generateScenes(new Rng(1), cfg, 1);
    expect(pixelRgb(images, cfg, 0, 0, 0)).toEqual([255, 255, 255]);
  });

  it('shapes are balanced and colours all used', () => {
    const { scenes } = generateScenes(new Rng(3), sceneConfig('original'), 300);
    const objs = scenes.flatMap((s) => s.objects);
    const squares = objs.filter((o) => o.shape === 'square').length / objs.length;
    expect(squares).toBeGreaterThan(0.45);
    expect(squares).toBeLessThan(0.55);
  });

  it('rescales preset geometry with the image size, keeps explicit fields', () => {
    const small = sceneConfig('paper', { imageSize: 32 });
    expect(small).toMatchObject({
      imageSize: 32,
      halfSize: 5,
      minDistance: 10,
      centreMin: 5,
      centreMax: 27,
    });
    const custom = sceneConfig('paper', { imageSize: 32, halfSize: 3 });
    expect(custom).toMatchObject({ halfSize: 3, centreMin: 3, centreMax: 29 });
    const scenes = generateScenes(new Rng(2), custom, 20).scenes;
    expect(scenes.every((s) => s.objects.every((o) => o.x >= 3 && o.x < 29))).toBe(true);
  });

  it('rejects bad configs with errors naming the field', () => {
    expect(() => sceneConfig('paper', { objectCount: 3 })).toThrow(
      /objectCount 3 exceeds the 2 colours/,
    );
    expect(() => sceneConfig('original', { minDistance: 60 })).toThrow(
      /impossible placement: 6 objects/,
    );
    expect(() => sceneConfig('original', { minDistance: 40 })).toThrow(
      /impossible placement: could not place/,
    );
    expect(() => sceneConfig('paper', { centreMin: 2 })).toThrow(/outside the 64x64 canvas/);
    expect(() => sceneConfig('paper', { shapes: ['triangle' as never] })).toThrow(/shapes/);
    expect(() => sceneConfig('paper', { imageSize: 2 })).toThrow(/imageSize/);
    expect(() => sceneConfig('nope' as never)).toThrow(/unknown scene preset/);
    expect(() => sceneConfig('paper', { background: [0, 0, 255] })).toThrow(SceneConfigError);
  });

  it('gives up with a PlacementError when placement is feasible on paper but too hard', () => {
    // Four centres 10 apart in an 11x11 range: only the four corners work.
    const make = () =>
      sceneConfig('original', {
        imageSize: 21,
        objectCount: 4,
        halfSize: 5,
        centreMin: 5,
        centreMax: 16,
        minDistance: 10,
        maxPlacementAttempts: 3,
      });
    expect(make).toThrow(PlacementError);
  });

  it('tiles images into a grid', () => {
    const cfg = sceneConfig('paper', { imageSize: 16, halfSize: 2 });
    const { images, shape } = generateScenes(new Rng(0), cfg, 5);
    const grid = imageGrid(images, shape, { cols: 3, pad: 1 });
    expect([grid.width, grid.height]).toEqual([3 * 16 + 4, 2 * 16 + 3]);
    expect(grid.data[0]).toBe(128);
    expect(grid.data[(1 * grid.width + 1) * 3]).toBe(Math.round(toByteValue(images[0], 'tanh')));
  });
});
