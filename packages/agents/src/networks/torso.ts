/**
 * Shared torsos (feature extractors) for every agent: picks one for an observation space and
 * builds it with the tfjs layers API. Heads (policy/value for A2C, dueling Q for Ape-X) sit on
 * top of the torso's output.
 */
import { tf } from '@coordconv/backend';
import { coordConv2d } from '@coordconv/core';
import { ConfigError } from '../core/config-check.js';
import type { NetworkConfig, TorsoKind } from './config.js';

/** What a network needs to know about observations; a gym `Box` satisfies it. */
export interface ObservationSpec {
  readonly shape: readonly number[];
  readonly dtype: string;
  /** Upper bounds (flat); used to recognise 0..255 images stored as floats. */
  readonly high?: ArrayLike<number>;
}

function isImage255(obs: ObservationSpec): boolean {
  if (obs.dtype === 'uint8') return true;
  const high = obs.high;
  return high !== undefined && high.length > 0 && Array.from(high).every((h) => h === 255);
}

/**
 * 1-D -> `mlp`; 3-D uint8 (or bounded by 255) -> `nature`; other 3-D (e.g. Pac-Man's float
 * grid planes) -> `grid`. Other ranks are rejected with the shape in the message.
 */
export function chooseTorso(obs: ObservationSpec, config: NetworkConfig): TorsoKind {
  const rank = obs.shape.length;
  const kind: TorsoKind =
    config.torso !== 'auto'
      ? config.torso
      : rank === 1
        ? 'mlp'
        : isImage255(obs)
          ? 'nature'
          : 'grid';
  const wantRank = kind === 'mlp' ? 1 : 3;
  if (rank !== wantRank) {
    throw new ConfigError(
      `network.torso '${kind}' needs ${wantRank === 1 ? 'a 1-D' : 'an [H, W, C]'} observation, got shape [${obs.shape.join(', ')}]`,
    );
  }
  if (config.coordConv && kind === 'mlp') {
    throw new ConfigError(
      `network.coordConv needs a conv torso (grid or nature), but the observation shape [${obs.shape.join(', ')}] gives an mlp`,
    );
  }
  // 8x8/4, then 4x4/2, then 3x3/1 without padding leave at least one cell from 36x36 up.
  if (kind === 'nature' && Math.min(obs.shape[0] as number, obs.shape[1] as number) < 36) {
    throw new ConfigError(
      `network.torso 'nature' needs images of at least 36x36, got [${obs.shape.join(', ')}]; use a larger cell size or the 'grid' torso`,
    );
  }
  return kind;
}

/** Gains for the orthogonal initialization of each layer, by layer name (see orthogonal.ts). */
export type GainMap = Record<string, number>;

/** The first conv: a plain Conv2D, or CoordConv2D (AddCoords then the same conv). */
function firstConv(
  config: NetworkConfig,
  args: Parameters<typeof tf.layers.conv2d>[0],
): tf.layers.Layer {
  return config.coordConv ? coordConv2d(args) : tf.layers.conv2d(args);
}

/**
 * Builds the torso on `input`. Every weighted layer is registered in `gains` with the gain its
 * orthogonal initialization should use (sqrt 2, as SB3 `ActorCriticPolicy.init_weights`).
 */
export function buildTorso(
  input: tf.SymbolicTensor,
  kind: TorsoKind,
  config: NetworkConfig,
  gains: GainMap,
): tf.SymbolicTensor {
  const g = Math.SQRT2;
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor) => {
    if (layer.getClassName() !== 'Flatten' && layer.getClassName() !== 'Rescaling')
      gains[layer.name] = g;
    return layer.apply(x) as tf.SymbolicTensor;
  };
  let x = input;
  switch (kind) {
    case 'mlp':
      x = apply(tf.layers.dense({ units: 64, activation: 'tanh', name: 'torso_dense1' }), x);
      x = apply(tf.layers.dense({ units: 64, activation: 'tanh', name: 'torso_dense2' }), x);
      return x;
    case 'grid':
    case 'grid-small': {
      const [f1, f2, units] = kind === 'grid' ? [32, 64, 256] : [16, 32, 128];
      x = apply(
        firstConv(config, {
          filters: f1,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          name: 'torso_conv1',
        }),
        x,
      );
      x = apply(
        tf.layers.conv2d({
          filters: f2,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          name: 'torso_conv2',
        }),
        x,
      );
      x = apply(tf.layers.flatten({ name: 'torso_flatten' }), x);
      return apply(tf.layers.dense({ units, activation: 'relu', name: 'torso_dense' }), x);
    }
    case 'nature':
      x = apply(tf.layers.rescaling({ scale: 1 / 255, name: 'torso_scale' }), x);
      x = apply(
        firstConv(config, {
          filters: 32,
          kernelSize: 8,
          strides: 4,
          activation: 'relu',
          name: 'torso_conv1',
        }),
        x,
      );
      x = apply(
        tf.layers.conv2d({
          filters: 64,
          kernelSize: 4,
          strides: 2,
          activation: 'relu',
          name: 'torso_conv2',
        }),
        x,
      );
      x = apply(
        tf.layers.conv2d({
          filters: 64,
          kernelSize: 3,
          strides: 1,
          activation: 'relu',
          name: 'torso_conv3',
        }),
        x,
      );
      x = apply(tf.layers.flatten({ name: 'torso_flatten' }), x);
      return apply(tf.layers.dense({ units: 512, activation: 'relu', name: 'torso_dense' }), x);
  }
}
