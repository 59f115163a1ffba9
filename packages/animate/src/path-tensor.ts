/** tfjs views of latent paths, for decoders that take tensors. */
import { tf } from '@coordconv/backend';
import type { LatentPath } from './paths.js';

/** The whole path as a [frames, zDim] tensor (the caller disposes it). */
export function pathToTensor(path: LatentPath): tf.Tensor2D {
  return tf.tensor2d(path.z, [path.frames, path.zDim]);
}

/** A [frames, zDim] tensor back to a path (reads the data synchronously; `closed` is false). */
export function pathFromTensor(z: tf.Tensor): LatentPath {
  if (z.rank !== 2)
    throw new RangeError(
      `latent tensor must be rank 2 [frames, zDim], got shape [${z.shape.join(', ')}]`,
    );
  const [frames, zDim] = z.shape as [number, number];
  return { z: new Float32Array(z.dataSync()), frames, zDim, closed: false };
}
