/**
 * Rendering models (coordinates -> 9x9 square image): 4096 per-pixel logits, trained with
 * sigmoid cross-entropy; a pixel is painted when its logit is > 0.
 */
import { tf } from '@coordconv/backend';

import { CANVAS_SIZE, PIXELS } from '../dataset.js';
import { coordinateInput, kernelArgs, nonNegative, positiveInt, tileToCanvas } from './layers.js';
import type { Sym } from './layers.js';
import { painterTrunk } from './painters.js';
import { HardSharpen } from './sharpen.js';

/** How the renderer turns centre logits into the image stage's input (see coordConvRenderer). */
export type SharpenMode = 'hard' | 'softmax';
export const SHARPEN_MODES: readonly SharpenMode[] = ['hard', 'softmax'];

export interface CoordConvRendererOptions {
  /** Channel multiplier m of the image stage: convs 8m, 8m, 16m, 16m, 1. Default 1. */
  widthMultiplier?: number;
  /** Filter size of the image stage. Default 3 (five 3x3 convs see 11x11, enough for 9x9). */
  filterSize?: number;
  /** l2 weight decay on every kernel. Default 0. */
  l2?: number;
  /**
   * 'hard' (default): the one-hot of the largest centre logit, no gradient to the painter;
   * 'softmax': the official soft sharpen, the image loss also training the painter.
   */
  sharpen?: SharpenMode;
}

/**
 * The paper's CoordConv renderer (official `CoordConvImagePainter`): the CoordConv painter
 * locates the centre (4096 logits), a "sharpen" step turns them into a (near) one-hot map, and
 * five convs (8m, 8m, 16m, 16m with ReLU, then 1) paint the square around it.
 *
 * The official sharpen is a spatial softmax, through which the image loss also trains the
 * painter. On the quadrant split that fit the training set (IoU 0.999) but extrapolated worse:
 * test IoU 0.955 after 2 epochs and 0.979 after 4 (lr 0.01; 0.80-0.85 at the paper's 0.005),
 * the squares in the far corner of the held-out quadrant blurred and shifted, because the
 * painter's peaks there are not the ones the image stage was trained on. The default 'hard'
 * sharpen feeds the image stage the exact one-hot of the largest logit (no gradient back), so
 * the convolutions paint the same square wherever the centre is and the painter learns the
 * centre from the centre loss alone: on the same seed 0.976 after 2 epochs at lr 0.01 (plateau
 * 0.978: the painter put 27 far-corner centres 1-3 px off) and 1.000 after 3 epochs at the
 * paper's 0.005 (0.940 at 0.0075). `sharpen: 'softmax'` keeps the official behaviour.
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
  const sharpen = options.sharpen ?? 'hard';
  if (!SHARPEN_MODES.includes(sharpen))
    throw new RangeError(
      `coordConvRenderer: sharpen must be one of ${SHARPEN_MODES.join(', ')}, got ${JSON.stringify(sharpen)}`,
    );
  const sharp = (
    sharpen === 'hard'
      ? new HardSharpen({ name: 'sharpen' })
      : tf.layers.softmax({ name: 'sharpen' })
  ).apply(centreFlat) as Sym;
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
