/** Small layer factories shared by the GAN and VAE networks (one place for init and BN settings). */
import { tf } from '@coordconv/backend';
import { coordConv2d, coordConv2dTranspose } from '@coordconv/core';
import type { Rng } from '@coordconv/common';

export type Initializer = ReturnType<typeof tf.initializers.randomNormal>;

/** DCGAN's init N(0, 0.02) (Radford et al.), seeded from `rng`. */
export function dcganInit(rng: Rng): Initializer {
  return tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: rng.seed() });
}

/** Glorot-uniform init seeded from `rng` (the default of the TF1 layers the authors used). */
export function glorotInit(rng: Rng): Initializer {
  return tf.initializers.glorotUniform({ seed: rng.seed() });
}

/** Batch norm as in DCGAN-tensorflow: momentum 0.9, epsilon 1e-5. */
export function batchNorm(name: string): tf.layers.Layer {
  return tf.layers.batchNormalization({ name, momentum: 0.9, epsilon: 1e-5 });
}

export interface ConvSpec {
  name: string;
  filters: number;
  kernelSize: number;
  strides: number;
  /** Prepend coordinate channels (CoordConv). */
  coords: boolean;
  init: Initializer;
  activation?: 'relu' | 'tanh' | 'linear';
}

/** A 'same'-padded conv, CoordConv when `coords`. */
export function conv(spec: ConvSpec): tf.layers.Layer {
  const args = {
    name: spec.name,
    filters: spec.filters,
    kernelSize: spec.kernelSize,
    strides: spec.strides,
    padding: 'same' as const,
    kernelInitializer: spec.init,
    activation: spec.activation,
  };
  return spec.coords ? coordConv2d(args) : tf.layers.conv2d(args);
}

/** A 'same'-padded transposed conv, CoordConv when `coords`. */
export function convTranspose(spec: ConvSpec): tf.layers.Layer {
  const args = {
    name: spec.name,
    filters: spec.filters,
    kernelSize: spec.kernelSize,
    strides: spec.strides,
    padding: 'same' as const,
    kernelInitializer: spec.init,
    activation: spec.activation,
  };
  return spec.coords ? coordConv2dTranspose(args) : tf.layers.conv2dTranspose(args);
}

/** Number of trainable parameters (what papers count; BN moving statistics excluded). */
export function trainableParams(model: tf.LayersModel): number {
  return model.trainableWeights.reduce(
    (s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
    0,
  );
}

/** The trainable variables of `model`, in the order optimizers and checkpoints expect. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** Channel counts of a stride-2 pyramid from 4x4 to `imageSize`: [w * 2^(L-1), ..., w], L = log2(size / 4). */
export function pyramidChannels(imageSize: number, width: number): number[] {
  const levels = Math.round(Math.log2(imageSize / 4));
  if (levels < 1 || 4 * 2 ** levels !== imageSize) {
    throw new RangeError(
      `image size ${imageSize} is not 4 * 2^L for L >= 1 (allowed: 8, 16, 32, 64, ...)`,
    );
  }
  return Array.from({ length: levels }, (_, i) => width * 2 ** (levels - 1 - i));
}
