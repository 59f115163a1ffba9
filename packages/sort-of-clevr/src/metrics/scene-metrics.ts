/**
 * Numbers that say whether a generator covers the data or collapsed: the valid-scene rate, the
 * distribution of object centres against the data's (Jensen-Shannon divergence on a grid, and how
 * much of the data's grid the samples reach), and the balance of colours and shapes.
 */
import type { SceneConfig } from '../dataset/scene-config.js';
import type { InvalidReason, ParsedScene } from './parse-scene.js';

export interface SceneMetricsOptions {
  /** Cells per axis of the centre histogram; default 8. */
  gridCells?: number;
}

export interface SceneMetrics {
  images: number;
  /** Fraction of images the parser reads as valid scenes. */
  validRate: number;
  /** Mean number of objects (blobs above the speck size) per image. */
  meanObjects: number;
  /** Fraction of images per invalid reason. */
  invalidReasons: Record<InvalidReason, number>;
  /** Fraction of well-formed objects per colour (data: uniform over the palette used). */
  colorBalance: Record<string, number>;
  /** Fraction of well-formed objects per shape. */
  shapeBalance: Record<string, number>;
  /** Jensen-Shannon divergence (bits, 0..1) between the centre histograms of samples and data. */
  centreJsd: number;
  /** The same divergence per colour: position entangled with colour shows up here (e.g. red only on the left). */
  centreJsdByColor: Record<string, number>;
  /** Fraction of the grid cells holding data centres that also hold sample centres. */
  centreCoverage: number;
  /** Mean fraction of pixels no colour explains. */
  unclassifiedFraction: number;
}

/** Histogram (normalized, gridCells^2) of the centres of well-formed objects (of one colour, if given). */
export function centreHistogram(
  scenes: readonly ParsedScene[],
  imageSize: number,
  gridCells = 8,
  color?: string,
): Float64Array {
  const hist = new Float64Array(gridCells * gridCells);
  let total = 0;
  for (const s of scenes) {
    for (const o of s.objects) {
      if (o.shape === null || (color !== undefined && o.color !== color)) continue;
      const cx = Math.min(gridCells - 1, Math.max(0, Math.floor((o.x / imageSize) * gridCells)));
      const cy = Math.min(gridCells - 1, Math.max(0, Math.floor((o.y / imageSize) * gridCells)));
      hist[cy * gridCells + cx]++;
      total++;
    }
  }
  if (total > 0) for (let i = 0; i < hist.length; i++) hist[i] /= total;
  return hist;
}

/** Jensen-Shannon divergence in bits between two normalized histograms; 1 when either is empty. */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length)
    throw new RangeError(`jensenShannon: lengths differ (${p.length} vs ${q.length})`);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i];
    sq += q[i];
  }
  if (sp === 0 || sq === 0) return 1;
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sp;
    const b = q[i] / sq;
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  }
  return Math.max(0, Math.min(1, js));
}

function fractions(counts: Map<string, number>, keys: readonly string[]): Record<string, number> {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return Object.fromEntries(keys.map((k) => [k, total ? (counts.get(k) ?? 0) / total : 0]));
}

/** Compares parsed samples with parsed data scenes. */
export function sceneMetrics(
  samples: readonly ParsedScene[],
  data: readonly ParsedScene[],
  cfg: SceneConfig,
  options: SceneMetricsOptions = {},
): SceneMetrics {
  const grid = options.gridCells ?? 8;
  const n = samples.length;
  const reasons: Record<InvalidReason, number> = {
    'object-count': 0,
    'malformed-object': 0,
    'repeated-colour': 0,
    'unclassified-pixels': 0,
  };
  const colors = new Map<string, number>();
  const shapes = new Map<string, number>();
  let valid = 0;
  let objects = 0;
  let unclassified = 0;
  for (const s of samples) {
    if (s.valid) valid++;
    else if (s.reason) reasons[s.reason]++;
    objects += s.objects.length;
    unclassified += s.unclassifiedFraction;
    for (const o of s.objects) {
      if (o.shape === null) continue;
      colors.set(o.color, (colors.get(o.color) ?? 0) + 1);
      shapes.set(o.shape, (shapes.get(o.shape) ?? 0) + 1);
    }
  }
  const ps = centreHistogram(samples, cfg.imageSize, grid);
  const pd = centreHistogram(data, cfg.imageSize, grid);
  let dataCells = 0;
  let reached = 0;
  for (let i = 0; i < pd.length; i++) {
    if (pd[i] > 0) {
      dataCells++;
      if (ps[i] > 0) reached++;
    }
  }
  const div = (x: number) => (n ? x / n : 0);
  return {
    images: n,
    validRate: div(valid),
    meanObjects: div(objects),
    invalidReasons: Object.fromEntries(
      Object.entries(reasons).map(([k, v]) => [k, div(v)]),
    ) as Record<InvalidReason, number>,
    colorBalance: fractions(
      colors,
      cfg.colors.map((c) => c.name),
    ),
    shapeBalance: fractions(shapes, cfg.shapes),
    centreJsd: jensenShannon(ps, pd),
    centreJsdByColor: Object.fromEntries(
      cfg.colors.map((c) => [
        c.name,
        jensenShannon(
          centreHistogram(samples, cfg.imageSize, grid, c.name),
          centreHistogram(data, cfg.imageSize, grid, c.name),
        ),
      ]),
    ),
    centreCoverage: dataCells ? reached / dataCells : 0,
    unclassifiedFraction: div(unclassified),
  };
}
