/**
 * CoordConv layers (Liu et al. 2018, arXiv 1807.03247): AddCoords followed by the matching tfjs
 * convolution. Each accepts every argument of its tfjs conv layer plus `withR`.
 *
 * The convolution is an inner tfjs layer built inside this layer's name scope, and its weights
 * are adopted as this layer's own: `layer.weights`, `getWeights`/`setWeights`, `trainable`,
 * `countParams` and `model.save`/`loadLayersModel` see `<name>/kernel` and `<name>/bias`
 * exactly as for a plain conv layer with the same name. `getConfig()` is the conv's config plus
 * `withR`, so `fromConfig` rebuilds the same layer.
 */
import { tf } from '@coordconv/backend';

import { addCoordsOutputShape, addCoordsWithCache, resolveDataFormat } from './add-coords.js';
import { singleShape } from './add-coords-layer.js';
import type { CallKwargs, LayerArgs } from './add-coords-layer.js';
import { CoordCache } from './coord-cache.js';
import type { DataFormat } from './coord-cache.js';

/** Arguments of tfjs conv layers (`tf.layers.conv2d` etc.). */
export type ConvLayerArgs = Parameters<typeof tf.layers.conv2d>[0];

export interface CoordConvLayerArgs extends ConvLayerArgs {
  /** Also append the radius channel (distance from the centre) before the convolution. */
  withR?: boolean;
}

type ConvFactory = (args: ConvLayerArgs) => tf.layers.Layer;

/** Arguments that belong to the outer layer (the inner conv gets everything else). */
const OUTER_LAYER_KEYS = [
  'name',
  'trainable',
  'inputShape',
  'batchInputShape',
  'batchSize',
  'dtype',
  'inputDType',
  'weights',
] as const;

function splitArgs(args: CoordConvLayerArgs): {
  outer: LayerArgs;
  conv: ConvLayerArgs;
  withR: boolean;
} {
  if (args === null || typeof args !== 'object') {
    throw new TypeError(
      `CoordConv layers need an arguments object like {filters, kernelSize}, got ${String(args)}`,
    );
  }
  const { withR, ...rest } = args;
  if (withR !== undefined && typeof withR !== 'boolean') {
    throw new TypeError(`CoordConv: withR must be a boolean, got ${JSON.stringify(withR)}`);
  }
  const outer: Record<string, unknown> = {};
  const conv: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if ((OUTER_LAYER_KEYS as readonly string[]).includes(key)) outer[key] = value;
    else conv[key] = value;
  }
  return {
    outer: outer as LayerArgs,
    conv: conv as unknown as ConvLayerArgs,
    withR: withR ?? false,
  };
}

abstract class CoordConvBase extends tf.layers.Layer {
  /** Whether the radius channel is appended. */
  readonly withR: boolean;
  /** Where the channel axis is (from the conv's `dataFormat`). */
  readonly dataFormat: DataFormat;
  /** The wrapped convolution; its weights are this layer's weights once built. */
  readonly conv: tf.layers.Layer;
  private readonly coords = new CoordCache();

