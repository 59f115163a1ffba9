/**
 * One Pac-Man game driven one round at a time: Pac-Man moves, then each ghost in agent order
 * (CS188 `Game.run`), stopping the moment the game is won or lost. Allocation-free per step.
 */
import { Rng, type Seed } from '@coordconv/common';
import {
  resolveGhostPolicy,
  type DirectionalGhostOptions,
  type GhostPolicy,
  type GhostPolicyName,
} from './ghost-policies.js';
import type { Layout } from './layout.js';
import { resolveLayout, type LayoutName } from './layouts.js';
import { applyGhostMove, applyPacmanMove, legalGhostMoves } from './rules.js';
import { GameState } from './state.js';

export interface PacmanGameOptions extends DirectionalGhostOptions {
  /** A bundled layout name, layout text, or a parsed `Layout` (default `mediumClassic`). */
  layout?: LayoutName | string | Layout;
  /** Ghost policy: `random` (CS188's default `RandomGhost`), `directional`, or your own. */
  ghosts?: GhostPolicyName | GhostPolicy;
  /** At most this many ghosts play (CS188 `--numghosts`, default 4); extra `G`s are ignored. */
  maxGhosts?: number;
  /**
   * Seed of the ghosts' randomness until the next `reset(seed)`. Without one the stream is
   * seeded from entropy, as an unseeded gymnasium env is.
   */
  seed?: Seed;
}

export class PacmanGame {
  readonly layout: Layout;
  readonly state: GameState;
  readonly ghostPolicy: GhostPolicy;
  /** The ghosts' random stream; `reset(seed)` replaces it. */
  rng: Rng;
  private readonly legal = new Int8Array(4);

  constructor(options: PacmanGameOptions = {}) {
    this.layout = resolveLayout(options.layout ?? 'mediumClassic');
    const maxGhosts = options.maxGhosts ?? 4;
    if (!Number.isInteger(maxGhosts) || maxGhosts < 0) {
      throw new RangeError(`maxGhosts must be a non-negative integer, got ${maxGhosts}`);
    }
    this.state = new GameState(this.layout, maxGhosts);
    this.ghostPolicy = resolveGhostPolicy(options.ghosts ?? 'random', options);
    this.rng = new Rng(options.seed ?? Math.floor(Math.random() * 0x100000000));
  }

  /** Starts a new game; with a seed, reseeds the ghosts' random stream. */
  reset(seed?: Seed): void {
    if (seed !== undefined) this.rng = new Rng(seed);
    this.state.restart();
  }

  get done(): boolean {
    return this.state.win || this.state.lose;
  }

  /**
   * One round: Pac-Man takes `action` (0 N, 1 S, 2 E, 3 W, 4 Stop; an illegal move is a
   * Stop), then each ghost moves by its policy. Returns the score change (the reward).
   */
  step(action: number): number {
    const s = this.state;
    if (s.win || s.lose) throw new Error('PacmanGame.step: the game is over; call reset() first');
    if ((action | 0) !== action || action < 0 || action > 4) {
      throw new RangeError(
        `PacmanGame.step: action must be an integer in [0, 4] (N, S, E, W, Stop), got ${action}`,
      );
    }
    let change = applyPacmanMove(s, action);
    if (s.win || s.lose) return change;
    const legal = this.legal;
    for (let g = 0; g < s.numGhosts; g++) {
      const n = legalGhostMoves(s, g, legal);
      // A ghost walled in on all sides has no move; CS188 would raise, here it stays put.
      const dir = n === 0 ? 4 : this.ghostPolicy.choose(s, g, legal, n, this.rng);
      change += applyGhostMove(s, g, dir);
      if (s.win || s.lose) break;
    }
    return change;
  }
}
