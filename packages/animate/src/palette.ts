/**
 * Colour tables for GIF frames. Flat-colour scenes (Sort-of-CLEVR: a white background and a few
 * pure object colours, plus our labels) usually hold far fewer than 256 colours, so the first
 * choice is an EXACT palette: every colour kept, the GIF lossless. Generator outputs with soft
 * edges or noise hold thousands of colours and go through gifenc's PnnQuant quantizer.
 */
import { gifenc } from './gifenc.js';
import type { Palette, QuantizeFormat } from './gifenc.js';

const key = (r: number, g: number, b: number): number => (r << 16) | (g << 8) | b;

/**
 * The distinct RGB colours of RGBA pixels, or undefined as soon as there are more than `limit`
 * (so counting stops early on noisy images).
 */
export function distinctColors(
  rgba: Uint8Array,
  limit = 256,
  into = new Set<number>(),
): Set<number> | undefined {
  for (let i = 0; i < rgba.length; i += 4) {
    into.add(key(rgba[i] as number, rgba[i + 1] as number, rgba[i + 2] as number));
    if (into.size > limit) return undefined;
  }
  return into;
}

/** A palette holding exactly these colours (sorted by key, so the same set gives the same table). */
export function paletteFromColors(colors: Iterable<number>): Palette {
  return [...colors].sort((a, b) => a - b).map((c) => [(c >> 16) & 255, (c >> 8) & 255, c & 255]);
}

/**
 * A palette for a sample of RGBA frames: exact when the sample holds at most `maxColors` colours,
 * otherwise PnnQuant over the concatenated sample (`format` sets its colour resolution).
 */
export function buildPalette(
  frames: readonly Uint8Array[],
  maxColors = 256,
  format: QuantizeFormat = 'rgb565',
): Palette {
  if (frames.length === 0) throw new RangeError('buildPalette needs at least one frame');
  const set = new Set<number>();
  let exact = true;
  for (const f of frames) {
    if (!distinctColors(f, maxColors, set)) {
      exact = false;
      break;
    }
  }
  if (exact) return paletteFromColors(set);
  const total = frames.reduce((n, f) => n + f.length, 0);
  const all = new Uint8Array(total);
  let o = 0;
  for (const f of frames) {
    all.set(f, o);
    o += f.length;
  }
  return gifenc.quantize(all, maxColors, { format });
}

/** Largest cache of colour -> nearest index kept between frames (bounds memory on noisy video). */
const CACHE_LIMIT = 1 << 16;

/**
 * Maps RGBA pixels to palette indices: exact colours by table lookup, others to the nearest
 * palette entry (squared RGB distance), memoised per 24-bit colour. Unlike gifenc's
 * `applyPalette`, which memoises per 16-bit rgb565 bin, two palette colours that share a bin
 * still map to themselves, so an exact palette stays lossless.
 */
export class PaletteMapper {
  private readonly cache = new Map<number, number>();
  private readonly flat: Int32Array;

  constructor(readonly palette: Palette) {
    if (palette.length < 1 || palette.length > 256) {
      throw new RangeError(`a GIF palette holds 1 to 256 colours, got ${palette.length}`);
    }
    this.flat = new Int32Array(palette.length * 3);
    palette.forEach((c, i) => {
      this.flat.set([c[0] as number, c[1] as number, c[2] as number], i * 3);
      this.cache.set(key(c[0] as number, c[1] as number, c[2] as number), i);
    });
  }

  private nearest(r: number, g: number, b: number): number {
    const p = this.flat;
    let best = 0;
    let bestD = Infinity;
    for (let i = 0; i < p.length; i += 3) {
      const dr = (p[i] as number) - r;
      const dg = (p[i + 1] as number) - g;
      const db = (p[i + 2] as number) - b;
      const d = dr * dr + dg * dg + db * db;
      if (d < bestD) {
        bestD = d;
        best = i / 3;
        if (d === 0) break;
      }
    }
    return best;
  }

  /** Indices for RGBA pixels; also returns the mean absolute error per channel (bytes). */
  map(
    rgba: Uint8Array,
    out = new Uint8Array(rgba.length / 4),
  ): { index: Uint8Array; meanError: number } {
    let err = 0;
    const p = this.flat;
    for (let i = 0, j = 0; i < rgba.length; i += 4, j++) {
      const r = rgba[i] as number;
      const g = rgba[i + 1] as number;
      const b = rgba[i + 2] as number;
      const k = key(r, g, b);
      let idx = this.cache.get(k);
      if (idx === undefined) {
        idx = this.nearest(r, g, b);
        if (this.cache.size >= CACHE_LIMIT + 256) this.resetCache();
        this.cache.set(k, idx);
      }
      out[j] = idx;
      err +=
        Math.abs((p[idx * 3] as number) - r) +
        Math.abs((p[idx * 3 + 1] as number) - g) +
        Math.abs((p[idx * 3 + 2] as number) - b);
    }
    return { index: out, meanError: err / (out.length * 3 || 1) };
  }

  private resetCache(): void {
    this.cache.clear();
    this.palette.forEach((c, i) =>
      this.cache.set(key(c[0] as number, c[1] as number, c[2] as number), i),
    );
  }
}
