/**
 * Tensors for a batch of example indices: model inputs and targets, built from the typed-array
 * generators in dataset.ts. Callers own the returned tensors (use inside tf.tidy).
 */
import { tf } from '@coordconv/backend';

import {
  CANVAS_SIZE,
  centrePixels,
  coordinates,
  oneHotImages,
  PIXELS,
  squareImages,
} from './dataset.js';

/** Integer centre coordinates as float32 [b, 2] (input of painters and renderers). */
export function coordinateBatch(indices: Int32Array): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(coordinates(indices)), [indices.length, 2]);
}

/** Normalized centre coordinates `k / 63 * 2 - 1`, [b, 2] (regression targets). */
export function normalizedCoordinateBatch(indices: Int32Array): tf.Tensor2D {
  const c = coordinates(indices);
  const out = Float32Array.from(c, (k) => (k / (CANVAS_SIZE - 1)) * 2 - 1);
  return tf.tensor2d(out, [indices.length, 2]);
}

/** Flat centre-pixel indices, int32 [b] (classification labels). */
export function centrePixelBatch(indices: Int32Array): tf.Tensor1D {
  return tf.tensor1d(centrePixels(indices), 'int32');
}

// One-hot tensors are built from typed arrays rather than with tf.oneHot: tfjs-backend-wasm 4.22
// ignores oneHot's dtype argument and writes int32 bits into a float32 tensor.

/** One-hot centre images, float32 [b, 64, 64, 1] (regression input). */
export function oneHotImageBatch(indices: Int32Array): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(oneHotImages(indices)), [
    indices.length,
    CANVAS_SIZE,
    CANVAS_SIZE,
    1,
  ]);
}

/** Flat one-hot centre images, float32 [b, 4096] (classification targets). */
export function oneHotTargetBatch(indices: Int32Array): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(oneHotImages(indices)), [indices.length, PIXELS]);
}

/** Flat square images, float32 [b, 4096] (rendering targets). */
export function squareTargetBatch(indices: Int32Array): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(squareImages(indices)), [indices.length, PIXELS]);
}
