/**
 * The coordinate values AddCoords appends, as plain typed arrays (no tfjs), so the formulas can
 * be tested and reused on their own.
 *
 * For a spatial shape `[n_1, ..., n_k]` (k = 1, 2 or 3, outermost axis first) the grid holds, at
 * every position `(p_1, ..., p_k)`, the channels
 *
 *   c_a = p_a / (n_a - 1) * 2 - 1      for a = 1..k (0 when n_a = 1), each in [-1, 1]
 *   r   = sqrt(c_1^2 + ... + c_k^2)    only with `withR`
 *
 * so for 2D images the channels are (i, j[, r]) with i the row and j the column, and r is the
 * distance from the image centre in normalized units (0 at the centre, sqrt(2) in the corners).
 * Each axis is normalized by its OWN length: the official TF1 code divides by the other axis'
 * length (wrong on non-square inputs, uber-research/CoordConv issue #5), and many ports centre r
 * at (0.5, 0.5) instead of the image centre; both are avoided here (see REFERENCES.md).
 */

/** Coordinate channels appended for `spatialRank` spatial axes. */
export function coordChannelCount(spatialRank: number, withR: boolean): number {
  return spatialRank + (withR ? 1 : 0);
}

/** Normalized coordinate of index `k` along an axis of length `len`: in [-1, 1], 0 if len = 1. */
export function normalizedCoord(k: number, len: number): number {
  return len === 1 ? 0 : (k / (len - 1)) * 2 - 1;
}

/**
 * Channels-last grid of shape `[...spatial, channels]` in row-major order.
 * @param spatial known spatial lengths, outermost first (1 to 3 axes, each >= 1).
 */
export function coordinateGrid(spatial: readonly number[], withR: boolean): Float32Array {
  const rank = spatial.length;
  if (rank < 1 || rank > 3) {
    throw new RangeError(
      `coordinateGrid: expected 1 to 3 spatial axes, got ${rank} ([${spatial.join(', ')}])`,
    );
  }
  for (const len of spatial) {
    if (!Number.isInteger(len) || len < 1) {
      throw new RangeError(
        `coordinateGrid: spatial lengths must be integers >= 1, got [${spatial.join(', ')}]`,
      );
    }
  }
  const channels = coordChannelCount(rank, withR);
  const positions = spatial.reduce((a, b) => a * b, 1);
  const out = new Float32Array(positions * channels);
  // Per-axis lookup tables: one division per index instead of one per position.
  const tables = spatial.map((len) =>
    Float64Array.from({ length: len }, (_, k) => normalizedCoord(k, len)),
  );
  const index = new Array<number>(rank).fill(0);
  for (let p = 0; p < positions; p++) {
    const base = p * channels;
    let r2 = 0;
    for (let a = 0; a < rank; a++) {
      const c = tables[a][index[a]];
      out[base + a] = c;
      r2 += c * c;
    }
    if (withR) out[base + rank] = Math.sqrt(r2);
    // Advance the row-major multi-index (innermost axis fastest).
    for (let a = rank - 1; a >= 0; a--) {
      if (++index[a] < spatial[a]) break;
      index[a] = 0;
    }
  }
  return out;
}
