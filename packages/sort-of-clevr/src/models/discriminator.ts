/**
 * DCGAN's discriminator as the CoordConv authors used it: stride-2 convs w, 2w, 4w, 8w (at 64x64;
 * one fewer at 32x32), batch norm from the second, LeakyReLU 0.2, dense 1 (a logit). With
 * CoordConv, AddCoords before the first conv.
 */
import { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';
import { coordsIn, type GanConfig } from '../gan/gan-config.js';
import { batchNorm, conv, dcganInit, pyramidChannels } from './layers.js';

export function buildDiscriminator(cfg: GanConfig, rng: Rng): tf.LayersModel {
  const coords = coordsIn(cfg).d;
  const channels = pyramidChannels(cfg.imageSize, cfg.width).reverse();
  const image = tf.input({ shape: [cfg.imageSize, cfg.imageSize, 3], name: 'image' });
  let x: tf.SymbolicTensor = image;
  channels.forEach((filters, i) => {
    x = conv({
      name: `d_conv${i + 1}`,
      filters,
      kernelSize: cfg.kernelSize,
      strides: 2,
      coords: coords && i === 0,
      init: dcganInit(rng),
    }).apply(x) as tf.SymbolicTensor;
    if (i > 0) x = batchNorm(`d_conv${i + 1}_bn`).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .leakyReLU({ name: `d_conv${i + 1}_lrelu`, alpha: 0.2 })
      .apply(x) as tf.SymbolicTensor;
  });
  x = tf.layers.flatten({ name: 'd_flatten' }).apply(x) as tf.SymbolicTensor;
  const logit = tf.layers
    .dense({ name: 'd_logit', units: 1, kernelInitializer: dcganInit(rng) })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({
    inputs: image,
    outputs: logit,
    name: coords ? 'coordconv_discriminator' : 'discriminator',
  });
}
