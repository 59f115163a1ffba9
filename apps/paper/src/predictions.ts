/** Figure panels for a few test examples: the target and each trained model's prediction. */
import { tf } from '@coordconv/backend';
import {
  CANVAS_SIZE,
  coordinateBatch,
  coordinates,
  oneHotImageBatch,
  oneHotImages,
  squareImages,
} from '@coordconv/not-so-clevr';
import type { TaskName } from '@coordconv/not-so-clevr';

import type { Panel } from './figures.js';

/** `count` test examples spread evenly over the test set. */
export function pickExamples(test: Int32Array, count: number): Int32Array {
  const n = Math.min(count, test.length);
  return Int32Array.from(
    { length: n },
    (_, r) => test[Math.round((r * (test.length - 1)) / Math.max(n - 1, 1))],
  );
}

function firstOutput(y: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(y) ? y[0] : y;
}

/** What each model shows for `examples`: [n][4096] heat maps or [n] predicted points. */
function modelPanels(task: TaskName, model: tf.LayersModel, examples: Int32Array): Panel[] {
  const truth = coordinates(examples);
  if (task === 'regression') {
    const pred = tf.tidy(() => firstOutput(model.predict(oneHotImageBatch(examples))).dataSync());
    const onehots = Float32Array.from(oneHotImages(examples));
    return Array.from(examples, (_, r) => ({
      heat: onehots.subarray(r * 4096, (r + 1) * 4096),
      truth: [truth[2 * r], truth[2 * r + 1]] as const,
      prediction: [
        ((pred[2 * r] + 1) * (CANVAS_SIZE - 1)) / 2,
        ((pred[2 * r + 1] + 1) * (CANVAS_SIZE - 1)) / 2,
      ] as const,
    }));
  }
  const heat = tf.tidy(() => {
    const logits = firstOutput(model.predict(coordinateBatch(examples))) as tf.Tensor2D;
    if (task === 'rendering') return tf.sigmoid(logits).dataSync() as Float32Array;
    // Classification: softmax probabilities scaled so each map's peak is white.
    const p = tf.softmax(logits);
    return tf.div(p, tf.max(p, 1, true)).dataSync() as Float32Array;
  });
  return Array.from(examples, (_, r) => ({ heat: heat.slice(r * 4096, (r + 1) * 4096) }));
}

/** The target panel of each example. */
function targetPanels(task: TaskName, examples: Int32Array): Panel[] {
  const truth = coordinates(examples);
  const maps = task === 'rendering' ? squareImages(examples) : oneHotImages(examples);
  return Array.from(examples, (_, r) => ({
    heat: Float32Array.from(maps.subarray(r * 4096, (r + 1) * 4096)),
    truth: task === 'regression' ? ([truth[2 * r], truth[2 * r + 1]] as const) : undefined,
  }));
}

/** Rows of panels: [target, model 1, model 2, ...] per example. */
export function comparisonRows(
  task: TaskName,
  models: readonly tf.LayersModel[],
  examples: Int32Array,
): Panel[][] {
  const columns = [
    targetPanels(task, examples),
    ...models.map((m) => modelPanels(task, m, examples)),
  ];
  return Array.from(examples, (_, r) => columns.map((c) => c[r]));
}
