/**
 * Cell-sized sprite masks for the `rgb` observation, computed once per cell size. A mask holds
 * one byte per pixel: 0 transparent, 1 body, 2 eye white, 3 pupil. Shapes are sampled at pixel
 * centres so that any cell size from 1 pixel up gives a sensible (if blocky) picture.
 */
import { EAST, NORTH, SOUTH, WEST } from './directions.js';

export const BODY = 1;
export const EYE = 2;
export const PUPIL = 3;

export interface Sprites {
  readonly size: number;
  readonly food: Uint8Array;
  readonly capsule: Uint8Array;
  /** Pac-Man facing N, S, E, W, and round (Stop, the start). */
  readonly pacman: readonly Uint8Array[];
  readonly ghost: Uint8Array;
  readonly scaredGhost: Uint8Array;
}

function makeMask(size: number, shade: (x: number, y: number) => number): Uint8Array {
  const m = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) m[y * size + x] = shade((x + 0.5) / size, (y + 0.5) / size);
  }
  return m;
}

const inCircle = (x: number, y: number, cx: number, cy: number, r: number): boolean =>
  (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

function pacmanMask(size: number, dir: number): Uint8Array {
  const [mx, my] =
    dir === NORTH
      ? [0, -1]
      : dir === SOUTH
        ? [0, 1]
        : dir === EAST
          ? [1, 0]
          : dir === WEST
            ? [-1, 0]
            : [0, 0];
  const cosMouth = Math.cos((35 * Math.PI) / 180);
  return makeMask(size, (x, y) => {
    const dx = x - 0.5;
    const dy = y - 0.5;
    if (!inCircle(x, y, 0.5, 0.5, size < 3 ? 0.71 : 0.45)) return 0;
    const len = Math.hypot(dx, dy);
    // The mouth needs a few pixels to read as one.
    if (size >= 5 && len > 0 && (dx * mx + dy * my) / len > cosMouth) return 0;
    return BODY;
  });
}

function ghostMask(size: number, scared: boolean): Uint8Array {
  return makeMask(size, (x, y) => {
    if (size < 3) return BODY;
    const dome = y < 0.5 ? inCircle(x, y, 0.5, 0.5, 0.42) : Math.abs(x - 0.5) <= 0.42;
    if (!dome || y > 0.92) return 0;
    // A skirt of three points along the bottom edge.
    if (size >= 8 && y > 0.8 && Math.floor((x - 0.08) / 0.14) % 2 === 1) return 0;
    if (size >= 6) {
      for (const ex of [0.34, 0.66]) {
        if (scared) {
          if (Math.abs(x - ex) < 0.08 && Math.abs(y - 0.42) < 0.08) return EYE;
        } else if (inCircle(x, y, ex, 0.42, 0.13)) {
          return inCircle(x, y, ex + 0.04, 0.44, 0.065) ? PUPIL : EYE;
        }
      }
    }
    return BODY;
  });
}

const cache = new Map<number, Sprites>();

/** The sprites of one cell size (cached). */
export function spritesFor(size: number): Sprites {
  let s = cache.get(size);
  if (!s) {
    const f = Math.max(1, Math.round(size / 4)) / size / 2; // half-width of the food square
    s = {
      size,
      food: makeMask(size, (x, y) => (Math.abs(x - 0.5) <= f && Math.abs(y - 0.5) <= f ? BODY : 0)),
      capsule: makeMask(size, (x, y) => (size < 3 || inCircle(x, y, 0.5, 0.5, 0.32) ? BODY : 0)),
      pacman: [NORTH, SOUTH, EAST, WEST, -1].map((d) => pacmanMask(size, d)),
      ghost: ghostMask(size, false),
      scaredGhost: ghostMask(size, true),
    };
    cache.set(size, s);
  }
  return s;
}
