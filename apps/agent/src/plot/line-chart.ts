/**
 * A small line-chart renderer for learning curves (curve.png, compare.png): lines with optional
 * shaded bands (e.g. min..max across seeds), dashed reference lines (e.g. the random policy),
 * "nice" axis ticks, a legend, and text in @coordconv/animate's 5x7 font. Pure pixels in, an
 * RGB `Image8` out; `writeLineChart` saves it with common's `writePng` (atomic).
 */
import { drawText, measureText, rgbCanvas, type Rgb } from '@coordconv/animate';
import { writePng, type Image8 } from '@coordconv/common';

export interface ChartSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Lower and upper edge of a shaded band around the line (same length as x). */
  low?: ArrayLike<number>;
  high?: ArrayLike<number>;
  color?: Rgb;
}

export interface ReferenceLine {
  label: string;
  y: number;
  color?: Rgb;
}

export interface LineChartOptions {
  series: ChartSeries[];
  reference?: ReferenceLine[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

/** Colour-blind-friendly defaults (Okabe-Ito). */
export const SERIES_COLORS: Rgb[] = [
  [0, 114, 178],
  [213, 94, 0],
  [0, 158, 115],
  [204, 121, 167],
  [230, 159, 0],
  [86, 180, 233],
];

/** Ticks at 1, 2 or 5 times a power of ten covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Short tick labels: 1200000 -> 1.2M, 25000 -> 25k, 0.5 -> 0.5. */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  const trim = (x: number) => String(Number(x.toPrecision(3)));
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function finiteRange(values: number[]): [number, number] {
  const f = values.filter(Number.isFinite);
  if (f.length === 0) return [0, 1];
  let lo = Math.min(...f);
  let hi = Math.max(...f);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

class Canvas {
  constructor(readonly img: Image8) {}
  blend(x: number, y: number, c: Rgb, alpha = 1): void {
    const { width, height, data } = this.img;
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (y * width + x) * 3;
    for (let k = 0; k < 3; k++)
      data[i + k] = Math.round((data[i + k] as number) * (1 - alpha) + c[k]! * alpha);
  }
  /** A line `thickness` pixels wide (DDA, one dab per step). */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 2, dash = 0): void {
    const n = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let s = 0; s <= n; s++) {
      if (dash > 0 && Math.floor(s / dash) % 2 === 1) continue;
      const x = x0 + ((x1 - x0) * s) / n;
      const y = y0 + ((y1 - y0) * s) / n;
      for (let dx = 0; dx < thickness; dx++)
        for (let dy = 0; dy < thickness; dy++)
          this.blend(x + dx - (thickness - 1) / 2, y + dy - (thickness - 1) / 2, c);
    }
  }
  rect(x0: number, y0: number, x1: number, y1: number, c: Rgb, alpha = 1): void {
    for (let y = Math.round(y0); y <= Math.round(y1); y++)
      for (let x = Math.round(x0); x <= Math.round(x1); x++) this.blend(x, y, c, alpha);
  }
  text(s: string, x: number, y: number, c: Rgb = [0, 0, 0]): void {
    drawText(this.img, s, Math.round(x), Math.round(y), c, 1);
  }
}

/** Renders the chart. Non-finite y values break the line (no point is drawn there). */
export function drawLineChart(options: LineChartOptions): Image8 {
  const width = options.width ?? 720;
  const height = options.height ?? 420;
  const img = rgbCanvas(width, height, [255, 255, 255]);
  const cv = new Canvas(img);
  const series = options.series;
  const refs = options.reference ?? [];
  const xs = series.flatMap((s) => Array.from(s.x));
  const ys = [
    ...series.flatMap((s) => [
      ...Array.from(s.y),
      ...Array.from(s.low ?? []),
      ...Array.from(s.high ?? []),
    ]),
    ...refs.map((r) => r.y),
  ];
  const [x0, x1] = finiteRange(xs);
  const [y0, y1] = finiteRange(ys);
  const left = 56;
  const right = width - 16;
  // Room for the title (row 8) and, under it, the y-axis label.
  const top = (options.title ? 20 : 6) + (options.yLabel ? 16 : 8);
  const bottom = height - (options.xLabel ? 40 : 26);
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * (right - left);
  const py = (y: number) => bottom - ((y - y0) / (y1 - y0)) * (bottom - top);

  // grid and ticks
  const grey: Rgb = [225, 225, 225];
  for (const t of niceTicks(x0, x1, 6)) {
    cv.line(px(t), top, px(t), bottom, grey, 1);
    const label = formatTick(t);
    cv.text(label, px(t) - measureText(label).width / 2, bottom + 6);
  }
  for (const t of niceTicks(y0, y1, 5)) {
    cv.line(left, py(t), right, py(t), grey, 1);
    const label = formatTick(t);
    cv.text(label, left - 6 - measureText(label).width, py(t) - 3);
  }
  cv.line(left, bottom, right, bottom, [0, 0, 0], 1);
  cv.line(left, top, left, bottom, [0, 0, 0], 1);

  // bands, then reference lines, then lines on top
  series.forEach((s, k) => {
    if (!s.low || !s.high) return;
    const c = s.color ?? SERIES_COLORS[k % SERIES_COLORS.length]!;
    for (let i = 0; i + 1 < s.x.length; i++) {
      const xa = px(s.x[i] as number);
      const xb = px(s.x[i + 1] as number);
      // Each column once: a segment ends where the next one starts (alpha would double up).
      const last = i + 2 === s.x.length;
      for (let x = Math.round(xa); last ? x <= Math.round(xb) : x < Math.round(xb); x++) {
        const f = xb > xa ? (x - xa) / (xb - xa) : 0;
        const lo = (s.low[i] as number) * (1 - f) + (s.low[i + 1] as number) * f;
        const hi = (s.high[i] as number) * (1 - f) + (s.high[i + 1] as number) * f;
        if (Number.isFinite(lo) && Number.isFinite(hi)) cv.rect(x, py(hi), x, py(lo), c, 0.18);
      }
    }
  });
  refs.forEach((r) => cv.line(left, py(r.y), right, py(r.y), r.color ?? [120, 120, 120], 1, 6));
  series.forEach((s, k) => {
    const c = s.color ?? SERIES_COLORS[k % SERIES_COLORS.length]!;
    for (let i = 0; i + 1 < s.x.length; i++) {
      const ya = s.y[i] as number;
      const yb = s.y[i + 1] as number;
      if (Number.isFinite(ya) && Number.isFinite(yb))
        cv.line(px(s.x[i] as number), py(ya), px(s.x[i + 1] as number), py(yb), c, 2);
    }
    if (s.x.length === 1 && Number.isFinite(s.y[0] as number))
      cv.rect(
        px(s.x[0] as number) - 2,
        py(s.y[0] as number) - 2,
        px(s.x[0] as number) + 2,
        py(s.y[0] as number) + 2,
        c,
      );
  });

  // legend, labels, title
  const entries = [
    ...series.map((s, k) => ({
      label: s.label,
      color: s.color ?? SERIES_COLORS[k % SERIES_COLORS.length]!,
      dash: false,
    })),
    ...refs.map((r) => ({
      label: r.label,
      color: r.color ?? ([120, 120, 120] as Rgb),
      dash: true,
    })),
  ];
  const legendWidth = Math.max(0, ...entries.map((e) => measureText(e.label).width)) + 30;
  if (entries.length)
    cv.rect(
      left + 8,
      top + 6,
      left + 8 + legendWidth,
      top + 10 + entries.length * 12,
      [255, 255, 255],
      0.85,
    );
  entries.forEach((e, k) => {
    const y = top + 12 + k * 12;
    cv.line(left + 12, y, left + 28, y, e.color, 2, e.dash ? 4 : 0);
    cv.text(e.label, left + 32, y - 3);
  });
  if (options.title) cv.text(options.title, (width - measureText(options.title).width) / 2, 8);
  if (options.xLabel)
    cv.text(options.xLabel, (left + right - measureText(options.xLabel).width) / 2, height - 14);
  if (options.yLabel) cv.text(options.yLabel, 4, top - 13);
  return img;
}

export async function writeLineChart(path: string, options: LineChartOptions): Promise<void> {
  await writePng(path, drawLineChart(options));
}
