/**
 * A deterministic scene parser for generated images: it classifies every pixel to the nearest
 * palette colour (or background, or "unclassified" when no colour is close), finds connected
 * components per colour, and reads each blob's colour, shape and centre. Square vs circle comes
 * from the fill ratio of the bounding box, calibrated against the renderer itself (a square fills
 * its box, a disc about pi/4 of it), so it holds for any half-size.
 */
import { rgbDistance, type Rgb } from '../dataset/colors.js';
import { insideShape, toByteValue } from '../dataset/scene.js';
import type { ObjectShape, SceneConfig } from '../dataset/scene-config.js';

export interface ParserOptions {
  /** A pixel farther than this (RGB, 0..441) from every colour is unclassified. Default: half the smallest distance between two colours of the palette and background. */
  maxColorDistance?: number;
  /** Blobs smaller than this many pixels are specks and ignored. Default: a quarter of a disc's area. */
  minBlobArea?: number;
  /** Allowed relative deviation of a blob's width and height from the object size 2h+1. Default 0.35. */
  sizeTolerance?: number;
  /** A scene with more than this fraction of unclassified pixels is invalid. Default 0.2. */
  maxUnclassified?: number;
}

/** One blob read from an image. `shape` is null when the blob is not a well-formed object. */
export interface ParsedObject {
  color: string;
  shape: ObjectShape | null;
  /** Centroid column and row. */
  x: number;
  y: number;
  area: number;
  width: number;
  height: number;
  /** area / (width * height). */
  fill: number;
}

export type InvalidReason =
  'object-count' | 'malformed-object' | 'repeated-colour' | 'unclassified-pixels';

export interface ParsedScene {
  objects: ParsedObject[];
  /** Components below the minimum area. */
  specks: number;
  unclassifiedFraction: number;
  valid: boolean;
  /** Why the scene is invalid (the first failed check), or null. */
  reason: InvalidReason | null;
}

/** The numbers the parser derives from a scene config (exposed for tests and reports). */
export interface ParserCalibration {
  maxColorDistance: number;
  minBlobArea: number;
  sizeTolerance: number;
  maxUnclassified: number;
  /** Fill ratio of a rendered disc's bounding box. */
  circleFill: number;
  /** Fill ratio at or above which a blob is a square. */
  squareThreshold: number;
  /** Fill ratio below which a blob is not a clean shape at all. */
  minFill: number;
}

export function calibrateParser(cfg: SceneConfig, options: ParserOptions = {}): ParserCalibration {
  const h = cfg.halfSize;
  let disc = 0;
  for (let dy = -h; dy <= h; dy++)
    for (let dx = -h; dx <= h; dx++) if (insideShape('circle', dx, dy, h)) disc++;
  const circleFill = disc / (2 * h + 1) ** 2;
  const all: Rgb[] = [cfg.background, ...cfg.colors.map((c) => c.rgb)];
  let minPair = Infinity;
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      minPair = Math.min(minPair, rgbDistance(all[i], all[j]));
  return {
    maxColorDistance: options.maxColorDistance ?? minPair / 2,
    minBlobArea: options.minBlobArea ?? Math.max(2, Math.floor(disc / 4)),
    sizeTolerance: options.sizeTolerance ?? 0.35,
    maxUnclassified: options.maxUnclassified ?? 0.2,
    circleFill,
    squareThreshold: (1 + circleFill) / 2,
    minFill: circleFill * 0.8,
  };
}

const BACKGROUND = 0;
const UNCLASSIFIED = -1;

/** Parses one image starting at element `offset` of NHWC float `pixels` (3 channels, cfg.valueRange). */
export class SceneParser {
  readonly calibration: ParserCalibration;
  private readonly labels: Int16Array;
  private readonly seen: Uint8Array;
  private readonly stack: Int32Array;
  private readonly palette: Rgb[];

  constructor(
    private readonly cfg: SceneConfig,
    options: ParserOptions = {},
  ) {
    this.calibration = calibrateParser(cfg, options);
    const n = cfg.imageSize * cfg.imageSize;
    this.labels = new Int16Array(n);
    this.seen = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.palette = [cfg.background, ...cfg.colors.map((c) => c.rgb)];
  }