  protected constructor(
    private readonly spatialRank: number,
    makeConv: ConvFactory,
    args: CoordConvLayerArgs,
  ) {
    const { outer, conv, withR } = splitArgs(args);
    super(outer);
    this.withR = withR;
    this.dataFormat = resolveDataFormat(conv.dataFormat, this.getClassName());
    this.conv = makeConv({ ...conv, name: `${this.name}_conv` });
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = singleShape(inputShape, this.name);
    const rank = this.spatialRank + 2;
    if (shape.length !== rank) {
      throw new RangeError(
        `${this.getClassName()} '${this.name}': expected an input of rank ${rank}, ` +
          `got shape [${shape.map(String).join(', ')}]`,
      );
    }
    // Called from Layer.apply inside this layer's name scope, so the conv's weights are named
    // `<this.name>/kernel` and `<this.name>/bias`, as a plain conv layer's would be.
    this.conv.build(this.augmented(shape));
    this.conv.built = true;
    this.trainableWeights = this.conv.trainableWeights;
    this.nonTrainableWeights = this.conv.nonTrainableWeights;
    // Regularizer losses were registered on the conv when its weights were added.
    if (this.conv.losses.length > 0) this.addLoss(this.conv.losses);
    const channelAxis = this.dataFormat === 'channelsLast' ? rank - 1 : 1;
    const channels = shape[channelAxis];
    if (channels !== null)
      this.inputSpec = [new tf.InputSpec({ ndim: rank, axes: { [channelAxis]: channels } })];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return this.conv.computeOutputShape(this.augmented(singleShape(inputShape, this.name)));
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallKwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const withCoords = addCoordsWithCache(
        x,
        { withR: this.withR, dataFormat: this.dataFormat },
        this.coords,
      );
      return this.conv.call(withCoords, kwargs);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const convConfig = this.conv.getConfig();
    // The outer layer's name/trainable/shape/dtype win over the inner conv's.
    delete convConfig.name;
    delete convConfig.trainable;
    return { ...convConfig, ...super.getConfig(), withR: this.withR };
  }

  override setFastWeightInitDuringBuild(value: boolean): void {
    // Set by loadLayersModel: skip random init of weights that are about to be overwritten.
    super.setFastWeightInitDuringBuild(value);
    this.conv.setFastWeightInitDuringBuild(value);
  }

  override dispose(): ReturnType<tf.layers.Layer['dispose']> {
    // super.dispose() disposes this.weights, i.e. the conv's kernel and bias.
    const result = super.dispose();
    if (result.refCountAfterDispose === 0) this.coords.dispose();
    return result;
  }

  private augmented(shape: tf.Shape): tf.Shape {
    return addCoordsOutputShape(shape, { withR: this.withR, dataFormat: this.dataFormat });
  }
}

/** AddCoords (1 coordinate channel, +|x| with withR) then `tf.layers.conv1d`; input [b, w, c]. */
export class CoordConv1D extends CoordConvBase {
  static className = 'CoordConv1D';
  constructor(args: CoordConvLayerArgs) {
    super(1, (a) => tf.layers.conv1d(a), args);
  }
}
tf.serialization.registerClass(CoordConv1D);

/** AddCoords (i, j[, r]) then `tf.layers.conv2d`; input [b, h, w, c]. */
export class CoordConv2D extends CoordConvBase {
  static className = 'CoordConv2D';
  constructor(args: CoordConvLayerArgs) {
    super(2, (a) => tf.layers.conv2d(a), args);
  }
}
tf.serialization.registerClass(CoordConv2D);

/** AddCoords (d, i, j[, r]) then `tf.layers.conv3d`; input [b, d, h, w, c]. */
export class CoordConv3D extends CoordConvBase {
  static className = 'CoordConv3D';
  constructor(args: CoordConvLayerArgs) {
    super(3, (a) => tf.layers.conv3d(a), args);
  }
}
tf.serialization.registerClass(CoordConv3D);

/** AddCoords (i, j[, r]) then `tf.layers.conv2dTranspose`; input [b, h, w, c]. */
export class CoordConv2DTranspose extends CoordConvBase {
  static className = 'CoordConv2DTranspose';
  constructor(args: CoordConvLayerArgs) {
    super(2, (a) => tf.layers.conv2dTranspose(a), args);
  }
}
tf.serialization.registerClass(CoordConv2DTranspose);

/** Factories in the style of `tf.layers.conv2d(args)`. */
export function coordConv1d(args: CoordConvLayerArgs): CoordConv1D {
  return new CoordConv1D(args);
}
export function coordConv2d(args: CoordConvLayerArgs): CoordConv2D {
  return new CoordConv2D(args);
}
export function coordConv3d(args: CoordConvLayerArgs): CoordConv3D {
  return new CoordConv3D(args);
}
export function coordConv2dTranspose(args: CoordConvLayerArgs): CoordConv2DTranspose {
  return new CoordConv2DTranspose(args);
}
