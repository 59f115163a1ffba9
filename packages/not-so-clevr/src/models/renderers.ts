/**
 * Rendering models (coordinates -> 9x9 square image): 4096 per-pixel logits, trained with
 * sigmoid cross-entropy; a pixel is painted when its logit is > 0.
 */
import { tf } from '@coordconv/backend';

import { CANVAS_SIZE, PIXELS } from '../dataset.js';
import { coordinateInput, kernelArgs, nonNegative, positiveInt, tileToCanvas } from './layers.js';
import type { Sym } from './layers.js';
import { painterTrunk } from './painters.js';

export interface CoordConvRendererOptions {
  /** Channel multiplier m of the image stage: convs 8m, 8m, 16m, 16m, 1. Default 1. */
  widthMultiplier?: number;
  /** Filter size of the image stage. Default 3 (five 3x3 convs see 11x11, enough for 9x9). */
  filterSize?: number;
  /** l2 weight decay on every kernel. Default 0. */
  l2?: number;
}

/**
 * The paper's CoordConv renderer (official `CoordConvImagePainter`): the CoordConv painter
 * locates the centre (4096 logits), a spatial softmax "sharpens" them into a near one-hot map,
 * and five convs (8m, 8m, 16m, 16m with ReLU, then 1) paint the square around it.
 *
 * Two outputs: [image logits [b, 4096], centre logits [b, 4096]]. The second lets training add
 * the official optional intermediate softmax loss on the centre (`interm_loss='softmax'`).
 */
export function coordConvRenderer(options: CoordConvRendererOptions = {}): tf.LayersModel {
  const m = positiveInt('coordConvRenderer', 'widthMultiplier', options.widthMultiplier ?? 1);
  const fs = positiveInt('coordConvRenderer', 'filterSize', options.filterSize ?? 3);
  const l2 = nonNegative('coordConvRenderer', 'l2', options.l2 ?? 0);
  const { input, normalized } = coordinateInput();
  const centre = painterTrunk(tileToCanvas(normalized), l2, 'painter');
  const centreFlat = tf.layers.flatten({ name: 'centre_logits' }).apply(centre) as Sym;
  const sharp = tf.layers.softmax({ name: 'sharpen' }).apply(centreFlat) as Sym;
  let h = tf.layers
    .reshape({ targetShape: [CANVAS_SIZE, CANVAS_SIZE, 1], name: 'centre_map' })
    .apply(sharp) as Sym;
  const channels = [8 * m, 8 * m, 16 * m, 16 * m, 1];
  channels.forEach((filters, n) => {
    const last = n === channels.length - 1;
    h = tf.layers
      .conv2d({
        filters,
        kernelSize: fs,
        padding: 'same',
        activation: last ? 'linear' : 'relu',
        name: `paint${n + 1}`,
        ...kernelArgs(l2),
      })
      .apply(h) as Sym;
  });
  const image = tf.layers.flatten({ name: 'pixel_logits' }).apply(h) as Sym;
  if (image.shape[1] !== PIXELS)
    throw new Error(`coordConvRenderer: expected ${PIXELS} logits, got ${image.shape}`);
  return tf.model({ inputs: input, outputs: [image, centreFlat], name: 'CoordConvRenderer' });
}
