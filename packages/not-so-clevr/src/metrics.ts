/**
 * Per-example metric values on a batch (tensors in, a [b] tensor out); the mean over a set is
 * the reported metric. Formulas follow the official `model_builders.py`.
 */
import { tf } from '@coordconv/backend';

import { CANVAS_SIZE } from './dataset.js';

/** 1 where argmax of the 4096 logits is the centre pixel, else 0 ("exact-pixel accuracy"). */
export function pixelCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32') as tf.Tensor1D);
}

/**
 * Regression errors from normalized predictions and targets [b, 2]: the Euclidean distance in
 * pixels between predicted and true centre, and 1 where both rounded coordinates are exact.
 */
export function regressionErrors(
  pred: tf.Tensor2D,
  target: tf.Tensor2D,
): { distance: tf.Tensor1D; exact: tf.Tensor1D } {
  return tf.tidy(() => {
    const toPixels = (t: tf.Tensor) => tf.mul(tf.add(t, 1), (CANVAS_SIZE - 1) / 2);
    const p = toPixels(pred);
    const t = tf.round(toPixels(target));
    const distance = tf.sqrt(tf.sum(tf.square(tf.sub(p, t)), 1)) as tf.Tensor1D;
    const exact = tf.cast(tf.all(tf.equal(tf.round(p), t), 1), 'float32') as tf.Tensor1D;
    return { distance, exact };
  });
}

/**
 * Intersection over union of the painted pixels (logit > 0, i.e. sigmoid > 0.5) with the target
 * square, per example; 1 when both are empty.
 */
export function paintedIoU(logits: tf.Tensor2D, target: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const painted = tf.cast(tf.greater(logits, 0), 'float32');
    const truth = tf.cast(tf.greater(target, 0.5), 'float32');
    const intersection = tf.sum(tf.mul(painted, truth), 1);
    const union = tf.sum(tf.maximum(painted, truth), 1);
    return tf.where(
      tf.equal(union, 0),
      tf.onesLike(union),
      tf.div(intersection, tf.maximum(union, 1)),
    ) as tf.Tensor1D;
  });
}
