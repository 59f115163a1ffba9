/** Latent batches drawn from an `Rng` (so runs are reproducible and resumable), and batched decoding. */
import { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';

/** How a model's latent space is sampled: GANs use U(-1, 1) (the authors), VAEs N(0, 1). */
export type LatentPrior = 'uniform' | 'normal';

/** `count` latent vectors of size `zDim`, row-major. */
export function sampleLatents(
  rng: Rng,
  count: number,
  zDim: number,
  prior: LatentPrior,
): Float32Array {
  const out = new Float32Array(count * zDim);
  if (prior === 'uniform') return rng.fillUniform(out, -1, 1);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

/**
 * Runs `model` (latent -> NHWC image) over `count` latents in batches and returns the images.
 * Inference mode (batch norm uses its moving statistics); no tensor survives the call.
 */
export async function decodeLatents(
  model: tf.LayersModel,
  latents: Float32Array,
  count: number,
  zDim: number,
  batchSize = 50,
  transform?: (images: tf.Tensor) => tf.Tensor,
): Promise<{ images: Float32Array; shape: [number, number, number, number] }> {
  const [h, w, c] = (model.outputs[0].shape.slice(1) as number[]).map(Number);
  const per = h * w * c;
  const images = new Float32Array(count * per);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const out = tf.tidy(() => {
      const z = tf.tensor2d(latents.subarray(start * zDim, (start + n) * zDim), [n, zDim]);
      const y = model.predict(z) as tf.Tensor;
      return transform ? transform(y) : y;
    });
    images.set((await out.data()) as Float32Array, start * per);
    out.dispose();
  }
  return { images, shape: [count, h, w, c] };
}
