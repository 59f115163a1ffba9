/**
 * The `grid` observation: float32 [H, W, 6], channels walls, food, capsules, Pac-Man, ghosts,
 * scared ghosts. A ghost half-way between two cells (scared ghosts move half a cell per move)
 * puts 0.5 in both cells, so the encoding keeps CS188's fractional positions; several ghosts
 * in one cell still give 1 (the maximum), so every value lies in [0, 1].
 */
import type { Layout } from './layout.js';
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

function checkOut(L: Layout, out: Float32Array, offset: number): void {
  const need = offset + gridSize(L.height, L.width);
  if (out.length < need) {
    throw new RangeError(
      `encodeGrid: out has ${out.length} floats, needs ${need} (offset ${offset} + ${L.height}x${L.width}x${GRID_CHANNELS})`,
    );
  }
}

/** Marks Pac-Man and the ghosts on a grid whose agent channels are zero. */
function writeAgents(s: GameState, out: Float32Array, offset: number): void {
  const W = s.layout.width;
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
}

/**
 * Writes the grid observation of `s` into `out` starting at `offset` and returns `out`.
 * Allocates nothing; `out` must hold `offset + gridSize(H, W)` floats. `GridEncoder` does the
 * same faster when one layout is encoded repeatedly.
 */
export function encodeGrid(s: GameState, out: Float32Array, offset = 0): Float32Array {
  const L = s.layout;
  checkOut(L, out, offset);
  const n = L.width * L.height;
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
  writeAgents(s, out, offset);
  return out;
}

/**
 * `encodeGrid` for one layout, several times faster: it keeps the board channels of the last
 * encoded state, patches the cells whose food or capsule changed, copies the whole board with
 * one `set`, then marks the agents. Works for any state of its layout, in any order.
 */
export class GridEncoder {
  readonly layout: Layout;
  readonly size: number;
  private readonly board: Float32Array;
  private readonly shownFood: Uint8Array;
  private readonly shownCapsules: Uint8Array;
  /** The state and `boardVersion` the cached board shows. */
  private shownState: GameState | undefined;
  private shownVersion = -1;

  constructor(layout: Layout) {
    this.layout = layout;
    this.size = gridSize(layout.height, layout.width);
    this.board = new Float32Array(this.size);
    this.shownFood = layout.food.slice();
    this.shownCapsules = layout.capsules.slice();
    for (let cell = 0; cell < layout.width * layout.height; cell++) {
      this.board[cell * GRID_CHANNELS] = layout.walls[cell]!;
      this.board[cell * GRID_CHANNELS + 1] = layout.food[cell]!;
      this.board[cell * GRID_CHANNELS + 2] = layout.capsules[cell]!;
    }
  }

  private syncBoard(s: GameState): void {
    const food = s.food;
    const caps = s.capsules;
    const shownFood = this.shownFood;
    const shownCaps = this.shownCapsules;
    for (let cell = 0; cell < shownFood.length; cell++) {
      if (shownFood[cell] !== food[cell] || shownCaps[cell] !== caps[cell]) {
        shownFood[cell] = food[cell]!;
        shownCaps[cell] = caps[cell]!;
        this.board[cell * GRID_CHANNELS + 1] = food[cell]!;
        this.board[cell * GRID_CHANNELS + 2] = caps[cell]!;
      }
    }
    this.shownState = s;
    this.shownVersion = s.boardVersion;
  }

  encode(s: GameState, out: Float32Array, offset = 0): Float32Array {
    if (s.layout !== this.layout)
      throw new Error('GridEncoder.encode: the state is of another layout');
    checkOut(this.layout, out, offset);
    if (s !== this.shownState || s.boardVersion !== this.shownVersion) this.syncBoard(s);
    out.set(this.board, offset);
    writeAgents(s, out, offset);
    return out;
  }
}
