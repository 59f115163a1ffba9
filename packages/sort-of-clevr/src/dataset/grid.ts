/** Tiling float image batches into one 8-bit picture (sample grids, data grids, coverage maps). */
import { writePng, type Image8 } from '@coordconv/common';
import type { ValueRange } from './scene-config.js';

export interface GridOptions {
  /** Columns of the grid; default ceil(sqrt(count)). */
  cols?: number;
  /** Pixels between tiles; default 2. */
  pad?: number;
  /** 8-bit gray level of the padding; default 128. */
  padValue?: number;
  /** How the float values map to bytes; default `tanh` ([-1, 1]). */
  valueRange?: ValueRange;
}

/**
 * Tiles `count` NHWC images (`height` x `width` x `channels`, 1 or 3 channels) into one RGB
 * image, clamping values to the range.
 */
export function imageGrid(
  images: Float32Array,
  shape: readonly [number, number, number, number],
  options: GridOptions = {},
): Image8 {
  const [count, height, width, channels] = shape;
  if (channels !== 1 && channels !== 3)
    throw new RangeError(`imageGrid: channels must be 1 or 3, got ${channels}`);
  if (images.length < count * height * width * channels) {
    throw new RangeError(
      `imageGrid: ${images.length} values are fewer than shape ${shape.join('x')} needs`,
    );
  }
  const cols = options.cols ?? Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.max(1, Math.ceil(count / cols));
  const pad = options.pad ?? 2;
  const gw = cols * width + (cols + 1) * pad;
  const gh = rows * height + (rows + 1) * pad;
  const data = new Uint8Array(gw * gh * 3).fill(options.padValue ?? 128);
  const tanh = (options.valueRange ?? 'tanh') === 'tanh';
  for (let k = 0; k < count; k++) {
    const ox = pad + (k % cols) * (width + pad);
    const oy = pad + Math.floor(k / cols) * (height + pad);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const src = ((k * height + y) * width + x) * channels;
        const dst = ((oy + y) * gw + ox + x) * 3;
        for (let c = 0; c < 3; c++) {
          const v = images[src + (channels === 1 ? 0 : c)];
          const b = tanh ? (v + 1) * 127.5 : v * 255;
          data[dst + c] = Math.max(0, Math.min(255, Math.round(b)));
        }
      }
    }
  }
  return { width: gw, height: gh, channels: 3, data };
}

/** Writes an image grid as PNG (atomically). */
export async function writeImageGrid(
  path: string,
  images: Float32Array,
  shape: readonly [number, number, number, number],
  options: GridOptions = {},
): Promise<void> {
  await writePng(path, imageGrid(images, shape, options));
}
