/**
 * Latent paths: a sequence of latent vectors to decode, one per animation frame. Pure functions
 * returning row-major Float32Array batches ([frames, zDim]); `pathToTensor` gives the tfjs view.
 */
import { Rng } from '@coordconv/common';
import type { Seed } from '@coordconv/common';
import { interpolator } from './vector.js';
import type { InterpolationMethod } from './vector.js';

export interface LatentPath {
  /** Row-major latent batch, `frames * zDim` values. */
  z: Float32Array;
  frames: number;
  zDim: number;
  /**
   * True when the path is a closed loop whose last frame repeats the first exactly. A looping GIF
   * should skip that last frame (otherwise the first picture shows twice in a row and the loop
   * stutters); smoothness figures keep it, so the closing step is measured too.
   */
  closed: boolean;
}

/** A view of frame `i`'s latent vector (no copy). */
export function latentAt(path: LatentPath, i: number): Float32Array {
  if (!Number.isInteger(i) || i < 0 || i >= path.frames) {
    throw new RangeError(`frame index must be an integer in [0, ${path.frames}), got ${i}`);
  }
  return path.z.subarray(i * path.zDim, (i + 1) * path.zDim);
}

/** Frames [start, end) of a path as a contiguous batch (no copy). */
export function latentBatch(path: LatentPath, start: number, end: number): Float32Array {
  return path.z.subarray(start * path.zDim, end * path.zDim);
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/**
 * `frames` evenly spaced points from `a` to `b`, both endpoints included (t = i / (frames - 1)).
 * Default method: 'norm-preserving', the CoordConv authors' choice.
 */
export function interpolatePath(
  a: Float32Array,
  b: Float32Array,
  frames: number,
  method: InterpolationMethod = 'norm-preserving',
): LatentPath {
  checkCount('frames', frames, 2);
  const f = interpolator(method);
  const zDim = a.length;
  const z = new Float32Array(frames * zDim);
  for (let i = 0; i < frames; i++) {
    f(a, b, i / (frames - 1), z.subarray(i * zDim, (i + 1) * zDim));
  }
  return { z, frames, zDim, closed: false };
}

/** How random keyframes are drawn. */
export interface KeyframeOptions {
  /** 'uniform' (default): U(low, high)^zDim, the CoordConv GAN's prior; 'normal': N(0, std^2). */
  distribution?: 'uniform' | 'normal';
  /** Uniform bounds, default [-1, 1]. */
  low?: number;
  high?: number;
  /** Normal standard deviation, default 1. */
  std?: number;
}

/** `count` random latent vectors, row-major [count, zDim], from a seed or an Rng. */
export function randomKeyframes(
  count: number,
  zDim: number,
  seed: Seed | Rng,
  options: KeyframeOptions = {},
): Float32Array {
  checkCount('keyframes', count, 1);
  checkCount('zDim', zDim, 1);
  const { distribution = 'uniform', low = -1, high = 1, std = 1 } = options;
  const rng = seed instanceof Rng ? seed : new Rng(seed);
  const out = new Float32Array(count * zDim);
  if (distribution === 'uniform') {
    if (!(high > low))
      throw new RangeError(`keyframe bounds need low < high, got [${low}, ${high}]`);
    rng.fillUniform(out, low, high);
  } else if (distribution === 'normal') {
    for (let i = 0; i < out.length; i++) out[i] = rng.normal(0, std);
  } else {
    throw new RangeError(`distribution must be 'uniform' or 'normal', got ${String(distribution)}`);
  }
  return out;
}

export interface LoopOptions {
  /** Row-major [K, zDim] keyframes (K >= 2), e.g. from `randomKeyframes`. */
  keyframes: Float32Array;
  zDim: number;
  /** Frames per segment (keyframe k to k+1), >= 1. */
  framesPerSegment: number;
  method?: InterpolationMethod;
}

/**
 * A closed loop through K keyframes: segment k runs from keyframe k to keyframe (k + 1) mod K
 * with `framesPerSegment` frames at t = i / framesPerSegment (i = 0 .. N-1), so frame k*N is
 * keyframe k exactly. One more frame closes the loop: K*N + 1 frames, the last equal to the
 * first (`closed: true`; a looping GIF drops it, see LatentPath.closed).
 */
export function loopPath(options: LoopOptions): LatentPath {
  const { keyframes, zDim, framesPerSegment, method = 'norm-preserving' } = options;
  checkCount('zDim', zDim, 1);
  checkCount('framesPerSegment', framesPerSegment, 1);
  if (keyframes.length % zDim !== 0) {
    throw new RangeError(`keyframes length ${keyframes.length} is not a multiple of zDim ${zDim}`);
  }
  const k = keyframes.length / zDim;
  checkCount('keyframes (count)', k, 2);
  const f = interpolator(method);
  const frames = k * framesPerSegment + 1;
  const z = new Float32Array(frames * zDim);
  const key = (j: number): Float32Array => keyframes.subarray(j * zDim, (j + 1) * zDim);
  for (let s = 0; s < k; s++) {
    const a = key(s);
    const b = key((s + 1) % k);
    for (let i = 0; i < framesPerSegment; i++) {
      const row = s * framesPerSegment + i;
      f(a, b, i / framesPerSegment, z.subarray(row * zDim, (row + 1) * zDim));
    }
  }
  z.set(key(0), (frames - 1) * zDim);
  return { z, frames, zDim, closed: true };
}

/** Convenience: a seeded loop through `keyframes` random points (see `loopPath`). */
export function randomLoop(
  options: {
    zDim: number;
    keyframes: number;
    framesPerSegment: number;
    seed: Seed | Rng;
    method?: InterpolationMethod;
  } & KeyframeOptions,
): LatentPath {
  const { zDim, keyframes, framesPerSegment, seed, method, ...keyOpts } = options;
  const keys = randomKeyframes(keyframes, zDim, seed, keyOpts);
  return loopPath({ keyframes: keys, zDim, framesPerSegment, method });
}

export interface GridSweepOptions {
  /** The point the sweep is taken around: every other dimension keeps its value. */
  base: Float32Array;
  /** The two latent dimensions swept: the first varies down the rows, the second across columns. */
  dims: readonly [number, number];
  rows: number;
  cols: number;
  /** Sweep range, default [-1, 1] (the U(-1, 1) prior's full range). */
  range?: readonly [number, number];
  /**
   * 'absolute' (default): the swept dimensions take the range's values; 'offset': the range is
   * added to the base values (a neighbourhood of the base point).
   */
  mode?: 'absolute' | 'offset';
}

export interface GridPath extends LatentPath {
  rows: number;
  cols: number;
}

/** A rows x cols grid of latents (row-major: frame r*cols + c) sweeping two dimensions. */
export function gridSweep(options: GridSweepOptions): GridPath {
  const { base, dims, rows, cols, range = [-1, 1], mode = 'absolute' } = options;
  const zDim = base.length;
  checkCount('rows', rows, 1);
  checkCount('cols', cols, 1);
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d >= zDim) {
      throw new RangeError(`dims must be two integers in [0, ${zDim}), got [${dims.join(', ')}]`);
    }
  }
  if (dims[0] === dims[1]) throw new RangeError(`dims must differ, got [${dims.join(', ')}]`);
  if (mode !== 'absolute' && mode !== 'offset') {
    throw new RangeError(`mode must be 'absolute' or 'offset', got ${String(mode)}`);
  }
  const [lo, hi] = range;
  const at = (i: number, n: number): number =>
    n === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * i) / (n - 1);
  const frames = rows * cols;
  const z = new Float32Array(frames * zDim);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const row = z.subarray((r * cols + c) * zDim, (r * cols + c + 1) * zDim);
      row.set(base);
      const [dr, dc] = dims;
      row[dr] = (mode === 'offset' ? (base[dr] as number) : 0) + at(r, rows);
      row[dc] = (mode === 'offset' ? (base[dc] as number) : 0) + at(c, cols);
    }
  }
  return { z, frames, zDim, closed: false, rows, cols };
}
