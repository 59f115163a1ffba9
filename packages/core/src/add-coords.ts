/**
 * Functional AddCoords: `addCoords(x)` appends normalized coordinate channels (and optionally
 * the radius) to a rank-3, -4 or -5 tensor. Formulas: see coord-grid.ts.
 */
import { tf } from '@coordconv/backend';

import { CoordCache } from './coord-cache.js';
import type { DataFormat } from './coord-cache.js';
import { coordChannelCount } from './coord-grid.js';

export interface AddCoordsOptions {
  /** Also append r = sqrt(sum of squared normalized coordinates), the distance from the centre. */
  withR?: boolean;
  /** Channel axis position. Default 'channelsLast' (NHWC), the layout used throughout. */
  dataFormat?: DataFormat;
}

/** Input ranks AddCoords accepts: [b, w, c], [b, h, w, c], [b, d, h, w, c] (channels last). */
export const ADD_COORDS_RANKS: readonly number[] = [3, 4, 5];

const sharedCache = new CoordCache();

/** Frees the coordinate constants cached by the functional `addCoords`. */
export function disposeSharedCoordCache(): void {
  sharedCache.dispose();
}

export function resolveDataFormat(dataFormat: unknown, where: string): DataFormat {
  if (dataFormat === undefined || dataFormat === null) return 'channelsLast';
  if (dataFormat === 'channelsLast' || dataFormat === 'channelsFirst') return dataFormat;
  throw new TypeError(
    `${where}: dataFormat must be 'channelsLast' or 'channelsFirst', got ${JSON.stringify(dataFormat)}`,
  );
}

export function checkAddCoordsRank(
  rank: number,
  shape: readonly (number | null)[],
  where: string,
): void {
  if (!ADD_COORDS_RANKS.includes(rank)) {
    throw new RangeError(
      `${where}: expected an input of rank 3 [b, w, c], 4 [b, h, w, c] or 5 [b, d, h, w, c], ` +
        `got rank ${rank} with shape [${shape.map(String).join(', ')}]`,
    );
  }
}

/** Indices of the spatial axes for an input of `rank`. */
export function spatialAxes(rank: number, dataFormat: DataFormat): number[] {
  const first = dataFormat === 'channelsLast' ? 1 : 2;
  return Array.from({ length: rank - 2 }, (_, a) => first + a);
}

/** Output shape of AddCoords: the channel axis grows by the number of coordinate channels. */
export function addCoordsOutputShape(
  inputShape: readonly (number | null)[],
  options: AddCoordsOptions = {},
): (number | null)[] {
  const dataFormat = resolveDataFormat(options.dataFormat, 'addCoordsOutputShape');
  checkAddCoordsRank(inputShape.length, inputShape, 'addCoordsOutputShape');
  const channelAxis = dataFormat === 'channelsLast' ? inputShape.length - 1 : 1;
  const extra = coordChannelCount(inputShape.length - 2, options.withR ?? false);
  const out = inputShape.slice();
  const c = out[channelAxis];
  out[channelAxis] = c === null ? null : c + extra;
  return out;
}

/**
 * Appends coordinate channels using `cache` for the constants. The result is float32 (integer
 * inputs are cast, since the coordinates are fractional).
 */
export function addCoordsWithCache(
  x: tf.Tensor,
  options: AddCoordsOptions,
  cache: CoordCache,
): tf.Tensor {
  const dataFormat = resolveDataFormat(options.dataFormat, 'addCoords');
  checkAddCoordsRank(x.rank, x.shape, 'addCoords');
  const spatial = spatialAxes(x.rank, dataFormat).map((a) => x.shape[a]);
  const coords = cache.get(spatial, options.withR ?? false, dataFormat);
  return tf.tidy(() => {
    const xf = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
    const batch = x.shape[0];
    const tiled =
      batch === 1 ? coords : tf.tile(coords, [batch, ...new Array<number>(x.rank - 1).fill(1)]);
    return tf.concat([xf, tiled], dataFormat === 'channelsLast' ? x.rank - 1 : 1);
  });
}

/**
 * Appends coordinate channels to `x` (rank 3, 4 or 5): for 2D NHWC input `[b, h, w, c]` the
 * output is `[b, h, w, c + 2]` (`c + 3` with `withR`), channels (i, j[, r]) after the inputs,
 * each coordinate in [-1, 1] over its own axis. The constants are cached per shape.
 */
export function addCoords(x: tf.Tensor, options: AddCoordsOptions = {}): tf.Tensor {
  return addCoordsWithCache(x, options, sharedCache);
}
