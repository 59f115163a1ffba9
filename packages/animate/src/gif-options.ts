/** Options of GifWriter.create, checked once with errors that name the option. */
import type { Palette, QuantizeFormat } from './gifenc.js';

export interface GifWriterOptions {
  /** Size of the frames passed to addFrame (before `scale`). */
  width: number;
  height: number;
  /** Delay between frames in ms (default 100). GIF stores centiseconds: rounded to 10 ms. */
  delayMs?: number;
  /** true (default): loop forever; false: play once; n: play n + 1 times. */
  loop?: boolean | number;
  /** Integer nearest-neighbour upscaling of every frame (default 1). */
  scale?: number;
  /**
   * 'auto' (default): global palette from the first frames, adapted when colours drift (see
   * gif-writer.ts). A Palette: start from this one (still adapted unless maxError is Infinity).
   * 'per-frame': a fresh palette for every frame (exact or quantized) - best per-frame colour,
   * but unchanged pixels may flicker and every frame carries a 768-byte colour table.
   */
  palette?: 'auto' | 'per-frame' | Palette;
  /** Frames sampled (and buffered) for the initial 'auto' palette (default 8). */
  paletteFrames?: number;
  /** Mean absolute error per channel (bytes) above which a new palette is adopted (default 6). */
  maxError?: number;
  /** Quantizer colour resolution for non-exact palettes (default 'rgb565'). */
  format?: QuantizeFormat;
}

export function validateGifOptions(o: GifWriterOptions): void {
  const positiveInt = (name: string, v: unknown, max = 65535): void => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
      throw new RangeError(
        `GifWriter option ${name} must be an integer in [1, ${max}], got ${String(v)}`,
      );
    }
  };
  positiveInt('width', o.width);
  positiveInt('height', o.height);
  if (o.scale !== undefined) positiveInt('scale', o.scale, 64);
  positiveInt('width * scale', o.width * (o.scale ?? 1));
  positiveInt('height * scale', o.height * (o.scale ?? 1));
  if (o.paletteFrames !== undefined) positiveInt('paletteFrames', o.paletteFrames, 1000);
  if (o.delayMs !== undefined && !(o.delayMs >= 0 && o.delayMs <= 655350)) {
    throw new RangeError(`GifWriter option delayMs must be in [0, 655350], got ${o.delayMs}`);
  }
  const loop = o.loop;
  if (
    loop !== undefined &&
    typeof loop !== 'boolean' &&
    !(Number.isInteger(loop) && loop >= 1 && loop <= 65535)
  ) {
    throw new RangeError(
      `GifWriter option loop must be true, false or an integer in [1, 65535], got ${String(loop)}`,
    );
  }
  const p = o.palette;
  if (p !== undefined && p !== 'auto' && p !== 'per-frame' && !Array.isArray(p)) {
    throw new RangeError(
      `GifWriter option palette must be 'auto', 'per-frame' or an array of [r, g, b], got ${String(p)}`,
    );
  }
  if (o.format !== undefined && o.format !== 'rgb565' && o.format !== 'rgb444') {
    throw new RangeError(
      `GifWriter option format must be 'rgb565' or 'rgb444', got ${String(o.format)}`,
    );
  }
  if (o.maxError !== undefined && !(o.maxError >= 0)) {
    throw new RangeError(
      `GifWriter option maxError must be >= 0 (Infinity disables re-palettes), got ${o.maxError}`,
    );
  }
}
