// Layouts
export { parseLayout, LayoutError, LAYOUT_CHARS } from './layout.js';
export type { Layout } from './layout.js';
export { LAYOUT_TEXT, LAYOUT_NAMES, getLayout, resolveLayout, isLayoutName } from './layouts.js';
export type { LayoutName } from './layouts.js';

// Game core
export { NORTH, SOUTH, EAST, WEST, STOP, ACTION_NAMES, REVERSE } from './directions.js';
export type { Direction } from './directions.js';
export { GameState } from './state.js';
export {
  applyPacmanMove,
  applyGhostMove,
  legalGhostMoves,
  isPacmanMoveLegal,
  collides,
  FOOD_REWARD,
  WIN_REWARD,
  LOSE_PENALTY,
  EAT_GHOST_REWARD,
  TIME_PENALTY,
  SCARED_TIME,
} from './rules.js';
export { randomGhost, directionalGhost, resolveGhostPolicy } from './ghost-policies.js';
export type { GhostPolicy, GhostPolicyName, DirectionalGhostOptions } from './ghost-policies.js';
export { PacmanGame } from './game.js';
export type { PacmanGameOptions } from './game.js';

// Observations and rendering
export {
  encodeGrid,
  GridEncoder,
  gridSize,
  GRID_CHANNELS,
  GRID_CHANNEL_NAMES,
} from './encode-grid.js';
export { RgbRenderer, PALETTE, MAX_CELL_SIZE } from './render-rgb.js';
export { renderAnsi } from './render-ansi.js';

// Gymnasium env
export { PacmanEnv, PACMAN_RENDER_MODES, DEFAULT_MAX_STEPS } from './env.js';
export type { PacmanEnvOptions, PacmanObs, PacmanObsMode, PacmanRenderMode } from './env.js';
