/**
 * Sampling scenes (object colours, shapes, centres) and rendering them to float pixels. Pure
 * functions over typed arrays and an `Rng`: the same seed gives the same scenes and pixels, and a
 * batch of 32 64x64 scenes takes well under a millisecond per image, so training can draw fresh
 * data every step instead of storing a dataset.
 */
import type { Rng } from '@coordconv/common';
import type { Rgb } from './colors.js';
import type { ObjectShape, SceneConfig } from './scene-config.js';
import { sampleCentres } from './placement.js';

export { PlacementError } from './errors.js';

/** One object of a scene. `x` is the column and `y` the row of its centre pixel. */
export interface SceneObject {
  color: string;
  rgb: Rgb;
  shape: ObjectShape;
  x: number;
  y: number;
}

/** The description of one image: its objects in drawing order. */
export interface Scene {
  objects: SceneObject[];
}

/** A batch of rendered scenes: NHWC float pixels (3 channels) and their descriptions. */
export interface SceneBatch {
  images: Float32Array;
  /** [count, imageSize, imageSize, 3]. */
  shape: [number, number, number, number];
  scenes: Scene[];
}

/** Samples one scene description: distinct colours, uniform shapes, spaced centres. */
export function sampleScene(rng: Rng, cfg: SceneConfig): Scene {
  const centres = sampleCentres(rng, cfg);
  const palette = rng.permutation(cfg.colors.length);
  const objects = centres.map(([x, y], k): SceneObject => {
    const color = cfg.colors[palette[k]];
    return {
      color: color.name,
      rgb: color.rgb,
      shape: cfg.shapes[rng.int(cfg.shapes.length)],
      x,
      y,
    };
  });
  return { objects };
}

/** Converts an 8-bit channel value to the configured float range. */
export function toFloatValue(v: number, range: SceneConfig['valueRange']): number {
  return range === 'tanh' ? v / 127.5 - 1 : v / 255;
}

/** Converts a float pixel value back to 0..255 (unclamped). */
export function toByteValue(v: number, range: SceneConfig['valueRange']): number {
  return range === 'tanh' ? (v + 1) * 127.5 : v * 255;
}

/**
 * Whether pixel (col, row) belongs to an object of the given shape centred at (x, y). A circle of
 * radius h covers distances <= h + 0.5, the filled midpoint circle OpenCV draws for the
 * published generators; a square covers c-h..c+h inclusive (cv2.rectangle).
 */
export function insideShape(shape: ObjectShape, dx: number, dy: number, halfSize: number): boolean {
  if (shape === 'square') return Math.abs(dx) <= halfSize && Math.abs(dy) <= halfSize;
  const r = halfSize + 0.5;
  return dx * dx + dy * dy <= r * r;
}

/** Renders `scene` into `out` (NHWC, 3 channels) starting at element `offset`. Later objects paint over earlier ones. */
export function renderScene(scene: Scene, cfg: SceneConfig, out: Float32Array, offset = 0): void {
  const n = cfg.imageSize;
  const bg = cfg.background.map((v) => toFloatValue(v, cfg.valueRange));
  for (let p = 0; p < n * n; p++) {
    const i = offset + p * 3;
    out[i] = bg[0];
    out[i + 1] = bg[1];
    out[i + 2] = bg[2];
  }
  const h = cfg.halfSize;
  for (const obj of scene.objects) {
    const c = obj.rgb.map((v) => toFloatValue(v, cfg.valueRange));
    for (let y = Math.max(0, obj.y - h); y <= Math.min(n - 1, obj.y + h); y++) {
      for (let x = Math.max(0, obj.x - h); x <= Math.min(n - 1, obj.x + h); x++) {
        if (!insideShape(obj.shape, x - obj.x, y - obj.y, h)) continue;
        const i = offset + (y * n + x) * 3;
        out[i] = c[0];
        out[i + 1] = c[1];
        out[i + 2] = c[2];
      }
    }
  }
}

/** Samples and renders `count` scenes. */
export function generateScenes(rng: Rng, cfg: SceneConfig, count: number): SceneBatch {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`generateScenes: count must be an integer >= 0, got ${count}`);
  }
  const n = cfg.imageSize;
  const stride = n * n * 3;
  const images = new Float32Array(count * stride);
  const scenes: Scene[] = [];
  for (let k = 0; k < count; k++) {
    const scene = sampleScene(rng, cfg);
    renderScene(scene, cfg, images, k * stride);
    scenes.push(scene);
  }
  return { images, shape: [count, n, n, 3], scenes };
}
