/**
 * The mutable state of one Pac-Man game, in typed arrays so that a step allocates nothing.
 *
 * Positions are kept in HALF-CELL units (`row2 = 2 * row`, `col2 = 2 * col`). CS188 moves a
 * scared ghost 0.5 cells per move, so every position a CS188 game can reach is a multiple of
 * 0.5: half units represent its fractional positions exactly, with integer arithmetic.
 * Pac-Man always moves a whole cell, so his position is stored as a plain cell (row, col).
 */
import { STOP } from './directions.js';
import type { Layout } from './layout.js';

export class GameState {
  readonly layout: Layout;
  /** 1 where food remains (row-major cells). */
  readonly food: Uint8Array;
  /** 1 where a capsule remains. */
  readonly capsules: Uint8Array;
  foodLeft = 0;
  capsulesLeft = 0;
  pacRow = 0;
  pacCol = 0;
  /** Pac-Man's last direction of travel (Stop keeps it, as in CS188); for rendering. */
  pacDir = STOP;
  readonly numGhosts: number;
  /** Ghost rows in half-cell units. */
  readonly ghostRow2: Int32Array;
  /** Ghost columns in half-cell units. */
  readonly ghostCol2: Int32Array;
  /** Ghost direction of travel; Stop at the start and after being eaten. */
  readonly ghostDir: Int8Array;
  /** Ghost moves of fright left (0 = not scared). */
  readonly scaredTimer: Int32Array;
  /** The game's score (CS188 `state.data.score`). */
  score = 0;
  win = false;
  lose = false;
  /** Pac-Man moves made this game (env steps). */
  moves = 0;
  /** Scared ghosts eaten this game. */
  ghostsEaten = 0;
  /**
   * Bumped whenever `food` or `capsules` change (an eat, a restart, a copy), so that encoders
   * caching the board can skip comparing it when nothing changed. Code that edits `food` or
   * `capsules` directly must bump it too.
   */
  boardVersion = 0;

  /** A fresh state at the layout's start; `numGhosts` ghosts take the first start positions. */
  constructor(layout: Layout, numGhosts: number = layout.ghostStarts.length) {
    if (!Number.isInteger(numGhosts) || numGhosts < 0) {
      throw new RangeError(`numGhosts must be a non-negative integer, got ${numGhosts}`);
    }
    this.layout = layout;
    this.numGhosts = Math.min(numGhosts, layout.ghostStarts.length);
    const n = layout.width * layout.height;
    this.food = new Uint8Array(n);
    this.capsules = new Uint8Array(n);
    this.ghostRow2 = new Int32Array(this.numGhosts);
    this.ghostCol2 = new Int32Array(this.numGhosts);
    this.ghostDir = new Int8Array(this.numGhosts);
    this.scaredTimer = new Int32Array(this.numGhosts);
    this.restart();
  }

  /** Back to the start of the layout (no allocation). */
  restart(): void {
    const L = this.layout;
    this.food.set(L.food);
    this.capsules.set(L.capsules);
    this.boardVersion++;
    this.foodLeft = L.foodCount;
    this.capsulesLeft = L.capsuleCount;
    this.pacRow = Math.floor(L.pacmanStart / L.width);
    this.pacCol = L.pacmanStart % L.width;
    this.pacDir = STOP;
    for (let g = 0; g < this.numGhosts; g++) this.placeGhostAtStart(g);
    this.scaredTimer.fill(0);
    this.score = 0;
    this.win = false;
    this.lose = false;
    this.moves = 0;
    this.ghostsEaten = 0;
  }

  /** CS188 `placeGhost`: back to its start configuration (start cell, direction Stop). */
  placeGhostAtStart(g: number): void {
    const start = this.layout.ghostStarts[g]!;
    this.ghostRow2[g] = 2 * Math.floor(start / this.layout.width);
    this.ghostCol2[g] = 2 * (start % this.layout.width);
    this.ghostDir[g] = STOP;
  }

  get done(): boolean {
    return this.win || this.lose;
  }

  /** True if (row, col) is a wall or off the board. */
  isWall(row: number, col: number): boolean {
    const L = this.layout;
    if (row < 0 || col < 0 || row >= L.height || col >= L.width) return true;
    return L.walls[row * L.width + col] === 1;
  }

  /** Copies every field of `other` (same layout and ghost count) into this state. */
  copyFrom(other: GameState): void {
    if (other.layout !== this.layout || other.numGhosts !== this.numGhosts) {
      throw new Error('GameState.copyFrom: states must share the layout and ghost count');
    }
    this.food.set(other.food);
    this.capsules.set(other.capsules);
    this.boardVersion++;
    this.ghostRow2.set(other.ghostRow2);
    this.ghostCol2.set(other.ghostCol2);
    this.ghostDir.set(other.ghostDir);
    this.scaredTimer.set(other.scaredTimer);
    this.foodLeft = other.foodLeft;
    this.capsulesLeft = other.capsulesLeft;
    this.pacRow = other.pacRow;
    this.pacCol = other.pacCol;
    this.pacDir = other.pacDir;
    this.score = other.score;
    this.win = other.win;
    this.lose = other.lose;
    this.moves = other.moves;
    this.ghostsEaten = other.ghostsEaten;
  }

  clone(): GameState {
    const s = new GameState(this.layout, this.numGhosts);
    s.copyFrom(this);
    return s;
  }
}
