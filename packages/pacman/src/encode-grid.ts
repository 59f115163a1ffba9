/**
 * The `grid` observation: float32 [H, W, 6], channels walls, food, capsules, Pac-Man, ghosts,
 * scared ghosts. A ghost half-way between two cells (scared ghosts move half a cell per move)
 * puts 0.5 in both cells, so the encoding keeps CS188's fractional positions; several ghosts
 * in one cell still give 1 (the maximum), so every value lies in [0, 1].
 */
import type { GameState } from './state.js';

export const GRID_CHANNELS = 6;
export const GRID_CHANNEL_NAMES = [
  'walls',
  'food',
  'capsules',
  'pacman',
  'ghosts',
  'scaredGhosts',
] as const;

/** Number of floats in one grid observation of a `height` x `width` layout. */
export function gridSize(height: number, width: number): number {
  return height * width * GRID_CHANNELS;
}

function mark(out: Float32Array, i: number, v: number): void {
  if (out[i]! < v) out[i] = v;
}

/**
 * Writes the grid observation of `s` into `out` starting at `offset` and returns `out`.
 * Allocates nothing; `out` must hold `offset + gridSize(H, W)` floats.
 */
export function encodeGrid(s: GameState, out: Float32Array, offset = 0): Float32Array {
  const L = s.layout;
  const W = L.width;
  const n = L.width * L.height;
  if (out.length < offset + n * GRID_CHANNELS) {
    throw new RangeError(
      `encodeGrid: out has ${out.length} floats, needs ${offset + n * GRID_CHANNELS} (offset ${offset} + ${L.height}x${W}x${GRID_CHANNELS})`,
    );
  }
  const walls = L.walls;
  const food = s.food;
  const caps = s.capsules;
  for (let cell = 0, i = offset; cell < n; cell++, i += GRID_CHANNELS) {
    out[i] = walls[cell]!;
    out[i + 1] = food[cell]!;
    out[i + 2] = caps[cell]!;
    out[i + 3] = 0;
    out[i + 4] = 0;
    out[i + 5] = 0;
  }
  out[offset + (s.pacRow * W + s.pacCol) * GRID_CHANNELS + 3] = 1;
  for (let g = 0; g < s.numGhosts; g++) {
    const ch = offset + (s.scaredTimer[g]! > 0 ? 5 : 4);
    const r2 = s.ghostRow2[g]!;
    const c2 = s.ghostCol2[g]!;
    // Half positions straddle two cells (never both axes: a ghost moves along one axis).
    const r0 = r2 >> 1;
    const r1 = (r2 + 1) >> 1;
    const c0 = c2 >> 1;
    const c1 = (c2 + 1) >> 1;
    const v = r0 === r1 && c0 === c1 ? 1 : 0.5;
    mark(out, ch + (r0 * W + c0) * GRID_CHANNELS, v);
    mark(out, ch + (r1 * W + c1) * GRID_CHANNELS, v);
  }
  return out;
}
