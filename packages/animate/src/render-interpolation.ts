/**
 * One call for the whole interpolation figure: build a latent path, decode it with every model,
 * lay the models out side by side (label above each panel, frame counter below), stream the
 * frames into a GIF and measure each model's smoothness on the way. Memory stays flat: frames
 * are decoded `batchSize` at a time and written as they come.
 */
import type { Image8, Seed, StopSignal } from '@coordconv/common';
import { GifWriter } from './gif-writer.js';
import type { GifSummary, GifWriterOptions } from './gif-writer.js';
import { PanelComposer, frameCounterText } from './layout.js';
import { buildPalette } from './palette.js';
import { interpolatePath, latentBatch, randomLoop } from './paths.js';
import type { KeyframeOptions, LatentPath } from './paths.js';
import { SmoothnessMeter, formatSmoothnessTable } from './smoothness.js';
import type { SmoothnessFigures, SmoothnessOptions } from './smoothness.js';
import { openDecoders } from './decoders.js';
import type { LabeledDecoder } from './decoders.js';
import type { InterpolationMethod } from './vector.js';
import { writeRgba } from './image.js';
import { writeStills } from './stills.js';

/** A closed loop through `keyframes` seeded random latents (see `loopPath`). */
export interface LoopPathSpec extends KeyframeOptions {
  kind: 'loop';
  /** Default 4. */
  keyframes?: number;
  /** Default 24. */
  framesPerSegment?: number;
  /** Default 0. */
  seed?: Seed;
  method?: InterpolationMethod;
}

/** `frames` points from `a` to `b` (both included). */
export interface BetweenPathSpec {
  kind: 'between';
  a: Float32Array;
  b: Float32Array;
  frames: number;
  method?: InterpolationMethod;
}

export type PathSpec = LatentPath | LoopPathSpec | BetweenPathSpec;

export interface RenderInterpolationOptions {
  /** The models, left to right. */
  decoders: readonly LabeledDecoder[];
  /** The latent path, or how to build one (default: a 4-keyframe loop, 24 frames per segment, seed 0). */
  path?: PathSpec;
  /** Latent size, when no decoder declares it (plain functions). */
  zDim?: number;
  /** The GIF file to write (atomically). */
  out: string;
  /** Frame delay (default 80 ms). */
  delayMs?: number;
  /** Nearest upscaling of each panel (default 2). */
  scale?: number;
  /** Font pixel size (default 1). */
  textScale?: number;
  /** Draw "frame i/N" under the panels (default true). */
  counter?: boolean;
  /** More GIF options (palette strategy, loop, ...). */
  gif?: Omit<GifWriterOptions, 'width' | 'height' | 'delayMs' | 'scale'>;
  /** Composed frames decoded up front to build the GIF palette, spread over the path (default 8). */
  paletteSamples?: number;
  smoothness?: SmoothnessOptions;
  /** Also write a PNG contact sheet of `stillsCount` evenly spaced composed frames here. */
  stillsOut?: string;
  /** Default 8. */
  stillsCount?: number;
  /** Called after each frame. */
  onProgress?: (done: number, total: number) => void;
  /** Stop early when `stopped` turns true (e.g. `onInterrupt()`); the GIF keeps the frames so far. */
  stop?: Pick<StopSignal, 'stopped'>;
}

export interface InterpolationResult {
  gif: GifSummary;
  path: LatentPath;
  /** Per model, on every path frame (a closed loop's closing step included). */
  smoothness: { label: string; figures: SmoothnessFigures }[];
  /** The smoothness table, ready to print. */
  report: string;
  /** True when `stop` ended the render early. */
  stopped: boolean;
}

/** Builds the latent path a PathSpec describes. */
export function resolvePath(spec: PathSpec | undefined, zDim: number): LatentPath {
  const s = spec ?? { kind: 'loop' };
  if ('z' in s) {
    if (s.zDim !== zDim)
      throw new RangeError(`path has zDim ${s.zDim}, the decoders expect ${zDim}`);
    return s;
  }
  if (s.kind === 'between') return interpolatePath(s.a, s.b, s.frames, s.method);
  if (s.kind === 'loop') {
    const { keyframes = 4, framesPerSegment = 24, seed = 0, method, ...keyOpts } = s;
    return randomLoop({ zDim, keyframes, framesPerSegment, seed, method, ...keyOpts });
  }
  throw new RangeError(
    `path.kind must be 'loop' or 'between' (or pass a LatentPath), got ${String((s as { kind: unknown }).kind)}`,
  );
}

