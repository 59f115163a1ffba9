/**
 * Named colours of Sort-of-CLEVR scenes (Santoro et al. 2017; the kimhc6028 generator) as 8-bit
 * RGB. Colours are data, not an enum, so a config file can bring its own palette.
 */

/** An 8-bit RGB triple. */
export type Rgb = readonly [number, number, number];

/** A named object colour. */
export interface NamedColor {
  /** Name used in scene descriptions and metrics, e.g. `red`. */
  name: string;
  /** 8-bit RGB. */
  rgb: Rgb;
}

export const RED: NamedColor = { name: 'red', rgb: [255, 0, 0] };
export const GREEN: NamedColor = { name: 'green', rgb: [0, 255, 0] };
export const BLUE: NamedColor = { name: 'blue', rgb: [0, 0, 255] };
export const ORANGE: NamedColor = { name: 'orange', rgb: [255, 156, 0] };
export const GRAY: NamedColor = { name: 'gray', rgb: [128, 128, 128] };
export const YELLOW: NamedColor = { name: 'yellow', rgb: [255, 255, 0] };

export const BLACK: Rgb = [0, 0, 0];
export const WHITE: Rgb = [255, 255, 255];

/** The six colours of the original Sort-of-CLEVR, in the generator's order. */
export const ORIGINAL_COLORS: readonly NamedColor[] = [RED, GREEN, BLUE, ORANGE, GRAY, YELLOW];

/** Euclidean distance between two RGB triples (0..441). */
export function rgbDistance(a: Rgb, b: Rgb): number {
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return Math.sqrt(dr * dr + dg * dg + db * db);
}
