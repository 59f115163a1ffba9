/**
 * Regression models (one-hot image [b, 64, 64, 1] -> centre coordinates [b, 2]). Outputs are the
 * normalized coordinates `k / 63 * 2 - 1` of (i, j), trained with mean squared error.
 */
import { tf } from '@coordconv/backend';
import { coordConv2d } from '@coordconv/core';

import { CANVAS_SIZE } from '../dataset.js';
import { kernelArgs, nonNegative, positiveInt } from './layers.js';
import type { Sym } from './layers.js';

export interface RegressorOptions {
  /** l2 weight decay on every kernel. Default 0 (the paper used 1e-5 for CoordConv). */
  l2?: number;
}

function imageInput(): Sym {
  return tf.input({ shape: [CANVAS_SIZE, CANVAS_SIZE, 1], name: 'onehot_image' });
}

/**
 * The paper's CoordConv regressor: AddCoords, 1x1 convs 8, 8, 8, 3x3 conv 8, 3x3 conv 2, global
 * max pooling over the 64x64 canvas; no nonlinearities: 906 parameters. Max pooling matters:
 * with average pooling it predicts the constant centre (the paper, §4).
 */
export function coordConvRegressor(options: RegressorOptions = {}): tf.LayersModel {
  const l2 = nonNegative('coordConvRegressor', 'l2', options.l2 ?? 0);
  const input = imageInput();
  let h = coordConv2d({ filters: 8, kernelSize: 1, name: 'coordconv', ...kernelArgs(l2) }).apply(
    input,
  ) as Sym;
  const convs: [number, number][] = [
    [8, 1],
    [8, 1],
    [8, 3],
    [2, 3],
  ];
  convs.forEach(([filters, kernelSize], n) => {
    h = tf.layers
      .conv2d({ filters, kernelSize, padding: 'same', name: `conv${n + 2}`, ...kernelArgs(l2) })
      .apply(h) as Sym;
  });
  const out = tf.layers.globalMaxPooling2d({ name: 'max_over_canvas' }).apply(h) as Sym;
  return tf.model({ inputs: input, outputs: out, name: 'CoordConvRegressor' });
}

export const CONV_REGRESSOR_VARIANTS = ['pool-dense', 'strided-gap'] as const;
export type ConvRegressorVariant = (typeof CONV_REGRESSOR_VARIANTS)[number];

export interface ConvRegressorOptions extends RegressorOptions {
  /**
   * 'pool-dense' (the official uniform-split baseline): four 3x3 convs 16m with ReLU, 2x2 max
   * pooling after the first three, dense 64 + ReLU, dense 2. 'strided-gap' (the official
   * quadrant-split baseline): a stack of stride-2 convs and batch-norm ending in a 3x3 conv to 2
   * channels and global average pooling. Default 'pool-dense'.
   */
  variant?: ConvRegressorVariant;
  /** Channel multiplier m. Default 1. */
  widthMultiplier?: number;
}

/** The conventional regressor baseline (convs + pooling + dense), no coordinate channels. */
export function convRegressor(options: ConvRegressorOptions = {}): tf.LayersModel {
  const variant = options.variant ?? 'pool-dense';
  const m = positiveInt('convRegressor', 'widthMultiplier', options.widthMultiplier ?? 1);
  const l2 = nonNegative('convRegressor', 'l2', options.l2 ?? 0);
  const input = imageInput();
  const conv = (filters: number, kernelSize: number, strides: number, relu: boolean) =>
    tf.layers.conv2d({
      filters,
      kernelSize,
      strides,
      padding: 'same',
      activation: relu ? 'relu' : 'linear',
      ...kernelArgs(l2),
    });
  const bn = () => tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
  let layers: tf.layers.Layer[];
  if (variant === 'pool-dense') {
    const pool = () => tf.layers.maxPooling2d({ poolSize: 2, strides: 2 });
    layers = [
      conv(16 * m, 3, 1, true),
      pool(),
      conv(16 * m, 3, 1, true),
      pool(),
      conv(16 * m, 3, 1, true),
      pool(),
      conv(16 * m, 3, 1, true),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu', ...kernelArgs(l2) }),
      tf.layers.dense({ units: 2, ...kernelArgs(l2) }),
    ];
  } else if (variant === 'strided-gap') {
    // The official stack ends in ReLU before the pooling (its targets are in [0, 1]); ours are in
    // [-1, 1], so the last conv is linear.
    layers = [
      conv(16 * m, 5, 2, true),
      conv(16 * m, 1, 1, true),
      bn(),
      conv(16 * m, 3, 1, true),
      conv(16 * m, 3, 2, true),
      conv(16 * m, 3, 2, false),
      bn(),
      tf.layers.reLU(),
      conv(16 * m, 3, 2, true),
      conv(16 * m, 1, 1, true),
      conv(16 * m, 3, 2, true),
      conv(2, 3, 1, false),
      tf.layers.globalAveragePooling2d({}),
    ];
  } else {
    throw new RangeError(
      `convRegressor: variant must be one of ${CONV_REGRESSOR_VARIANTS.join(', ')}, got ${JSON.stringify(variant)}`,
    );
  }
  let h: Sym = input;
  for (const layer of layers) h = layer.apply(h) as Sym;
  return tf.model({ inputs: input, outputs: h, name: `ConvRegressor_${variant}` });
}
