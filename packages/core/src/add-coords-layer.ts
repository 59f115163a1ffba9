/**
 * `AddCoords` as a tfjs layer: appends coordinate channels (see coord-grid.ts for the formulas).
 * Works with unknown spatial sizes (`inputShape: [null, null, 3]`): the constants are built at
 * call time for the actual shape and cached per shape by the layer.
 */
import { tf } from '@coordconv/backend';

import {
  addCoordsOutputShape,
  addCoordsWithCache,
  checkAddCoordsRank,
  resolveDataFormat,
} from './add-coords.js';
import { CoordCache } from './coord-cache.js';
import type { DataFormat } from './coord-cache.js';

/** Base tfjs layer arguments (name, inputShape, trainable, dtype, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
/** Keyword arguments passed to `Layer.call`. */
export type CallKwargs = Record<string, unknown>;

export interface AddCoordsLayerArgs extends LayerArgs {
  /** Also append the radius from the centre, sqrt(sum of squared coordinates). Default false. */
  withR?: boolean;
  /** 'channelsLast' (default, NHWC) or 'channelsFirst'. */
  dataFormat?: DataFormat;
}

export class AddCoords extends tf.layers.Layer {
  static className = 'AddCoords';
  readonly withR: boolean;
  readonly dataFormat: DataFormat;
  private readonly coords = new CoordCache();

  constructor(args: AddCoordsLayerArgs = {}) {
    super(args);
    this.withR = args.withR ?? false;
    this.dataFormat = resolveDataFormat(args.dataFormat, 'AddCoords');
    // The output depends only on the shape and values of the input; no weights.
    this.supportsMasking = false;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = singleShape(inputShape, this.name);
    checkAddCoordsRank(shape.length, shape, `AddCoords '${this.name}'`);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return addCoordsOutputShape(singleShape(inputShape, this.name), {
      withR: this.withR,
      dataFormat: this.dataFormat,
    });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return addCoordsWithCache(x, { withR: this.withR, dataFormat: this.dataFormat }, this.coords);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), withR: this.withR, dataFormat: this.dataFormat };
  }

  override dispose(): ReturnType<tf.layers.Layer['dispose']> {
    const result = super.dispose();
    if (result.refCountAfterDispose === 0) this.coords.dispose();
    return result;
  }
}
tf.serialization.registerClass(AddCoords);

/** Factory in the style of `tf.layers.*`: `addCoordsLayer({withR: true})`. */
export function addCoordsLayer(args: AddCoordsLayerArgs = {}): AddCoords {
  return new AddCoords(args);
}

/** The one input shape of a single-input layer (tfjs passes a list for multi-input layers). */
export function singleShape(inputShape: tf.Shape | tf.Shape[], layerName: string): tf.Shape {
  if (Array.isArray(inputShape[0])) {
    const shapes = inputShape as tf.Shape[];
    if (shapes.length !== 1) {
      throw new TypeError(`Layer '${layerName}' takes one input, got ${shapes.length}`);
    }
    return shapes[0];
  }
  return inputShape as tf.Shape;
}
