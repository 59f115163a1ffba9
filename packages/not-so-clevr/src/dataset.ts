/**
 * The Not-so-Clevr dataset (Liu et al. 2018, §3; official `data/not_so_clevr_generator.py`):
 * a 9x9 square (radius 4) on a 64x64 canvas, centred at every (i, j) with i, j in 4..59, so
 * 56 x 56 = 3136 examples. Pure typed-array generators, no tfjs.
 *
 * Conventions: i is the row (the official code's y), j the column (its x); examples are in
 * row-major order of their centres (example k has i = 4 + floor(k / 56), j = 4 + k % 56). The
 * one-hot image has a 1 at pixel (i, j) (the official `field[y, x]`); the square image has 1s
 * on rows i-4..i+4 and columns j-4..j+4.
 */

/** Canvas side in pixels. */
export const CANVAS_SIZE = 64;
/** Pixels per image. */
export const PIXELS = CANVAS_SIZE * CANVAS_SIZE;
/** Half the side of the square: squares are (2 * 4 + 1) = 9 pixels wide. */
export const SQUARE_RADIUS = 4;
/** Smallest and largest centre coordinate (the square stays on the canvas). */
export const CENTRE_MIN = SQUARE_RADIUS;
export const CENTRE_MAX = CANVAS_SIZE - SQUARE_RADIUS - 1;
/** Centres per axis (56) and examples in the dataset (3136). */
export const GRID_SIZE = CENTRE_MAX - CENTRE_MIN + 1;
export const NUM_EXAMPLES = GRID_SIZE * GRID_SIZE;

/** Row of example `k`'s centre. */
export function centreRow(k: number): number {
  return CENTRE_MIN + Math.floor(k / GRID_SIZE);
}

/** Column of example `k`'s centre. */
export function centreCol(k: number): number {
  return CENTRE_MIN + (k % GRID_SIZE);
}

/** Flat pixel index (row-major over the 64x64 canvas) of example `k`'s centre. */
export function centrePixel(k: number): number {
  return centreRow(k) * CANVAS_SIZE + centreCol(k);
}

/** Example index of the centre (i, j); throws outside 4..59. */
export function exampleIndex(i: number, j: number): number {
  for (const [name, v] of [
    ['i', i],
    ['j', j],
  ] as const) {
    if (!Number.isInteger(v) || v < CENTRE_MIN || v > CENTRE_MAX) {
      throw new RangeError(
        `exampleIndex: ${name} must be an integer in ${CENTRE_MIN}..${CENTRE_MAX}, got ${v}`,
      );
    }
  }
  return (i - CENTRE_MIN) * GRID_SIZE + (j - CENTRE_MIN);
}

function checkIndices(indices: ArrayLike<number>, where: string): void {
  for (let n = 0; n < indices.length; n++) {
    const k = indices[n];
    if (!Number.isInteger(k) || k < 0 || k >= NUM_EXAMPLES) {
      throw new RangeError(
        `${where}: example index must be an integer in 0..${NUM_EXAMPLES - 1}, got ${k} at ${n}`,
      );
    }
  }
}

/** Integer centre coordinates of the examples: [n, 2] row-major, (i, j) per example. */
export function coordinates(indices: ArrayLike<number>): Int32Array {
  checkIndices(indices, 'coordinates');
  const out = new Int32Array(indices.length * 2);
  for (let n = 0; n < indices.length; n++) {
    out[2 * n] = centreRow(indices[n]);
    out[2 * n + 1] = centreCol(indices[n]);
  }
  return out;
}

/** Flat centre-pixel indices (the classification labels) of the examples. */
export function centrePixels(indices: ArrayLike<number>): Int32Array {
  checkIndices(indices, 'centrePixels');
  return Int32Array.from({ length: indices.length }, (_, n) => centrePixel(indices[n]));
}

/** One-hot centre images: [n, 64, 64] with a single 1 per image. */
export function oneHotImages(indices: ArrayLike<number>): Uint8Array {
  checkIndices(indices, 'oneHotImages');
  const out = new Uint8Array(indices.length * PIXELS);
  for (let n = 0; n < indices.length; n++) out[n * PIXELS + centrePixel(indices[n])] = 1;
  return out;
}

/** Square images: [n, 64, 64] with a 9x9 block of 1s around each centre. */
export function squareImages(indices: ArrayLike<number>): Uint8Array {
  checkIndices(indices, 'squareImages');
  const out = new Uint8Array(indices.length * PIXELS);
  for (let n = 0; n < indices.length; n++) {
    const i = centreRow(indices[n]);
    const j = centreCol(indices[n]);
    for (let r = i - SQUARE_RADIUS; r <= i + SQUARE_RADIUS; r++) {
      const row = n * PIXELS + r * CANVAS_SIZE;
      out.fill(1, row + j - SQUARE_RADIUS, row + j + SQUARE_RADIUS + 1);
    }
  }
  return out;
}

/** Every example index, 0..3135. */
export function allExamples(): Int32Array {
  return Int32Array.from({ length: NUM_EXAMPLES }, (_, k) => k);
}
