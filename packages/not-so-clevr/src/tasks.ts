/**
 * The three supervised tasks of the paper's Not-so-Clevr experiments (§4), each with its
 * CoordConv model and a conventional baseline: what the model is, its loss and its metrics.
 */
import { tf } from '@coordconv/backend';

import {
  centrePixelBatch,
  coordinateBatch,
  normalizedCoordinateBatch,
  oneHotImageBatch,
  oneHotTargetBatch,
  squareTargetBatch,
} from './batches.js';
import { paintedIoU, pixelCorrect, regressionErrors } from './metrics.js';
import { coordConvPainter, deconvPainter } from './models/painters.js';
import { convRegressor, coordConvRegressor } from './models/regressors.js';
import type { ConvRegressorVariant } from './models/regressors.js';
import { coordConvRenderer } from './models/renderers.js';

export const TASK_NAMES = ['classification', 'regression', 'rendering'] as const;
export type TaskName = (typeof TASK_NAMES)[number];
export const MODEL_KINDS = ['coordconv', 'baseline'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** Options for building any task's model; each model reads the fields it has. */
export interface ModelOptions {
  /** l2 weight decay on kernels. */
  l2?: number;
  /** Channel multiplier of the deconv baselines and the renderer's image stage. */
  widthMultiplier?: number;
  /** Filter size of the deconv baselines and the renderer's image stage. */
  filterSize?: number;
  /** Conv regressor baseline architecture. */
  regressorVariant?: ConvRegressorVariant;
}

/** Mean metric values over a set of examples, by name. */
export type Metrics = Record<string, number>;

export interface Task {
  name: TaskName;
  /** The headline metric (a key of the Metrics this task returns). */
  metricName: string;
  /** Whether larger headline values are better. */
  higherIsBetter: boolean;
  /** The value of a perfect headline metric (1 for accuracy and IoU, 0 pixels of error). */
  perfect: number;
  /** Display name of each model kind, e.g. 'CoordConvPainter'. */
  modelName(kind: ModelKind): string;
  buildModel(kind: ModelKind, options?: ModelOptions): tf.LayersModel;
  /** Loss on a batch in training mode (call inside tf.tidy / optimizer.minimize). */
  loss(model: tf.LayersModel, batch: Int32Array): tf.Scalar;
  /** Per-metric sums over a batch in inference mode (scalars; caller disposes). */
  metricSums(model: tf.LayersModel, batch: Int32Array): Record<string, tf.Scalar>;
}

/** Model outputs as a list (multi-output models return an array). */
function outputs(model: tf.LayersModel, x: tf.Tensor, training: boolean): tf.Tensor[] {
  const y = model.apply(x, { training }) as tf.Tensor | tf.Tensor[];
  return Array.isArray(y) ? y : [y];
}

/** Sum of the model's regularization losses (0 without regularizers). */
function regularization(model: tf.LayersModel): tf.Scalar {
  const losses = model.calculateLosses();
  return losses.length === 0 ? tf.scalar(0) : (tf.addN(losses) as tf.Scalar);
}

export const classification: Task = {
  name: 'classification',
  metricName: 'accuracy',
  higherIsBetter: true,
  perfect: 1,
  modelName: (kind) => (kind === 'coordconv' ? 'CoordConvPainter' : 'DeconvPainter'),
  buildModel: (kind, o = {}) =>
    kind === 'coordconv'
      ? coordConvPainter({ l2: o.l2 })
      : deconvPainter({ l2: o.l2, widthMultiplier: o.widthMultiplier, filterSize: o.filterSize }),
  loss: (model, batch) =>
    tf.tidy(() => {
      const [logits] = outputs(model, coordinateBatch(batch), true);
      return tf.add(
        tf.losses.softmaxCrossEntropy(oneHotTargetBatch(batch), logits),
        regularization(model),
      );
    }),
  metricSums: (model, batch) =>
    tf.tidy(() => {
      const [logits] = outputs(model, coordinateBatch(batch), false);
      return { accuracy: tf.sum(pixelCorrect(logits as tf.Tensor2D, centrePixelBatch(batch))) };
    }),
};

export const regression: Task = {
  name: 'regression',
  metricName: 'meanPixelError',
  higherIsBetter: false,
  perfect: 0,
  modelName: (kind) => (kind === 'coordconv' ? 'CoordConvRegressor' : 'ConvRegressor'),
  buildModel: (kind, o = {}) =>
    kind === 'coordconv'
      ? coordConvRegressor({ l2: o.l2 })
      : convRegressor({
          l2: o.l2,
          widthMultiplier: o.widthMultiplier,
          variant: o.regressorVariant,
        }),
  loss: (model, batch) =>
    tf.tidy(() => {
      const [pred] = outputs(model, oneHotImageBatch(batch), true);
      return tf.add(
        tf.losses.meanSquaredError(normalizedCoordinateBatch(batch), pred),
        regularization(model),
      );
    }),
  metricSums: (model, batch) =>
    tf.tidy(() => {
      const [pred] = outputs(model, oneHotImageBatch(batch), false);
      const { distance, exact } = regressionErrors(
        pred as tf.Tensor2D,
        normalizedCoordinateBatch(batch),
      );
      return { meanPixelError: tf.sum(distance), exactFraction: tf.sum(exact) };
    }),
};

/** Weight of the CoordConv renderer's intermediate softmax loss on its centre logits. */
export const RENDERER_CENTRE_LOSS_WEIGHT = 1;

export const rendering: Task = {
  name: 'rendering',
  metricName: 'iou',
  higherIsBetter: true,
  perfect: 1,
  modelName: (kind) => (kind === 'coordconv' ? 'CoordConvRenderer' : 'DeconvRenderer'),
  buildModel: (kind, o = {}) =>
    kind === 'coordconv'
      ? coordConvRenderer({ l2: o.l2 })
      : deconvPainter({ l2: o.l2, widthMultiplier: o.widthMultiplier, filterSize: o.filterSize }),
  loss: (model, batch) =>
    tf.tidy(() => {
      const [image, centre] = outputs(model, coordinateBatch(batch), true);
      let loss = tf.losses.sigmoidCrossEntropy(squareTargetBatch(batch), image);
      if (centre !== undefined) {
        // The official CoordConvImagePainter's optional intermediate loss (interm_loss='softmax').
        const centreLoss = tf.losses.softmaxCrossEntropy(oneHotTargetBatch(batch), centre);
        loss = tf.add(loss, tf.mul(centreLoss, RENDERER_CENTRE_LOSS_WEIGHT));
      }
      return tf.add(loss, regularization(model));
    }),
  metricSums: (model, batch) =>
    tf.tidy(() => {
      const [image] = outputs(model, coordinateBatch(batch), false);
      return { iou: tf.sum(paintedIoU(image as tf.Tensor2D, squareTargetBatch(batch))) };
    }),
};

export const TASKS: Record<TaskName, Task> = { classification, regression, rendering };

export function getTask(name: TaskName): Task {
  const task = TASKS[name];
  if (task === undefined) {
    throw new RangeError(
      `task must be one of ${TASK_NAMES.join(', ')}, got ${JSON.stringify(name)}`,
    );
  }
  return task;
}
