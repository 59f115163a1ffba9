/**
 * What a Sort-of-CLEVR scene looks like: canvas, objects, colours, shapes, sizes and spacing.
 * Two presets follow the published generators (see /work/shared/REFERENCES.md, Sort-of-CLEVR):
 * `original` (Santoro et al. 2017) and `paper` (the CoordConv authors' GAN data, Liu et al. 2018).
 */
import { Rng } from '@coordconv/common';
import { sampleCentres } from './placement.js';
import { SceneConfigError } from './errors.js';

export { SceneConfigError } from './errors.js';
import { BLACK, BLUE, ORIGINAL_COLORS, RED, WHITE, type NamedColor, type Rgb } from './colors.js';

export type ObjectShape = 'square' | 'circle';
export const OBJECT_SHAPES: readonly ObjectShape[] = ['square', 'circle'];

/** How float pixels are scaled: `tanh` maps 0..255 to [-1, 1] (`img / 127.5 - 1`), `unit` to [0, 1]. */
export type ValueRange = 'tanh' | 'unit';

export interface SceneConfig {
  /** Width and height of the square canvas, in pixels. */
  imageSize: number;
  /** Objects per scene; each gets a distinct colour, so at most `colors.length`. */
  objectCount: number;
  /** Palette the objects' colours are drawn from (without replacement). */
  colors: NamedColor[];
  /** Shapes, drawn uniformly per object. */
  shapes: ObjectShape[];
  /** Half-size: a square covers c-h..c+h (inclusive), a circle has radius h. */
  halfSize: number;
  /** Minimum Euclidean distance between any two centres. */
  minDistance: number;
  /** Centres are integers drawn uniformly in [centreMin, centreMax) on both axes. */
  centreMin: number;
  centreMax: number;
  /** Canvas colour. */
  background: Rgb;
  /** Scaling of the float pixels the generator returns. */
  valueRange: ValueRange;
  /** Whole-scene placement attempts before giving up (each object gets 100 draws per attempt). */
  maxPlacementAttempts: number;
}

export type ScenePreset = 'paper' | 'original';
export const SCENE_PRESETS: readonly ScenePreset[] = ['paper', 'original'];

const PRESETS: Record<ScenePreset, SceneConfig> = {
  // CoordConv authors' GAN data: 64x64, two objects (blue, red), half-size 10, distance >= 20.
  paper: {
    imageSize: 64,
    objectCount: 2,
    colors: [BLUE, RED],
    shapes: ['square', 'circle'],
    halfSize: 10,
    minDistance: 20,
    centreMin: 10,
    centreMax: 54,
    background: BLACK,
    valueRange: 'tanh',
    maxPlacementAttempts: 1000,
  },
  // Santoro et al.: 75x75 white canvas, six objects in six colours, half-size 5, distance >= 10.
  original: {
    imageSize: 75,
    objectCount: 6,
    colors: [...ORIGINAL_COLORS],
    shapes: ['square', 'circle'],
    halfSize: 5,
    minDistance: 10,
    centreMin: 5,
    centreMax: 70,
    background: WHITE,
    valueRange: 'tanh',
    maxPlacementAttempts: 1000,
  },
};

/** Overrides of a preset; geometry not given is rescaled when `imageSize` changes. */
export type SceneOverrides = Partial<SceneConfig>;

/**
 * A preset with overrides. When `imageSize` differs from the preset's, the geometry the caller
 * did not set (half-size, distance, centre range) is scaled by the same factor and rounded, so
 * `sceneConfig('paper', { imageSize: 32 })` draws half-size-5 objects 10 px apart.
 */
export function sceneConfig(preset: ScenePreset, overrides: SceneOverrides = {}): SceneConfig {
  const base = PRESETS[preset];
  if (!base) {
    throw new SceneConfigError(
      `unknown scene preset ${JSON.stringify(preset)}; expected one of ${SCENE_PRESETS.join(', ')}`,
    );
  }
  const size = overrides.imageSize ?? base.imageSize;
  const f = size / base.imageSize;
  const scaled: SceneConfig = {
    ...base,
    colors: base.colors.map((c) => ({ ...c })),
    shapes: [...base.shapes],
    halfSize: Math.max(1, Math.round(base.halfSize * f)),
    minDistance: base.minDistance * f,
    centreMin: Math.round(base.centreMin * f),
    centreMax: Math.round(base.centreMax * f),
  };
  const cfg: SceneConfig = { ...scaled, ...stripUndefined(overrides), imageSize: size };
  // Keep the centre range consistent with an overridden half-size (objects stay on the canvas).
  if (
    overrides.halfSize !== undefined &&
    overrides.centreMin === undefined &&
    overrides.centreMax === undefined
  ) {
    cfg.centreMin = cfg.halfSize;
    cfg.centreMax = size - cfg.halfSize;
  }
  validateSceneConfig(cfg);
  return cfg;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isRgb(v: unknown): v is Rgb {
  return (
    Array.isArray(v) && v.length === 3 && v.every((x) => Number.isInteger(x) && x >= 0 && x <= 255)
  );
}

function checkInt(field: string, v: unknown, min: number, max = Infinity): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new SceneConfigError(
      `scene config ${field}: expected an integer ${range}, got ${JSON.stringify(v)}`,
    );
  }
}

