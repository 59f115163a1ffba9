/** Synthetic scenes for tests and examples (not part of the build). */
import type { Image8 } from '@coordconv/common';
import type { ImageBatch } from './decode.js';

/** An RGB frame: white background with a `size`-pixel square of `color` at (x, y) (top-left). */
export function squareFrame(
  width: number,
  height: number,
  x: number,
  y: number,
  size: number,
  color: readonly [number, number, number] = [255, 0, 0],
): Image8 {
  const data = new Uint8Array(width * height * 3).fill(255);
  for (let j = Math.max(0, y); j < Math.min(height, y + size); j++) {
    for (let i = Math.max(0, x); i < Math.min(width, x + size); i++) {
      data.set(color, (j * width + i) * 3);
    }
  }
  return { width, height, channels: 3, data };
}

/**
 * A plain-function decoder: latent dims 0 and 1 in [-1, 1] place a red square on a white
 * `size` x `size` canvas; output values in [-1, 1] (like a tanh generator).
 */
export function movingSquareDecoder(size = 32, square = 8) {
  return (z: Float32Array, n: number, zDim: number): ImageBatch => {
    const data = new Float32Array(n * size * size * 3);
    for (let k = 0; k < n; k++) {
      const u = (v: number) =>
        Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * (size - square));
      const img = squareFrame(
        size,
        size,
        u(z[k * zDim] as number),
        u(z[k * zDim + 1] as number),
        square,
      );
      for (let i = 0; i < img.data.length; i++)
        data[k * img.data.length + i] = (img.data[i] as number) / 127.5 - 1;
    }
    return { data, shape: [n, size, size, 3] };
  };
}
