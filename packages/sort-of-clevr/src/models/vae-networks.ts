/**
 * The VAE's networks: an encoder of stride-2 convs to (mean, log-variance) and a decoder of
 * stride-2 transposed convs from z to per-pixel logits, mirroring the DCGAN pyramid. CoordConv:
 * AddCoords before the encoder's first conv and/or before every transposed conv of the decoder.
 */
import { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';
import type { VaeConfig } from '../vae/vae-config.js';
import { conv, convTranspose, glorotInit, pyramidChannels } from './layers.js';

/** image [size, size, 3] in [0, 1] -> [mean, logVar], each [zDim]. */
export function buildEncoder(cfg: VaeConfig, rng: Rng): tf.LayersModel {
  const coords = cfg.coordconv === 'encoder' || cfg.coordconv === 'both';
  const image = tf.input({ shape: [cfg.imageSize, cfg.imageSize, 3], name: 'image' });
  let x: tf.SymbolicTensor = image;
  pyramidChannels(cfg.imageSize, cfg.width)
    .reverse()
    .forEach((filters, i) => {
      x = conv({
        name: `enc_conv${i + 1}`,
        filters,
        kernelSize: cfg.kernelSize,
        strides: 2,
        coords: coords && i === 0,
        init: glorotInit(rng),
        activation: 'relu',
      }).apply(x) as tf.SymbolicTensor;
    });
  x = tf.layers.flatten({ name: 'enc_flatten' }).apply(x) as tf.SymbolicTensor;
  const mean = tf.layers
    .dense({ name: 'enc_mean', units: cfg.zDim, kernelInitializer: glorotInit(rng) })
    .apply(x) as tf.SymbolicTensor;
  // Start with small log-variances so early samples are not pure noise.
  const logVar = tf.layers
    .dense({ name: 'enc_log_var', units: cfg.zDim, kernelInitializer: tf.initializers.zeros() })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({
    inputs: image,
    outputs: [mean, logVar],
    name: coords ? 'coordconv_encoder' : 'encoder',
  });
}

/** z [zDim] -> logits [size, size, 3] (pixel mean = sigmoid(logits)). */
export function buildDecoder(cfg: VaeConfig, rng: Rng): tf.LayersModel {
  const coords = cfg.coordconv === 'decoder' || cfg.coordconv === 'both';
  const [first, ...rest] = pyramidChannels(cfg.imageSize, cfg.width);
  const z = tf.input({ shape: [cfg.zDim], name: 'z' });
  let x = tf.layers
    .dense({
      name: 'dec_dense',
      units: 4 * 4 * first,
      activation: 'relu',
      kernelInitializer: glorotInit(rng),
    })
    .apply(z) as tf.SymbolicTensor;
  x = tf.layers
    .reshape({ name: 'dec_reshape', targetShape: [4, 4, first] })
    .apply(x) as tf.SymbolicTensor;
  rest.forEach((filters, i) => {
    x = convTranspose({
      name: `dec_deconv${i + 1}`,
      filters,
      kernelSize: cfg.kernelSize,
      strides: 2,
      coords,
      init: glorotInit(rng),
      activation: 'relu',
    }).apply(x) as tf.SymbolicTensor;
  });
  const logits = convTranspose({
    name: 'dec_out',
    filters: 3,
    kernelSize: cfg.kernelSize,
    strides: 2,
    coords,
    init: glorotInit(rng),
  }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: z, outputs: logits, name: coords ? 'coordconv_decoder' : 'decoder' });
}