/** Evenly spaced indices 0..n-1, `count` of them (fewer when n is smaller). */
export function spreadIndices(n: number, count: number): number[] {
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  if (count <= 1) return [0];
  return Array.from({ length: count }, (_, k) => Math.round((k * (n - 1)) / (count - 1)));
}

export async function renderInterpolation(
  options: RenderInterpolationOptions,
): Promise<InterpolationResult> {
  const set = await openDecoders(options.decoders, options.zDim);
  try {
    const path = resolvePath(options.path, set.zDim);
    // A looping GIF of a closed path skips the repeated first frame (see LatentPath.closed).
    const loops = options.gif?.loop !== false;
    const gifFrames = path.closed && loops ? path.frames - 1 : path.frames;
    const total = path.frames;

    // Decode a spread sample first: it fixes the panel size and the GIF palette.
    const sampleIdx = spreadIndices(total, options.paletteSamples ?? 8);
    const sampleZ = new Float32Array(sampleIdx.length * path.zDim);
    sampleIdx.forEach((f, k) => sampleZ.set(latentBatch(path, f, f + 1), k * path.zDim));
    const sample = await set.decodeAll(sampleZ, sampleIdx.length);
    const first = (sample[0] as Image8[])[0] as Image8;
    sample.forEach((imgs, m) => {
      const img = imgs[0] as Image8;
      if (img.width !== first.width || img.height !== first.height) {
        throw new RangeError(
          `decoders make different image sizes: ${set.labels[0]} ${first.width}x${first.height}, ${set.labels[m]} ${img.width}x${img.height}`,
        );
      }
    });
    const composer = new PanelComposer({
      labels: set.labels,
      panelWidth: first.width,
      panelHeight: first.height,
      scale: options.scale ?? 2,
      textScale: options.textScale ?? 1,
      counter: options.counter ?? true,
    });
    const counter = (i: number): string => frameCounterText(i, gifFrames);
    const sampleRgba = sampleIdx.map((f, k) => {
      const composed = composer.compose(
        sample.map((imgs) => imgs[k] as Image8),
        counter(Math.min(f, gifFrames - 1)),
      );
      return writeRgba(composed, new Uint8Array(composer.width * composer.height * 4));
    });
    const palette = options.gif?.palette ?? buildPalette(sampleRgba, 256, options.gif?.format);

    const gif = await GifWriter.create(options.out, {
      ...options.gif,
      palette,
      width: composer.width,
      height: composer.height,
      delayMs: options.delayMs ?? 80,
    });
    const meters = set.labels.map(() => new SmoothnessMeter(options.smoothness));
    const stillIdx = new Set(
      options.stillsOut ? spreadIndices(gifFrames, options.stillsCount ?? 8) : [],
    );
    const stills: Image8[] = [];
    let stopped = false;
    try {
      const batch = Math.max(...set.decoders.map((d) => d.batchSize));
      for (let s = 0; s < total && !stopped; s += batch) {
        const e = Math.min(total, s + batch);
        const frames = await set.decodeAll(latentBatch(path, s, e), e - s);
        for (let i = s; i < e; i++) {
          const panels = frames.map((imgs) => imgs[i - s] as Image8);
          panels.forEach((p, m) => (meters[m] as SmoothnessMeter).add(p));
          if (i >= gifFrames) continue;
          const composed = composer.compose(panels, counter(i));
          await gif.addFrame(composed);
          if (stillIdx.has(i)) stills.push({ ...composed, data: composed.data.slice() });
          options.onProgress?.(i + 1, gifFrames);
          if (options.stop?.stopped) {
            stopped = true;
            break;
          }
        }
      }
    } catch (err) {
      await gif.abort();
      throw err;
    }
    const summary = await gif.close();
    if (options.stillsOut && stills.length > 0) await writeStills(options.stillsOut, stills);
    const smoothness = set.labels.map((label, m) => ({
      label,
      figures: (meters[m] as SmoothnessMeter).figures(),
    }));
    return { gif: summary, path, smoothness, report: formatSmoothnessTable(smoothness), stopped };
  } finally {
    set.dispose();
  }
}
