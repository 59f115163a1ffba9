/**
 * Classification models (coordinates -> one-hot pixel): both output 4096 logits, one per pixel
 * of the 64x64 canvas (row-major), trained with softmax cross-entropy.
 */
import { tf } from '@coordconv/backend';
import { coordConv2d } from '@coordconv/core';

import { CANVAS_SIZE } from '../dataset.js';
import { coordinateInput, kernelArgs, nonNegative, positiveInt, tileToCanvas } from './layers.js';
import type { Sym } from './layers.js';

export interface CoordConvPainterOptions {
  /** l2 weight decay on every kernel. Default 0 (the paper's runs used 0.001; see README). */
  l2?: number;
}

/**
 * The paper's CoordConv painter: tile (i, j) to 64x64x2, AddCoords (+2), 1x1 convs 32, 32, 64,
 * 64 with ReLU and a 1x1 conv to 1 logit per pixel: 7,553 parameters.
 */
export function coordConvPainter(options: CoordConvPainterOptions = {}): tf.LayersModel {
  const l2 = nonNegative('coordConvPainter', 'l2', options.l2 ?? 0);
  const { input, normalized } = coordinateInput();
  const logits = painterTrunk(tileToCanvas(normalized), l2, 'painter');
  const flat = tf.layers.flatten({ name: 'pixel_logits' }).apply(logits) as Sym;
  return tf.model({ inputs: input, outputs: flat, name: 'CoordConvPainter' });
}

/** AddCoords + 1x1 convs 32, 32, 64, 64 (ReLU) + 1x1 conv to 1: [b, 64, 64, 2] -> [b, 64, 64, 1]. */
export function painterTrunk(tiled: Sym, l2: number, prefix: string): Sym {
  let h = coordConv2d({
    filters: 32,
    kernelSize: 1,
    activation: 'relu',
    name: `${prefix}_coordconv`,
    ...kernelArgs(l2),
  }).apply(tiled) as Sym;
  [32, 64, 64].forEach((filters, n) => {
    h = tf.layers
      .conv2d({
        filters,
        kernelSize: 1,
        activation: 'relu',
        name: `${prefix}_conv${n + 2}`,
        ...kernelArgs(l2),
      })
      .apply(h) as Sym;
  });
  return tf.layers
    .conv2d({ filters: 1, kernelSize: 1, name: `${prefix}_logit`, ...kernelArgs(l2) })
    .apply(h) as Sym;
}

export interface DeconvPainterOptions {
  /** Channel multiplier m: channels 64m, 64m, 64m, 32m, 32m, 1. Default 1. */
  widthMultiplier?: number;
  /** Transposed-conv filter size (the paper swept 2-4). Default 3. */
  filterSize?: number;
  /** l2 weight decay on every kernel. Default 0. */
  l2?: number;
}

/**
 * The paper's deconvolutional baseline: (i, j) as a 1x1x2 image, six stride-2 transposed convs
 * (1 -> 2 -> 4 -> ... -> 64 pixels), batch-norm (momentum 0.9, eps 1e-5) and ReLU after all but
 * the last, which outputs 1 channel: 4096 logits.
 */
export function deconvPainter(options: DeconvPainterOptions = {}): tf.LayersModel {
  const m = positiveInt('deconvPainter', 'widthMultiplier', options.widthMultiplier ?? 1);
  const fs = positiveInt('deconvPainter', 'filterSize', options.filterSize ?? 3);
  const l2 = nonNegative('deconvPainter', 'l2', options.l2 ?? 0);
  const { input, normalized } = coordinateInput();
  let h = tf.layers.reshape({ targetShape: [1, 1, 2], name: 'as_image' }).apply(normalized) as Sym;
  const channels = [64 * m, 64 * m, 64 * m, 32 * m, 32 * m, 1];
  channels.forEach((filters, n) => {
    h = tf.layers
      .conv2dTranspose({
        filters,
        kernelSize: fs,
        strides: 2,
        padding: 'same',
        name: `deconv${n + 1}`,
        ...kernelArgs(l2),
      })
      .apply(h) as Sym;
    if (n < channels.length - 1) {
      h = tf.layers
        .batchNormalization({ momentum: 0.9, epsilon: 1e-5, name: `bn${n + 1}` })
        .apply(h) as Sym;
      h = tf.layers.reLU({ name: `relu${n + 1}` }).apply(h) as Sym;
    }
  });
  if (h.shape[1] !== CANVAS_SIZE)
    throw new Error(`deconvPainter: expected a 64x64 output, got ${h.shape}`);
  const flat = tf.layers.flatten({ name: 'pixel_logits' }).apply(h) as Sym;
  return tf.model({ inputs: input, outputs: flat, name: 'DeconvPainter' });
}
