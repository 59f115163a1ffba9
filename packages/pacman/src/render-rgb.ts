/**
 * The `rgb` observation and `rgb_array` frames: uint8 [H * cell, W * cell, 3] in an arcade
 * palette (black floor, blue walls, peach dots and capsules, yellow Pac-Man, red, pink, cyan
 * and orange ghosts, bright blue scared ghosts). Ghosts half-way between cells are drawn
 * half-way. The static board is drawn once and patched when food or capsules disappear, so a
 * frame costs one copy plus the agents' sprites, and no allocation.
 */
import type { Layout } from './layout.js';
import { BODY, EYE, PUPIL, spritesFor, type Sprites } from './sprites.js';
import type { GameState } from './state.js';

export type Rgb = readonly [number, number, number];

export const PALETTE = {
  floor: [0, 0, 0],
  wall: [33, 33, 222],
  food: [255, 184, 174],
  pacman: [255, 255, 0],
  ghosts: [
    [255, 0, 0],
    [255, 184, 255],
    [0, 255, 255],
    [255, 184, 82],
  ],
  scaredGhost: [96, 96, 255],
  scaredFace: [255, 184, 174],
  eye: [255, 255, 255],
  pupil: [33, 33, 222],
} as const satisfies Record<string, Rgb | readonly Rgb[]>;

export const MAX_CELL_SIZE = 64;

export function checkCellSize(cellSize: number): number {
  if (!Number.isInteger(cellSize) || cellSize < 1 || cellSize > MAX_CELL_SIZE) {
    throw new RangeError(
      `cellSize must be an integer in [1, ${MAX_CELL_SIZE}] pixels, got ${cellSize}`,
    );
  }
  return cellSize;
}

export class RgbRenderer {
  readonly layout: Layout;
  readonly cellSize: number;
  /** Image width in pixels. */
  readonly width: number;
  /** Image height in pixels. */
  readonly height: number;
  /** Bytes per frame: height * width * 3. */
  readonly size: number;
  private readonly sprites: Sprites;
  /** Walls plus the food and capsules drawn so far. */
  private readonly board: Uint8Array;
  private readonly shownFood: Uint8Array;
  private readonly shownCapsules: Uint8Array;
  /** The state and `boardVersion` the cached board shows. */
  private shownState: GameState | undefined;
  private shownVersion = -1;

  constructor(layout: Layout, cellSize = 8) {
    this.layout = layout;
    this.cellSize = checkCellSize(cellSize);
    this.width = layout.width * cellSize;
    this.height = layout.height * cellSize;
    this.size = this.width * this.height * 3;
    this.sprites = spritesFor(cellSize);
    this.board = new Uint8Array(this.size);
    this.shownFood = layout.food.slice();
    this.shownCapsules = layout.capsules.slice();
    for (let cell = 0; cell < layout.width * layout.height; cell++) this.drawBoardCell(cell);
  }

  private drawBoardCell(cell: number): void {
    const L = this.layout;
    const row = Math.floor(cell / L.width);
    const col = cell % L.width;
    const cs = this.cellSize;
    fillRect(
      this.board,
      this.width,
      col * cs,
      row * cs,
      cs,
      L.walls[cell] ? PALETTE.wall : PALETTE.floor,
    );
    const mask = this.shownFood[cell]
      ? this.sprites.food
      : this.shownCapsules[cell]
        ? this.sprites.capsule
        : null;
    if (mask)
      blit(
        this.board,
        0,
        this.width,
        this.height,
        mask,
        cs,
        col * cs,
        row * cs,
        PALETTE.food,
        PALETTE.food,
        PALETTE.food,
      );
  }

  private syncBoard(s: GameState): void {
    const n = this.shownFood.length;
    for (let cell = 0; cell < n; cell++) {
      if (this.shownFood[cell] !== s.food[cell] || this.shownCapsules[cell] !== s.capsules[cell]) {
        this.shownFood[cell] = s.food[cell]!;
        this.shownCapsules[cell] = s.capsules[cell]!;
        this.drawBoardCell(cell);
      }
    }
    this.shownState = s;
    this.shownVersion = s.boardVersion;
  }

  /**
   * Draws `s` into `out` at `offset` (a new array when omitted) and returns `out`.
   * `out` must hold `offset + size` bytes.
   */
  render(s: GameState, out?: Uint8Array, offset = 0): Uint8Array {
    if (s.layout !== this.layout)
      throw new Error('RgbRenderer.render: the state is of another layout');
    const dst = out ?? new Uint8Array(this.size);
    if (dst.length < offset + this.size) {
      throw new RangeError(
        `RgbRenderer.render: out has ${dst.length} bytes, needs ${offset + this.size}`,
      );
    }
    if (s !== this.shownState || s.boardVersion !== this.shownVersion) this.syncBoard(s);
    dst.set(this.board, offset);
    const cs = this.cellSize;
    const sp = this.sprites;
    blit(
      dst,
      offset,
      this.width,
      this.height,
      sp.pacman[s.pacDir]!,
      cs,
      s.pacCol * cs,
      s.pacRow * cs,
      PALETTE.pacman,
      PALETTE.pacman,
      PALETTE.pacman,
    );
    for (let g = 0; g < s.numGhosts; g++) {
      const x = (s.ghostCol2[g]! * cs) >> 1;
      const y = (s.ghostRow2[g]! * cs) >> 1;
      if (s.scaredTimer[g]! > 0) {
        blit(
          dst,
          offset,
          this.width,
          this.height,
          sp.scaredGhost,
          cs,
          x,
          y,
          PALETTE.scaredGhost,
          PALETTE.scaredFace,
          PALETTE.scaredFace,
        );
      } else {
        blit(
          dst,
          offset,
          this.width,
          this.height,
          sp.ghost,
          cs,
          x,
          y,
          PALETTE.ghosts[g % 4]!,
          PALETTE.eye,
          PALETTE.pupil,
        );
      }
    }
    return dst;
  }
}

function fillRect(
  img: Uint8Array,
  width: number,
  x0: number,
  y0: number,
  size: number,
  c: Rgb,
): void {
  for (let y = y0; y < y0 + size; y++) {
    let i = (y * width + x0) * 3;
    for (let x = 0; x < size; x++, i += 3) {
      img[i] = c[0];
      img[i + 1] = c[1];
      img[i + 2] = c[2];
    }
  }
}

/** Paints the non-zero pixels of a mask at (x0, y0), clipped to the image. */
function blit(
  img: Uint8Array,
  offset: number,
  width: number,
  height: number,
  mask: Uint8Array,
  size: number,
  x0: number,
  y0: number,
  body: Rgb,
  eye: Rgb,
  pupil: Rgb,
): void {
  for (let my = 0; my < size; my++) {
    const y = y0 + my;
    if (y < 0 || y >= height) continue;
    for (let mx = 0; mx < size; mx++) {
      const v = mask[my * size + mx]!;
      const x = x0 + mx;
      if (v === 0 || x < 0 || x >= width) continue;
      const c = v === BODY ? body : v === EYE ? eye : v === PUPIL ? pupil : body;
      const i = offset + (y * width + x) * 3;
      img[i] = c[0];
      img[i + 1] = c[1];
      img[i + 2] = c[2];
    }
  }
}