/**
 * Checks every field and that placement is possible at all. Throws SceneConfigError naming the
 * field. Placement feasibility uses a packing bound (discs of radius d/2 around the centres must
 * fit, at density <= 0.9069, in the centre square grown by d/2) and then a trial placement, which
 * gives up with a PlacementError after `maxPlacementAttempts` when the bound passes but placement
 * is still (nearly) impossible.
 */
export function validateSceneConfig(cfg: SceneConfig): void {
  checkInt('imageSize', cfg.imageSize, 4, 4096);
  checkInt('objectCount', cfg.objectCount, 1, 1000);
  checkInt('halfSize', cfg.halfSize, 1, cfg.imageSize);
  checkInt('centreMin', cfg.centreMin, 0, cfg.imageSize - 1);
  checkInt('centreMax', cfg.centreMax, cfg.centreMin + 1, cfg.imageSize);
  checkInt('maxPlacementAttempts', cfg.maxPlacementAttempts, 1);
  if (typeof cfg.minDistance !== 'number' || !(cfg.minDistance >= 0)) {
    throw new SceneConfigError(
      `scene config minDistance: expected a number >= 0, got ${JSON.stringify(cfg.minDistance)}`,
    );
  }
  if (!Array.isArray(cfg.colors) || cfg.colors.length === 0) {
    throw new SceneConfigError('scene config colors: expected a non-empty list of {name, rgb}');
  }
  const names = new Set<string>();
  for (const c of cfg.colors) {
    if (typeof c?.name !== 'string' || !c.name || !isRgb(c.rgb)) {
      throw new SceneConfigError(
        `scene config colors: expected {name: string, rgb: [r, g, b] in 0..255}, got ${JSON.stringify(c)}`,
      );
    }
    if (names.has(c.name))
      throw new SceneConfigError(
        `scene config colors: duplicate colour name ${JSON.stringify(c.name)}`,
      );
    names.add(c.name);
  }
  if (!isRgb(cfg.background)) {
    throw new SceneConfigError(
      `scene config background: expected [r, g, b] in 0..255, got ${JSON.stringify(cfg.background)}`,
    );
  }
  if (cfg.colors.some((c) => c.rgb.every((v, i) => v === cfg.background[i]))) {
    throw new SceneConfigError(
      'scene config colors: an object colour equals the background colour',
    );
  }
  if (cfg.objectCount > cfg.colors.length) {
    throw new SceneConfigError(
      `scene config objectCount ${cfg.objectCount} exceeds the ${cfg.colors.length} colours (${[...names].join(', ')}): every object gets a distinct colour`,
    );
  }
  if (
    !Array.isArray(cfg.shapes) ||
    cfg.shapes.length === 0 ||
    cfg.shapes.some((s) => !OBJECT_SHAPES.includes(s))
  ) {
    throw new SceneConfigError(
      `scene config shapes: expected a non-empty list of ${OBJECT_SHAPES.join(', ')}, got ${JSON.stringify(cfg.shapes)}`,
    );
  }
  if (new Set(cfg.shapes).size !== cfg.shapes.length) {
    throw new SceneConfigError(
      `scene config shapes: duplicate shape in ${JSON.stringify(cfg.shapes)}`,
    );
  }
  if (cfg.valueRange !== 'tanh' && cfg.valueRange !== 'unit') {
    throw new SceneConfigError(
      `scene config valueRange: expected tanh or unit, got ${JSON.stringify(cfg.valueRange)}`,
    );
  }
  if (cfg.centreMin - cfg.halfSize < 0 || cfg.centreMax - 1 + cfg.halfSize > cfg.imageSize - 1) {
    throw new SceneConfigError(
      `scene config centre range [${cfg.centreMin}, ${cfg.centreMax}) with halfSize ${cfg.halfSize} puts objects outside the ${cfg.imageSize}x${cfg.imageSize} canvas; allowed: centreMin >= ${cfg.halfSize}, centreMax <= ${cfg.imageSize - cfg.halfSize}`,
    );
  }
  const side = cfg.centreMax - 1 - cfg.centreMin; // span of integer centres
  const d = cfg.minDistance;
  if (d > 0 && cfg.objectCount > 1) {
    const capacity = Math.floor((0.9069 * (side + d) ** 2) / ((Math.PI * d * d) / 4));
    if (cfg.objectCount > capacity) {
      throw new SceneConfigError(
        `impossible placement: ${cfg.objectCount} objects with centres >= ${d} apart do not fit in the centre range [${cfg.centreMin}, ${cfg.centreMax}) (at most ${capacity}); lower objectCount or minDistance, or widen the range`,
      );
    }
  }
  // The bound is necessary, not sufficient: a trial placement catches the rest at config time.
  sampleCentres(new Rng(0), cfg);
}
