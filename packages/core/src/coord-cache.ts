/**
 * Coordinate-channel constants, built once per spatial shape and kept across calls.
 *
 * AddCoords runs inside `tf.tidy` scopes (model.predict, fit, optimizer.minimize); a constant
 * built there would be disposed at the end of the scope, so every cached tensor is `tf.keep`-ed
 * and owned by its cache until `dispose()` (or eviction). Each AddCoords / CoordConv layer owns
 * one cache (disposed with the layer); the functional `addCoords` shares a module-level one.
 */
import { tf } from '@coordconv/backend';

import { coordChannelCount, coordinateGrid } from './coord-grid.js';

/** Where the channel axis is, as in tfjs conv layers. */
export type DataFormat = 'channelsLast' | 'channelsFirst';

/** Distinct shapes kept per cache before the least recently used one is disposed. */
const DEFAULT_MAX_ENTRIES = 16;

export class CoordCache {
  private readonly entries = new Map<string, tf.Tensor>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /**
   * The coordinate tensor for `spatial`: shape `[1, ...spatial, n]` (channelsLast) or
   * `[1, n, ...spatial]` (channelsFirst), float32. Owned by the cache: do not dispose it.
   */
  get(spatial: readonly number[], withR: boolean, dataFormat: DataFormat): tf.Tensor {
    const key = `${dataFormat}:${withR ? 'r' : '-'}:${spatial.join('x')}`;
    const hit = this.entries.get(key);
    if (hit !== undefined && !hit.isDisposed) {
      // Re-insert so Map order is least-recently-used first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const built = tf.keep(build(spatial, withR, dataFormat));
    this.entries.set(key, built);
    if (this.entries.size > this.maxEntries) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, tf.Tensor];
      this.entries.delete(oldestKey);
      oldest.dispose();
    }
    return built;
  }

  /** Number of shapes currently cached. */
  get size(): number {
    return this.entries.size;
  }

  /** Frees every cached tensor; the cache stays usable (it rebuilds on demand). */
  dispose(): void {
    for (const t of this.entries.values()) t.dispose();
    this.entries.clear();
  }
}

function build(spatial: readonly number[], withR: boolean, dataFormat: DataFormat): tf.Tensor {
  const n = coordChannelCount(spatial.length, withR);
  const grid = coordinateGrid(spatial, withR);
  return tf.tidy(() => {
    const last = tf.tensor(grid, [1, ...spatial, n], 'float32');
    if (dataFormat === 'channelsLast') return last;
    // [1, ...spatial, n] -> [1, n, ...spatial]
    const perm = [0, spatial.length + 1, ...spatial.map((_, a) => a + 1)];
    return tf.transpose(last, perm);
  });
}
