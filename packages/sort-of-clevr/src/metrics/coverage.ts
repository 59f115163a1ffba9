/**
 * The CoordConv authors' coverage picture: the normalized mean of many samples. A generator that
 * covers every position gives a smooth square of colour like the data's; a collapsed one shows a
 * few bright spots.
 */
import type { Image8 } from '@coordconv/common';

/** Running per-pixel mean of NHWC batches. */
export class MeanImage {
  private readonly sum: Float64Array;
  count = 0;

  constructor(
    readonly height: number,
    readonly width: number,
    readonly channels: number,
  ) {
    this.sum = new Float64Array(height * width * channels);
  }

  /** Adds `count` images from an NHWC batch. */
  add(images: Float32Array, count: number): void {
    const stride = this.sum.length;
    if (images.length < count * stride)
      throw new RangeError(`MeanImage.add: ${images.length} values < ${count} images of ${stride}`);
    for (let k = 0; k < count; k++) {
      const o = k * stride;
      for (let i = 0; i < stride; i++) this.sum[i] += images[o + i];
    }
    this.count += count;
  }

  mean(): Float32Array {
    const out = new Float32Array(this.sum.length);
    if (this.count) for (let i = 0; i < out.length; i++) out[i] = this.sum[i] / this.count;
    return out;
  }

  /** The mean min-max normalized to [0, 1] over all pixels and channels (flat image -> zeros). */
  normalized(): Float32Array {
    const m = this.mean();
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of m) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi - lo;
    for (let i = 0; i < m.length; i++) m[i] = span > 0 ? (m[i] - lo) / span : 0;
    return m;
  }
}

/** Places normalized ([0, 1]) coverage maps side by side (data first), `scale`x nearest upsampled. */
export function coverageFigure(maps: readonly MeanImage[], scale = 2, gap = 4): Image8 {
  if (maps.length === 0) throw new RangeError('coverageFigure: no maps');
  const { height: h, width: w, channels: ch } = maps[0];
  const W = maps.length * w * scale + (maps.length - 1) * gap;
  const H = h * scale;
  const data = new Uint8Array(W * H * 3).fill(255);
  maps.forEach((m, k) => {
    if (m.height !== h || m.width !== w || m.channels !== ch)
      throw new RangeError('coverageFigure: maps differ in size');
    const v = m.normalized();
    const ox = k * (w * scale + gap);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < w * scale; x++) {
        const src = (Math.floor(y / scale) * w + Math.floor(x / scale)) * ch;
        const dst = (y * W + ox + x) * 3;
        for (let c = 0; c < 3; c++) data[dst + c] = Math.round(255 * v[src + (ch === 1 ? 0 : c)]);
      }
    }
  });
  return { width: W, height: H, channels: 3, data };
}
