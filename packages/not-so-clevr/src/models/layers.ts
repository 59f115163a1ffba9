/**
 * Building blocks shared by the Not-so-Clevr models (official `model_builders.py`): He-normal
 * initialization and optional l2 weight decay on every kernel, and the coordinate front end.
 */
import { tf } from '@coordconv/backend';

import { CANVAS_SIZE } from '../dataset.js';

export type Sym = tf.SymbolicTensor;

/** Kernel settings every conv/dense layer of these models uses. */
export function kernelArgs(l2: number): {
  kernelInitializer: 'heNormal';
  kernelRegularizer?: ReturnType<typeof tf.regularizers.l2>;
} {
  return l2 > 0
    ? { kernelInitializer: 'heNormal', kernelRegularizer: tf.regularizers.l2({ l2 }) }
    : { kernelInitializer: 'heNormal' };
}

/**
 * Input of the coordinate models: integer pixel coordinates (i, j), shape [b, 2]. Rescaled to
 * `k / 63 * 2 - 1`, the same normalization AddCoords gives pixel k of a 64-pixel axis, so a
 * CoordConv layer can compare the input with its coordinate channels directly.
 */
export function coordinateInput(): { input: Sym; normalized: Sym } {
  const input = tf.input({ shape: [2], name: 'centre_ij' });
  const normalized = tf.layers
    .rescaling({ scale: 2 / (CANVAS_SIZE - 1), offset: -1, name: 'normalize_ij' })
    .apply(input) as Sym;
  return { input, normalized };
}

/** (i, j) [b, 2] -> [b, 64, 64, 2]: the coordinates tiled over the canvas (the paper's "tile"). */
export function tileToCanvas(coords: Sym): Sym {
  const cell = tf.layers
    .reshape({ targetShape: [1, 1, 2], name: 'tile_reshape' })
    .apply(coords) as Sym;
  return tf.layers
    .upSampling2d({ size: [CANVAS_SIZE, CANVAS_SIZE], name: 'tile' })
    .apply(cell) as Sym;
}

/** Validates a positive integer option, naming the model and the field. */
export function positiveInt(model: string, field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${model}: ${field} must be a positive integer, got ${value}`);
  }
  return value;
}

export function nonNegative(model: string, field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${model}: ${field} must be a finite number >= 0, got ${value}`);
  }
  return value;
}
