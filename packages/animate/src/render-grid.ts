/**
 * A PNG of a 2-D latent sweep: two latent dimensions varied over a rows x cols grid around a base
 * point, one contact sheet per model, side by side under the models' labels.
 */
import { writePng } from '@coordconv/common';
import type { Image8, Seed } from '@coordconv/common';
import { gridSweep, randomKeyframes } from './paths.js';
import type { GridPath, GridSweepOptions, KeyframeOptions } from './paths.js';
import { PanelComposer, contactSheet } from './layout.js';
import { openDecoders } from './decoders.js';
import type { LabeledDecoder } from './decoders.js';

export interface RenderGridOptions extends Omit<GridSweepOptions, 'base' | 'dims'> {
  decoders: readonly LabeledDecoder[];
  zDim?: number;
  /** Base latent; default: one random latent from `seed` (and `keyframe` distribution options). */
  base?: Float32Array;
  seed?: Seed;
  keyframe?: KeyframeOptions;
  /** The two swept dimensions (default [0, 1]). */
  dims?: readonly [number, number];
  /** The PNG to write. */
  out: string;
  /** Nearest upscaling of each cell (default 1). */
  scale?: number;
  /** Pixels between cells (default 1). */
  gap?: number;
}

export interface GridResult {
  image: Image8;
  path: GridPath;
}

export async function renderGrid(options: RenderGridOptions): Promise<GridResult> {
  const set = await openDecoders(options.decoders, options.zDim);
  try {
    const base = options.base ?? randomKeyframes(1, set.zDim, options.seed ?? 0, options.keyframe);
    if (base.length !== set.zDim)
      throw new RangeError(`base has ${base.length} dims, the decoders expect zDim ${set.zDim}`);
    const path = gridSweep({ ...options, base, dims: options.dims ?? [0, 1] });
    const images = await set.decodeAll(path.z, path.frames);
    const sheets = images.map((imgs) =>
      contactSheet(imgs, { cols: path.cols, gap: options.gap ?? 1, scale: options.scale ?? 1 }),
    );
    const s0 = sheets[0] as Image8;
    sheets.forEach((s, m) => {
      if (s.width !== s0.width || s.height !== s0.height) {
        const size = (i: number): string => `${images[i]?.[0]?.width}x${images[i]?.[0]?.height}`;
        throw new RangeError(
          `decoders make different image sizes: ${set.labels[0]} ${size(0)}, ${set.labels[m]} ${size(m)}`,
        );
      }
    });
    const composer = new PanelComposer({
      labels: set.labels,
      panelWidth: s0.width,
      panelHeight: s0.height,
      counter: false,
    });
    const image = composer.compose(sheets);
    await writePng(options.out, image);
    return { image, path };
  } finally {
    set.dispose();
  }
}