  parse(pixels: Float32Array, offset = 0): ParsedScene {
    const { imageSize: size, valueRange } = this.cfg;
    const cal = this.calibration;
    const n = size * size;
    let unclassified = 0;
    // 1. Nearest palette colour per pixel (label 0 = background, k = colour k-1).
    for (let p = 0; p < n; p++) {
      const i = offset + p * 3;
      const rgb: Rgb = [
        toByteValue(pixels[i], valueRange),
        toByteValue(pixels[i + 1], valueRange),
        toByteValue(pixels[i + 2], valueRange),
      ];
      let best = UNCLASSIFIED;
      let bestD = cal.maxColorDistance;
      for (let k = 0; k < this.palette.length; k++) {
        const d = rgbDistance(rgb, this.palette[k]);
        if (d <= bestD) {
          bestD = d;
          best = k;
        }
      }
      this.labels[p] = best;
      if (best === UNCLASSIFIED) unclassified++;
    }
    // 2. Connected components (4-neighbourhood) of each object colour.
    this.seen.fill(0);
    const objects: ParsedObject[] = [];
    let specks = 0;
    for (let start = 0; start < n; start++) {
      const label = this.labels[start];
      if (label === BACKGROUND || label === UNCLASSIFIED || this.seen[start]) continue;
      let top = 0;
      this.stack[top++] = start;
      this.seen[start] = 1;
      let area = 0;
      let sx = 0;
      let sy = 0;
      let minX = size;
      let maxX = -1;
      let minY = size;
      let maxY = -1;
      while (top > 0) {
        const p = this.stack[--top];
        const x = p % size;
        const y = (p - x) / size;
        area++;
        sx += x;
        sy += y;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
        if (x > 0) top = this.visit(p - 1, label, top);
        if (x < size - 1) top = this.visit(p + 1, label, top);
        if (y > 0) top = this.visit(p - size, label, top);
        if (y < size - 1) top = this.visit(p + size, label, top);
      }
      if (area < cal.minBlobArea) {
        specks++;
        continue;
      }
      const width = maxX - minX + 1;
      const height = maxY - minY + 1;
      const fill = area / (width * height);
      objects.push({
        color: this.cfg.colors[label - 1].name,
        shape: this.shapeOf(width, height, fill),
        x: sx / area,
        y: sy / area,
        area,
        width,
        height,
        fill,
      });
    }
    const unclassifiedFraction = unclassified / n;
    const reason = this.invalidReason(objects, unclassifiedFraction);
    return { objects, specks, unclassifiedFraction, valid: reason === null, reason };
  }

  private visit(q: number, label: number, top: number): number {
    if (!this.seen[q] && this.labels[q] === label) {
      this.seen[q] = 1;
      this.stack[top++] = q;
    }
    return top;
  }

  private shapeOf(width: number, height: number, fill: number): ObjectShape | null {
    const cal = this.calibration;
    const side = 2 * this.cfg.halfSize + 1;
    const tol = cal.sizeTolerance;
    const okSize = (s: number) => s >= side * (1 - tol) && s <= side * (1 + tol);
    if (!okSize(width) || !okSize(height) || fill < cal.minFill) return null;
    if (!this.cfg.shapes.includes('square')) return 'circle';
    if (!this.cfg.shapes.includes('circle')) return 'square';
    return fill >= cal.squareThreshold ? 'square' : 'circle';
  }

  private invalidReason(
    objects: ParsedObject[],
    unclassifiedFraction: number,
  ): InvalidReason | null {
    if (objects.length !== this.cfg.objectCount) return 'object-count';
    if (objects.some((o) => o.shape === null)) return 'malformed-object';
    if (new Set(objects.map((o) => o.color)).size !== objects.length) return 'repeated-colour';
    if (unclassifiedFraction > this.calibration.maxUnclassified) return 'unclassified-pixels';
    return null;
  }
}

/** Parses `count` images of an NHWC batch. */
export function parseScenes(
  pixels: Float32Array,
  count: number,
  cfg: SceneConfig,
  options: ParserOptions = {},
): ParsedScene[] {
  const parser = new SceneParser(cfg, options);
  const stride = cfg.imageSize * cfg.imageSize * 3;
  return Array.from({ length: count }, (_, k) => parser.parse(pixels, k * stride));
}
