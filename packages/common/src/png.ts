/** PNG files for figures, sample grids and frames (pngjs), written atomically. */
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write.js';

/** An 8-bit image: `channels` is 1 (gray), 3 (RGB) or 4 (RGBA), row-major, top row first. */
export interface Image8 {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/** Expands gray/RGB to RGBA (opaque). */
export function toRgba(img: Image8): Uint8Array {
  const { width, height, channels, data } = img;
  const n = width * height;
  if (data.length !== n * channels) {
    throw new RangeError(
      `image data length ${data.length} != width ${width} * height ${height} * channels ${channels}`,
    );
  }
  if (channels === 4) return data instanceof Uint8Array ? data : new Uint8Array(data);
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    if (channels === 1) {
      const v = data[i] as number;
      out[i * 4] = v;
      out[i * 4 + 1] = v;
      out[i * 4 + 2] = v;
    } else {
      out[i * 4] = data[i * 3] as number;
      out[i * 4 + 1] = data[i * 3 + 1] as number;
      out[i * 4 + 2] = data[i * 3 + 2] as number;
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}

export function encodePng(img: Image8): Uint8Array {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(toRgba(img).buffer, 0, img.width * img.height * 4);
  return PNG.sync.write(png);
}

export async function writePng(path: string, img: Image8): Promise<void> {
  await writeFileAtomic(path, encodePng(img));
}

/** Decodes a PNG to RGBA. */
export function decodePng(bytes: Uint8Array): Image8 {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data) };
}

export function readPng(path: string): Image8 {
  return decodePng(readFileSync(path));
}
