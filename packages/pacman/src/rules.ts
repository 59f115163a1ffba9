/**
 * The CS188 classic rules (pacman.py `PacmanRules`, `GhostRules`, `GameState.generateSuccessor`)
 * as functions that mutate a `GameState` and return the score change of the move.
 *
 * One call = one CS188 agent move: the mover acts, time passes (-1 for Pac-Man, the scared
 * timer for a ghost), then collisions are resolved. The caller stops the round as soon as the
 * game is won or lost (CS188 `Game.run` checks `rules.process` after every agent move).
 */
import { DIR_DCOL, DIR_DROW, GHOST_MOVE_ORDER, REVERSE, STOP } from './directions.js';
import type { GameState } from './state.js';

export const FOOD_REWARD = 10;
export const WIN_REWARD = 500;
export const LOSE_PENALTY = 500;
export const EAT_GHOST_REWARD = 200;
/** CS188 TIME_PENALTY: points lost per Pac-Man move. */
export const TIME_PENALTY = 1;
/** CS188 SCARED_TIME: ghost moves of fright after a capsule. */
export const SCARED_TIME = 40;
/**
 * CS188 COLLISION_TOLERANCE is 0.7 cells of Manhattan distance; positions are multiples of 0.5,
 * so in half-cell units a collision is a distance <= 1 (0, or a ghost half a cell away).
 */
export const COLLISION_HALF_UNITS = 1;

/** True if Pac-Man may move in `dir` (Stop is always legal, as in CS188). */
export function isPacmanMoveLegal(s: GameState, dir: number): boolean {
  if (dir === STOP) return true;
  if (dir < 0 || dir > STOP) return false;
  return !s.isWall(s.pacRow + DIR_DROW[dir]!, s.pacCol + DIR_DCOL[dir]!);
}

/**
 * CS188 `GhostRules.getLegalActions`: between cells a ghost must keep going; on a cell it may
 * take any open direction except Stop, and may reverse only when nothing else is open.
 * Writes the moves to `out` in `GHOST_MOVE_ORDER` (E, N, S, W) and returns how many.
 */
export function legalGhostMoves(s: GameState, g: number, out: Int8Array): number {
  const r2 = s.ghostRow2[g]!;
  const c2 = s.ghostCol2[g]!;
  const dir = s.ghostDir[g]!;
  if (((r2 | c2) & 1) !== 0) {
    // Half-way between two cells (a scared ghost): only straight on.
    out[0] = dir;
    return 1;
  }
  const row = r2 >> 1;
  const col = c2 >> 1;
  const reverse = REVERSE[dir]!;
  let n = 0;
  let hasReverse = false;
  for (let i = 0; i < 4; i++) {
    const d = GHOST_MOVE_ORDER[i]!;
    if (s.isWall(row + DIR_DROW[d]!, col + DIR_DCOL[d]!)) continue;
    if (d === reverse) hasReverse = true;
    else out[n++] = d;
  }
  if (n === 0 && hasReverse) out[n++] = reverse; // dead end: turning back is the only way
  return n;
}

/** CS188 `canKill`: Manhattan distance within the collision tolerance. */
export function collides(s: GameState, g: number): boolean {
  const dr = s.ghostRow2[g]! - 2 * s.pacRow;
  const dc = s.ghostCol2[g]! - 2 * s.pacCol;
  return (dr < 0 ? -dr : dr) + (dc < 0 ? -dc : dc) <= COLLISION_HALF_UNITS;
}

/** CS188 `GhostRules.collide`: eat a scared ghost (+200, back to start) or die (-500). */
function collide(s: GameState, g: number): number {
  if (s.scaredTimer[g]! > 0) {
    s.placeGhostAtStart(g);
    s.scaredTimer[g] = 0;
    s.ghostsEaten++;
    return EAT_GHOST_REWARD;
  }
  // CS188 checks only `_win` here, so two unscared ghosts on Pac-Man at once cost -500 each.
  if (!s.win) {
    s.lose = true;
    return -LOSE_PENALTY;
  }
  return 0;
}

/**
 * Pac-Man's move (CS188 `generateSuccessor(0, action)`): move (an illegal direction is a Stop
 * here; CS188 raises), eat, pay the time penalty, then collide with any ghost. Returns the
 * score change and adds it to `s.score`.
 */
export function applyPacmanMove(s: GameState, dir: number): number {
  const d = isPacmanMoveLegal(s, dir) ? dir : STOP;
  if (d !== STOP) {
    s.pacRow += DIR_DROW[d]!;
    s.pacCol += DIR_DCOL[d]!;
    s.pacDir = d;
  }
  let change = 0;
  const cell = s.pacRow * s.layout.width + s.pacCol;
  if (s.food[cell] === 1) {
    s.food[cell] = 0;
    s.foodLeft--;
    s.boardVersion++;
    change += FOOD_REWARD;
    if (s.foodLeft === 0 && !s.lose) {
      change += WIN_REWARD;
      s.win = true;
    }
  }
  if (s.capsules[cell] === 1) {
    s.capsules[cell] = 0;
    s.capsulesLeft--;
    s.boardVersion++;
    s.scaredTimer.fill(SCARED_TIME); // no points for a capsule
  }
  change -= TIME_PENALTY;
  for (let g = 0; g < s.numGhosts; g++) {
    if (collides(s, g)) change += collide(s, g);
  }
  s.moves++;
  s.score += change;
  return change;
}

/**
 * A ghost's move (CS188 `generateSuccessor(g + 1, action)`): one cell, or half a cell while
 * scared; then its scared timer drops by one (snapping to the nearest cell when it runs out);
 * then it may collide with Pac-Man. `dir` must be one of `legalGhostMoves`; Stop (a ghost
 * walled in on all sides) leaves it in place. Returns the score change and adds it to `s.score`.
 */
export function applyGhostMove(s: GameState, g: number, dir: number): number {
  const scared = s.scaredTimer[g]! > 0;
  if (dir !== STOP) {
    const step = scared ? 1 : 2; // half-cell units: 0.5 or 1 cell
    s.ghostRow2[g] = s.ghostRow2[g]! + DIR_DROW[dir]! * step;
    s.ghostCol2[g] = s.ghostCol2[g]! + DIR_DCOL[dir]! * step;
    s.ghostDir[g] = dir;
  }
  const timer = s.scaredTimer[g]!;
  if (timer === 1) snapToNearestCell(s, g);
  s.scaredTimer[g] = timer > 0 ? timer - 1 : 0;
  let change = 0;
  if (collides(s, g)) change += collide(s, g);
  s.score += change;
  return change;
}

/**
 * CS188 `nearestPoint`: `int(v + 0.5)` on (x, y) with y growing upwards, so a half position
 * rounds East in x and North in y (to the smaller row here).
 */
function snapToNearestCell(s: GameState, g: number): void {
  const c2 = s.ghostCol2[g]!;
  const r2 = s.ghostRow2[g]!;
  if (c2 & 1) s.ghostCol2[g] = c2 + 1;
  if (r2 & 1) s.ghostRow2[g] = r2 - 1;
}
