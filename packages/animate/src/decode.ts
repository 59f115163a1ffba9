/**
 * Decoding latent batches to 8-bit images with any generator: a plain function, a tfjs
 * LayersModel, or a path (a checkpoint directory, a model directory or a model.json). Runs in
 * batches; every tensor is disposed before the next batch.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCheckpoint, tf } from '@coordconv/backend';
import type { Image8 } from '@coordconv/common';

/** The range of the decoder's output values, mapped linearly to bytes 0..255 (clamped). */
export type ValueRange = readonly [number, number];

/** An image batch: NHWC values, `shape` [n, height, width, channels], channels 1 or 3. */
export interface ImageBatch {
  data: Float32Array | Uint8Array | Uint8ClampedArray | Int32Array;
  shape: readonly [number, number, number, number];
}

/**
 * A decoder as a plain function: `z` holds n latents row-major ([n, zDim]); it returns the images
 * as an ImageBatch, or a tensor (NHWC, or [n, h*w*c] with `imageShape`) that is disposed for it.
 */
export type DecodeFn = (
  z: Float32Array,
  n: number,
  zDim: number,
) => ImageBatch | tf.Tensor | Promise<ImageBatch | tf.Tensor>;

/** Anything `createDecoder` accepts. */
export type DecoderSource = DecodeFn | tf.LayersModel | string;

export interface DecoderOptions {
  /** Range of the output values (default [-1, 1], a tanh generator; use [0, 1] for sigmoid, [0, 255] for bytes). */
  valueRange?: ValueRange;
  /** Latents per decoder call (default 32). */
  batchSize?: number;
  /** Reshape flat outputs ([n, h*w*c]) to this [h, w, c]. */
  imageShape?: readonly [number, number, number];
  /** Latent size; read from a LayersModel's input when not given. */
  zDim?: number;
  /** For a checkpoint directory: the model to use (default: 'generator', 'decoder', or the only model). */
  model?: string;
}

export interface Decoder {
  /** Latent size the decoder expects (undefined for plain functions without `zDim`). */
  readonly zDim: number | undefined;
  readonly batchSize: number;
  /** Decodes n latents (row-major [n, zDim]) into n images, in batches of `batchSize`. */
  decode(z: Float32Array, n: number): Promise<Image8[]>;
  /** Frees a model the decoder loaded itself (models passed in stay the caller's). */
  dispose(): void;
}

/** Names tried, in order, when a checkpoint holds several models and none was named. */
export const DECODER_MODEL_NAMES = ['generator', 'decoder', 'G', 'gen', 'dec'];

/** Maps values in `range` to bytes (rounded, clamped). */
export function toBytes(
  values: ArrayLike<number>,
  range: ValueRange,
  out = new Uint8Array(values.length),
): Uint8Array {
  const [lo, hi] = range;
  if (!(hi > lo))
    throw new RangeError(`valueRange must be [low, high] with low < high, got [${lo}, ${hi}]`);
  const k = 255 / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(((values[i] as number) - lo) * k);
    out[i] = v > 0 ? (v < 255 ? v : 255) : 0; // NaN fails `v > 0`: 0
  }
  return out;
}

/** Splits an NHWC batch into Image8 frames with byte values. */
export function batchToImages(batch: ImageBatch, range: ValueRange): Image8[] {
  const [n, h, w, c] = batch.shape;
  if (c !== 1 && c !== 3)
    throw new RangeError(
      `decoder output must have 1 or 3 channels (NHWC), got shape [${batch.shape.join(', ')}]`,
    );
  if (batch.data.length !== n * h * w * c) {
    throw new RangeError(
      `decoder output has ${batch.data.length} values, shape [${batch.shape.join(', ')}] needs ${n * h * w * c}`,
    );
  }
  const identity = range[0] === 0 && range[1] === 255 && batch.data instanceof Uint8Array;
  const bytes = identity ? (batch.data as Uint8Array) : toBytes(batch.data, range);
  const size = h * w * c;
  return Array.from({ length: n }, (_, i) => ({
    width: w,
    height: h,
    channels: c,
    data: bytes.slice(i * size, (i + 1) * size),
  }));
}

async function tensorToBatch(
  t: tf.Tensor,
  n: number,
  imageShape: DecoderOptions['imageShape'],
): Promise<ImageBatch> {
  let shape: [number, number, number, number];
  if (t.rank === 4) shape = t.shape as [number, number, number, number];
  else if (t.rank === 2 && imageShape) shape = [t.shape[0] as number, ...imageShape];
  else if (t.rank === 3) shape = [...(t.shape as [number, number, number]), 1];
  else {
    throw new RangeError(
      `decoder output shape [${t.shape.join(', ')}]: expected NHWC [n, h, w, c], [n, h, w], or [n, h*w*c] with imageShape`,
    );
  }
  if (shape[0] !== n) throw new RangeError(`decoder returned ${shape[0]} images for ${n} latents`);
  return { data: (await t.data()) as Float32Array | Int32Array | Uint8Array, shape };
}

