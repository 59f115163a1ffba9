/**
 * The two generators of the CoordConv paper's GAN experiment (Liu et al. 2018, section 5;
 * REFERENCES.md): DCGAN's dense + stride-2 transposed convs, optionally with AddCoords before
 * every transposed conv, and the authors' CoordConv generator, which tiles z over the canvas,
 * appends coordinates and paints with 1x1 convs (each pixel decides from z and its own position).
 */
import { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';
import { coordsIn, type GanConfig } from '../gan/gan-config.js';
import {
  batchNorm,
  conv,
  convTranspose,
  dcganInit,
  glorotInit,
  pyramidChannels,
} from './layers.js';

/** G: z(zDim) -> image(size, size, 3) in [-1, 1]. */
export function buildGenerator(cfg: GanConfig, rng: Rng): tf.LayersModel {
  return cfg.arch === 'paper-coordconv'
    ? buildPaperCoordConvGenerator(cfg, rng)
    : buildDcganGenerator(cfg, rng);
}

/**
 * DCGAN-64 (at 64x64, width 64): dense 4x4x512, BN, ReLU, transposed convs 256, 128, 64 (BN,
 * ReLU), then 3 (tanh). At 32x32 one level fewer: dense 4x4x256, then 128, 64, 3.
 */
export function buildDcganGenerator(cfg: GanConfig, rng: Rng): tf.LayersModel {
  const coords = coordsIn(cfg).g;
  const [first, ...rest] = pyramidChannels(cfg.imageSize, cfg.width);
  const z = tf.input({ shape: [cfg.zDim], name: 'z' });
  let x = tf.layers
    .dense({ name: 'g_dense', units: 4 * 4 * first, kernelInitializer: dcganInit(rng) })
    .apply(z) as tf.SymbolicTensor;
  if (cfg.denseBatchNorm === 'feature') x = batchNorm('g_dense_bn').apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .reshape({ name: 'g_reshape', targetShape: [4, 4, first] })
    .apply(x) as tf.SymbolicTensor;
  if (cfg.denseBatchNorm === 'channel') x = batchNorm('g_dense_bn').apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ name: 'g_dense_relu' }).apply(x) as tf.SymbolicTensor;
  rest.forEach((filters, i) => {
    x = convTranspose({
      name: `g_deconv${i + 1}`,
      filters,
      kernelSize: cfg.kernelSize,
      strides: 2,
      coords,
      init: dcganInit(rng),
    }).apply(x) as tf.SymbolicTensor;
    x = batchNorm(`g_deconv${i + 1}_bn`).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ name: `g_deconv${i + 1}_relu` }).apply(x) as tf.SymbolicTensor;
  });
  const out = convTranspose({
    name: 'g_out',
    filters: 3,
    kernelSize: cfg.kernelSize,
    strides: 2,
    coords,
    init: dcganInit(rng),
    activation: 'tanh',
  }).apply(x) as tf.SymbolicTensor;
  return tf.model({
    inputs: z,
    outputs: out,
    name: coords ? 'dcgan_coordconv_generator' : 'dcgan_generator',
  });
}

/** The authors' CoordConv generator's channels at width 64: five 1x1 convs, then two 3x3. */
const PAPER_1X1 = [512, 256, 256, 128, 64];
const PAPER_3X3 = [64, 64];

/**
 * The CoordConv authors' generator: z tiled to size x size, coordinates appended, 1x1 convs
 * 512, 256, 256, 128, 64, two 3x3 convs 64, a 1x1 conv to 3; ReLU, tanh out, no batch norm.
 * At 64x64, z 256, width 64: 444,931 parameters (REFERENCES.md). Channels scale with width/64.
 */
export function buildPaperCoordConvGenerator(cfg: GanConfig, rng: Rng): tf.LayersModel {
  const s = cfg.imageSize;
  const scale = (c: number) => Math.max(1, Math.round((c * cfg.width) / 64));
  const z = tf.input({ shape: [cfg.zDim], name: 'z' });
  // Tile z over the canvas: repeat s*s times, then fold into an image of z vectors.
  let x = tf.layers.repeatVector({ name: 'g_tile', n: s * s }).apply(z) as tf.SymbolicTensor;
  x = tf.layers
    .reshape({ name: 'g_tile_reshape', targetShape: [s, s, cfg.zDim] })
    .apply(x) as tf.SymbolicTensor;
  PAPER_1X1.forEach((c, i) => {
    // Only the first conv sees the coordinates (AddCoords once, as the authors did).
    x = conv({
      name: `g_conv1x1_${i + 1}`,
      filters: scale(c),
      kernelSize: 1,
      strides: 1,
      coords: i === 0,
      init: glorotInit(rng),
      activation: 'relu',
    }).apply(x) as tf.SymbolicTensor;
  });
  PAPER_3X3.forEach((c, i) => {
    x = conv({
      name: `g_conv3x3_${i + 1}`,
      filters: scale(c),
      kernelSize: 3,
      strides: 1,
      coords: false,
      init: glorotInit(rng),
      activation: 'relu',
    }).apply(x) as tf.SymbolicTensor;
  });
  const out = conv({
    name: 'g_out',
    filters: 3,
    kernelSize: 1,
    strides: 1,
    coords: false,
    init: glorotInit(rng),
    activation: 'tanh',
  }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: z, outputs: out, name: 'paper_coordconv_generator' });
}
