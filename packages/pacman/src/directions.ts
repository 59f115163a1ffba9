/**
 * Directions and actions. The action index of `PacmanEnv` and the direction codes stored in
 * the game state are the same numbers: 0 North, 1 South, 2 East, 3 West, 4 Stop.
 *
 * Rows grow downwards (row 0 is the top line of the layout text), so North is row - 1. CS188
 * stores (x, y) with y growing upwards; the two conventions describe the same board.
 */

export const NORTH = 0;
export const SOUTH = 1;
export const EAST = 2;
export const WEST = 3;
export const STOP = 4;

/** A direction code, also an action of `PacmanEnv`. */
export type Direction = 0 | 1 | 2 | 3 | 4;

export const ACTION_NAMES: readonly string[] = ['North', 'South', 'East', 'West', 'Stop'];

/** Row step of each direction (North = up = row - 1). */
export const DIR_DROW: Int8Array = Int8Array.of(-1, 1, 0, 0, 0);
/** Column step of each direction. */
export const DIR_DCOL: Int8Array = Int8Array.of(0, 0, 1, -1, 0);
/** The opposite of each direction (Stop reverses to Stop, as in CS188). */
export const REVERSE: Int8Array = Int8Array.of(SOUTH, NORTH, WEST, EAST, STOP);

/**
 * The order in which the ghost policies list and sample moves: East, North, South, West.
 * CS188 samples from a `util.Counter` sorted by action name, which is this alphabetical order,
 * so a ghost here makes the same choice as a CS188 ghost given the same uniform draw.
 */
export const GHOST_MOVE_ORDER: Int8Array = Int8Array.of(EAST, NORTH, SOUTH, WEST);