function modelZDim(model: tf.LayersModel): number | undefined {
  const shape = model.inputs[0]?.shape;
  if (model.inputs.length !== 1 || !shape || shape.length !== 2) {
    throw new RangeError(
      `decoder model must take one [batch, zDim] input, got ${model.inputs.length} input(s) of shape ${JSON.stringify(model.inputs.map((i) => i.shape))}`,
    );
  }
  return shape[1] ?? undefined;
}

async function loadModel(path: string, name: string | undefined): Promise<tf.LayersModel> {
  if (!existsSync(path))
    throw new Error(
      `decoder path ${path} does not exist (expected a checkpoint dir, model dir or model.json)`,
    );
  if (statSync(path).isDirectory() && existsSync(join(path, 'manifest.json'))) {
    const ckpt = await loadCheckpoint(path);
    const names = Object.keys(ckpt.models);
    const pick =
      name ??
      DECODER_MODEL_NAMES.find((n) => names.includes(n)) ??
      (names.length === 1 ? names[0] : undefined);
    if (!pick || !ckpt.models[pick]) {
      for (const m of Object.values(ckpt.models)) m.dispose();
      throw new Error(
        `checkpoint ${path} holds models [${names.join(', ')}]; choose one with the 'model' option${name ? ` (got '${name}')` : ''}`,
      );
    }
    for (const [n, m] of Object.entries(ckpt.models)) if (n !== pick) m.dispose();
    return ckpt.models[pick] as tf.LayersModel;
  }
  return tf.loadLayersModel(`file://${resolve(path)}`);
}

/** Wraps a decoder source (function, model or path) into a batched `Decoder`. */
export async function createDecoder(
  source: DecoderSource,
  options: DecoderOptions = {},
): Promise<Decoder> {
  const { valueRange = [-1, 1], batchSize = 32, imageShape } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  if (!(valueRange[1] > valueRange[0]))
    throw new RangeError(
      `valueRange must be [low, high] with low < high, got [${valueRange.join(', ')}]`,
    );
  let owned: tf.LayersModel | undefined;
  let model: tf.LayersModel | undefined;
  let fn: DecodeFn | undefined;
  if (typeof source === 'string') model = owned = await loadModel(source, options.model);
  else if (source instanceof tf.LayersModel) model = source;
  else if (typeof source === 'function') fn = source;
  else throw new TypeError('decoder source must be a function, a tf.LayersModel or a path');
  const declared = model ? modelZDim(model) : undefined;
  if (declared !== undefined && options.zDim !== undefined && declared !== options.zDim) {
    owned?.dispose();
    throw new RangeError(
      `decoder model takes latents of size ${declared}, but the zDim option is ${options.zDim}`,
    );
  }
  const zDim = options.zDim ?? declared;

  const run = async (z: Float32Array, n: number, d: number): Promise<Image8[]> => {
    if (model) {
      const m = model;
      const out = tf.tidy(() => {
        const y = m.predict(tf.tensor2d(z, [n, d]));
        if (Array.isArray(y))
          throw new RangeError(`decoder model has ${y.length} outputs; expected one image output`);
        return y as tf.Tensor;
      });
      try {
        return batchToImages(await tensorToBatch(out, n, imageShape), valueRange);
      } finally {
        out.dispose();
      }
    }
    const y = await (fn as DecodeFn)(z, n, d);
    if (y instanceof tf.Tensor) {
      try {
        return batchToImages(await tensorToBatch(y, n, imageShape), valueRange);
      } finally {
        y.dispose();
      }
    }
    return batchToImages(y, valueRange);
  };

  return {
    zDim,
    batchSize,
    async decode(z: Float32Array, n: number): Promise<Image8[]> {
      if (!Number.isInteger(n) || n < 0 || z.length % Math.max(n, 1) !== 0) {
        throw new RangeError(`decode: ${z.length} latent values do not split into ${n} rows`);
      }
      if (n === 0) return [];
      const d = z.length / n;
      if (zDim !== undefined && d !== zDim)
        throw new RangeError(`decode: latents have ${d} dims, the decoder expects zDim ${zDim}`);
      const images: Image8[] = [];
      for (let s = 0; s < n; s += batchSize) {
        const e = Math.min(n, s + batchSize);
        images.push(...(await run(z.subarray(s * d, e * d), e - s, d)));
      }
      return images;
    },
    dispose(): void {
      owned?.dispose();
      owned = undefined;
    },
  };
}
