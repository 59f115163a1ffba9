/**
 * Smoothness figures for an animation: the paper's qualitative claim (CoordConv GAN objects slide
 * smoothly along a latent path; plain-GAN objects fade and jump) as numbers.
 *  - per-step change: mean absolute difference between consecutive frames, as a fraction of full
 *    scale (0 = identical, 1 = black <-> white everywhere);
 *  - jump ratio: the largest step over the mean step (about 1 for steady motion, large when a
 *    few steps carry most of the change), and the number of steps above `jumpFactor` x the mean;
 *  - frozen pixels: the fraction of pixel positions that never change by more than `tolerance`
 *    over the whole path.
 */
import type { Image8 } from '@coordconv/common';
import { checkImage } from './image.js';

export interface SmoothnessOptions {
  /** A pixel counts as changed when a channel moves by more than this many levels (default 8 of 255). */
  tolerance?: number;
  /** A step counts as a jump when its change exceeds this multiple of the mean step (default 3). */
  jumpFactor?: number;
}

export interface SmoothnessFigures {
  frames: number;
  /** Per-step mean absolute change, fraction of full scale; length frames - 1. */
  steps: number[];
  meanStep: number;
  maxStep: number;
  /** maxStep / meanStep; 0 when nothing changes. */
  jumpRatio: number;
  /** Steps whose change exceeds jumpFactor x meanStep. */
  jumps: number;
  /** Fraction of pixel positions that never change by more than `tolerance`. */
  frozenFraction: number;
  tolerance: number;
  jumpFactor: number;
}

/** Streaming form: feed frames one at a time (memory: two frames), then read `figures()`. */
export class SmoothnessMeter {
  private prev: Uint8Array | undefined;
  private changed: Uint8Array | undefined;
  private shape: [number, number, number] | undefined;
  private readonly steps: number[] = [];
  private frames = 0;
  private readonly tolerance: number;
  private readonly jumpFactor: number;

  constructor(options: SmoothnessOptions = {}) {
    this.tolerance = options.tolerance ?? 8;
    this.jumpFactor = options.jumpFactor ?? 3;
    if (!(this.tolerance >= 0))
      throw new RangeError(`tolerance must be >= 0, got ${this.tolerance}`);
    if (!(this.jumpFactor > 0))
      throw new RangeError(`jumpFactor must be > 0, got ${this.jumpFactor}`);
  }

  add(frame: Image8): void {
    checkImage(frame, 'smoothness frame');
    const { width, height, channels, data } = frame;
    if (!this.shape) {
      this.shape = [width, height, channels];
      this.prev = new Uint8Array(data);
      this.changed = new Uint8Array(width * height);
      this.frames = 1;
      return;
    }
    const [w, h, c] = this.shape;
    if (w !== width || h !== height || c !== channels) {
      throw new RangeError(
        `smoothness frame ${this.frames} is ${width}x${height}x${channels}, frame 0 was ${w}x${h}x${c}`,
      );
    }
    const prev = this.prev as Uint8Array;
    const changed = this.changed as Uint8Array;
    const tol = this.tolerance;
    let sum = 0;
    for (let p = 0, i = 0; p < w * h; p++) {
      for (let k = 0; k < c; k++, i++) {
        const d = Math.abs((data[i] as number) - (prev[i] as number));
        sum += d;
        if (d > tol) changed[p] = 1;
        prev[i] = data[i] as number;
      }
    }
    this.steps.push(sum / (255 * data.length));
    this.frames++;
  }

  figures(): SmoothnessFigures {
    const steps = this.steps.slice();
    const meanStep = steps.length ? steps.reduce((a, b) => a + b, 0) / steps.length : 0;
    const maxStep = steps.length ? Math.max(...steps) : 0;
    const changed = this.changed;
    let frozen = 0;
    if (changed) for (let p = 0; p < changed.length; p++) frozen += changed[p] ? 0 : 1;
    return {
      frames: this.frames,
      steps,
      meanStep,
      maxStep,
      jumpRatio: meanStep > 0 ? maxStep / meanStep : 0,
      jumps: meanStep > 0 ? steps.filter((s) => s > this.jumpFactor * meanStep).length : 0,
      frozenFraction: changed && changed.length ? frozen / changed.length : 1,
      tolerance: this.tolerance,
      jumpFactor: this.jumpFactor,
    };
  }
}

/** Smoothness figures of a frame sequence (see file comment). */
export function smoothness(
  frames: Iterable<Image8>,
  options: SmoothnessOptions = {},
): SmoothnessFigures {
  const m = new SmoothnessMeter(options);
  for (const f of frames) m.add(f);
  return m.figures();
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

/** One line, e.g. `CoordConv: mean step 0.52% | max/mean 1.31 | jumps 0/96 | frozen 78.4%`. */
export function formatSmoothness(label: string, f: SmoothnessFigures): string {
  return (
    `${label}: mean step ${pct(f.meanStep)} | max/mean ${f.jumpRatio.toFixed(2)} | ` +
    `jumps (>${f.jumpFactor}x mean) ${f.jumps}/${f.steps.length} | frozen pixels ${pct(f.frozenFraction)}`
  );
}

/** An aligned table for several models on the same path, with a line saying what the columns mean. */
export function formatSmoothnessTable(
  rows: readonly { label: string; figures: SmoothnessFigures }[],
): string {
  const head = ['model', 'mean step', 'max/mean', 'jumps', 'frozen px'];
  const body = rows.map(({ label, figures: f }) => [
    label,
    pct(f.meanStep),
    f.jumpRatio.toFixed(2),
    `${f.jumps}/${f.steps.length}`,
    pct(f.frozenFraction),
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((r) => (r[i] as string).length)),
  );
  const line = (r: string[]): string =>
    r
      .map((v, i) => (i === 0 ? v.padEnd(widths[i] as number) : v.padStart(widths[i] as number)))
      .join('  ');
  const f0 = rows[0]?.figures;
  const note = f0
    ? `mean step: mean |frame diff| (full scale = 100%); max/mean: largest step / mean step (~1 = steady); ` +
      `jumps: steps > ${f0.jumpFactor}x mean; frozen px: never change by > ${f0.tolerance}/255`
    : '';
  return [line(head), ...body.map(line), note].join('\n');
}
