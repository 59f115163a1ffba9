/** Small helpers over 8-bit images (`Image8` from @coordconv/common): RGB canvases, blits, upscaling. */
import type { Image8 } from '@coordconv/common';

/** An RGB colour, bytes. */
export type Rgb = readonly [number, number, number];

export function checkImage(img: Image8, what = 'image'): void {
  const { width, height, channels, data } = img;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new RangeError(`${what} size must be positive integers, got ${width}x${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new RangeError(`${what} channels must be 1, 3 or 4, got ${String(channels)}`);
  }
  if (data.length !== width * height * channels) {
    throw new RangeError(
      `${what} data length ${data.length} != ${width} * ${height} * ${channels} (width * height * channels)`,
    );
  }
}

/** A new RGB image filled with one colour. */
export function rgbCanvas(width: number, height: number, fill: Rgb = [255, 255, 255]): Image8 {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = fill[0];
    data[i + 1] = fill[1];
    data[i + 2] = fill[2];
  }
  return { width, height, channels: 3, data };
}

/**
 * Copies `src` (1, 3 or 4 channels; alpha ignored) into the RGB canvas `dst` with its top-left at
 * (x, y), scaled up `scale` times by pixel repetition. Parts outside `dst` are clipped.
 */
export function blit(dst: Image8, src: Image8, x: number, y: number, scale = 1): void {
  if (dst.channels !== 3)
    throw new RangeError(`blit target must be RGB (3 channels), got ${dst.channels}`);
  const c = src.channels;
  for (let sy = 0; sy < src.height * scale; sy++) {
    const dy = y + sy;
    if (dy < 0 || dy >= dst.height) continue;
    const srow = Math.floor(sy / scale) * src.width;
    for (let sx = 0; sx < src.width * scale; sx++) {
      const dx = x + sx;
      if (dx < 0 || dx >= dst.width) continue;
      const s = (srow + Math.floor(sx / scale)) * c;
      const d = (dy * dst.width + dx) * 3;
      if (c === 1) {
        const v = src.data[s] as number;
        dst.data[d] = v;
        dst.data[d + 1] = v;
        dst.data[d + 2] = v;
      } else {
        dst.data[d] = src.data[s] as number;
        dst.data[d + 1] = src.data[s + 1] as number;
        dst.data[d + 2] = src.data[s + 2] as number;
      }
    }
  }
}

/** Nearest-neighbour upscaling by an integer factor (keeps the channel count). */
export function upscaleNearest(img: Image8, factor: number): Image8 {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new RangeError(`upscale factor must be an integer >= 1, got ${factor}`);
  }
  if (factor === 1) return img;
  const { width, height, channels: c } = img;
  const w = width * factor;
  const out = new Uint8Array(w * height * factor * c);
  for (let y = 0; y < height; y++) {
    const row = out.subarray(y * factor * w * c, (y * factor + 1) * w * c);
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < c; k++) {
        const v = img.data[(y * width + x) * c + k] as number;
        for (let r = 0; r < factor; r++) row[(x * factor + r) * c + k] = v;
      }
    }
    for (let r = 1; r < factor; r++)
      out.copyWithin((y * factor + r) * w * c, y * factor * w * c, (y * factor + 1) * w * c);
  }
  return { width: w, height: height * factor, channels: c, data: out };
}

/** The image as RGB (gray repeated, alpha dropped); returns the same image when already RGB. */
export function toRgb(img: Image8): Image8 {
  if (img.channels === 3) return img;
  const out = rgbCanvas(img.width, img.height);
  blit(out, img, 0, 0);
  return out;
}

/** Writes the image as RGBA into `out` (length width*height*4), alpha 255. */
export function writeRgba(img: Image8, out: Uint8Array): Uint8Array {
  const n = img.width * img.height;
  const c = img.channels;
  if (out.length !== n * 4) throw new RangeError(`RGBA buffer length ${out.length} != ${n} * 4`);
  for (let i = 0; i < n; i++) {
    const s = i * c;
    const d = i * 4;
    if (c === 1) {
      const v = img.data[s] as number;
      out[d] = v;
      out[d + 1] = v;
      out[d + 2] = v;
    } else {
      out[d] = img.data[s] as number;
      out[d + 1] = img.data[s + 1] as number;
      out[d + 2] = img.data[s + 2] as number;
    }
    out[d + 3] = 255;
  }
  return out;
}
