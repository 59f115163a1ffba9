/**
 * `PacmanEnv`: the CS188 game as a gymnasium-compatible `Env` (see ../README.md).
 *
 * Actions `Discrete(5)`: 0 North, 1 South, 2 East, 3 West, 4 Stop (a move into a wall is a
 * Stop). Observations: `grid` float32 [H, W, 6] or `rgb` uint8 [H*cell, W*cell, 3], both as
 * flat row-major typed arrays. Reward = the change of the CS188 score over one round (Pac-Man's
 * move and the ghosts' replies). `terminated` on a win or a loss; `truncated` after `maxSteps`.
 */
import type { Image8, Rng } from '@coordconv/common';
import {
  Box,
  ClosedEnvironment,
  Discrete,
  InvalidAction,
  ResetNeeded,
  UnsupportedRenderMode,
  type EnvMetadata,
  type Info,
  type ResetArgs,
  type ResetResult,
  type Space,
  type StepResult,
  type SyncEnv,
} from '@coordconv/gym';
import { ACTION_NAMES, STOP } from './directions.js';
import { GRID_CHANNELS, GridEncoder } from './encode-grid.js';
import { PacmanGame, type PacmanGameOptions } from './game.js';
import { renderAnsi } from './render-ansi.js';
import { RgbRenderer, checkCellSize } from './render-rgb.js';
import { isPacmanMoveLegal } from './rules.js';

/** A value for an error message. */
function describeValue(x: unknown): string {
  if (ArrayBuffer.isView(x)) return x.constructor.name;
  if (typeof x === 'string') return JSON.stringify(x);
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}

export type PacmanObsMode = 'grid' | 'rgb';
/** The observation array of a mode: float32 for `grid`, uint8 for `rgb`. */
export type PacmanObs<M extends PacmanObsMode = PacmanObsMode> = M extends 'rgb'
  ? Uint8Array
  : Float32Array;
export type PacmanRenderMode = 'rgb_array' | 'ansi';

export const PACMAN_RENDER_MODES: readonly PacmanRenderMode[] = ['rgb_array', 'ansi'];
export const DEFAULT_MAX_STEPS = 5000;

export interface PacmanEnvOptions<
  M extends PacmanObsMode = PacmanObsMode,
> extends PacmanGameOptions {
  /** Observation mode (default `grid`). */
  obs?: M;
  /** Pixels per board cell of the `rgb` observation (default 8). */
  cellSize?: number;
  /** `rgb_array` (an `Image8`) or `ansi` (text) for `render()`; none by default. */
  renderMode?: PacmanRenderMode;
  /** Pixels per cell of `rgb_array` frames (default: `cellSize`). */
  renderCellSize?: number;
  /** Episode length after which `truncated` is true (default 5000; `Infinity` for none). */
  maxSteps?: number;
  /**
   * Write every observation into this array (exactly one observation long, of the mode's
   * type) and return it, instead of a new array per step: e.g. one env's slice of a vector
   * env's batch. The caller must copy what it wants to keep before the next step.
   */
  obsBuffer?: PacmanObs<M>;
  /**
   * Reuse one internal observation array for every step (no allocation per step) instead of a
   * new array each time, when no `obsBuffer` is given. For consumers that copy observations
   * at once, such as `SyncVectorEnv`; JSON-friendly, so it works in `EnvFactory` args.
   */
  reuseObs?: boolean;
}

const RESET_OPTION_KEYS: readonly string[] = [];

export class PacmanEnv<M extends PacmanObsMode = 'grid'> implements SyncEnv<PacmanObs<M>, number> {
  readonly game: PacmanGame;
  readonly obsMode: M;
  readonly observationSpace: Space<PacmanObs<M>>;
  readonly actionSpace: Discrete;
  readonly metadata: EnvMetadata;
  readonly renderMode?: PacmanRenderMode;
  readonly maxSteps: number;
  /** Shape of one observation: [H, W, 6] or [H*cell, W*cell, 3]. */
  readonly obsShape: readonly number[];
  /** Elements in one observation. */
  readonly obsSize: number;
  private readonly obsRenderer?: RgbRenderer;
  private readonly gridEncoder?: GridEncoder;
  private readonly frameRenderer?: RgbRenderer;
  private obsBuffer?: PacmanObs<M>;
  private needsReset = true;
  private closed = false;
  private steps = 0;

  constructor(options: PacmanEnvOptions<M> = {}) {
    this.game = new PacmanGame(options);
    const L = this.game.layout;
    this.obsMode = (options.obs ?? 'grid') as M;
    if (this.obsMode !== 'grid' && this.obsMode !== 'rgb') {
      throw new RangeError(`obs must be 'grid' or 'rgb', got ${describeValue(this.obsMode)}`);
    }
    const cellSize = checkCellSize(options.cellSize ?? 8);
    if (this.obsMode === 'rgb') {
      this.obsRenderer = new RgbRenderer(L, cellSize);
      this.obsShape = [this.obsRenderer.height, this.obsRenderer.width, 3];
      this.observationSpace = new Box(0, 255, this.obsShape, 'uint8') as unknown as Space<
        PacmanObs<M>
      >;
    } else {
      this.gridEncoder = new GridEncoder(L);
      this.obsShape = [L.height, L.width, GRID_CHANNELS];
      this.observationSpace = new Box(0, 1, this.obsShape, 'float32') as unknown as Space<
        PacmanObs<M>
      >;
    }
    this.obsSize = this.obsShape.reduce((a, b) => a * b, 1);
    this.actionSpace = new Discrete(5);
    const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    if (!(maxSteps === Infinity || (Number.isInteger(maxSteps) && maxSteps >= 1))) {
      throw new RangeError(`maxSteps must be a positive integer or Infinity, got ${maxSteps}`);
    }
    this.maxSteps = maxSteps;
    if (options.renderMode !== undefined) {
      if (!PACMAN_RENDER_MODES.includes(options.renderMode)) {
        throw new UnsupportedRenderMode(
          `renderMode must be one of ${PACMAN_RENDER_MODES.join(', ')}, got ${describeValue(options.renderMode)}`,
        );
      }
      this.renderMode = options.renderMode;
      if (options.renderMode === 'rgb_array') {
        const frameCell = checkCellSize(options.renderCellSize ?? cellSize);
        this.frameRenderer =
          this.obsRenderer && frameCell === cellSize
            ? this.obsRenderer
            : new RgbRenderer(L, frameCell);
      }
    }
    if (options.obsBuffer !== undefined) this.setObservationBuffer(options.obsBuffer);
    else if (options.reuseObs) this.setObservationBuffer(this.newObservation());
    this.metadata = {
      renderModes: PACMAN_RENDER_MODES,
      renderFps: 10, // CS188's default frameTime is 0.1 s
      layout: L.name,
      obs: this.obsMode,
      actionNames: ACTION_NAMES,
      ghosts: this.game.ghostPolicy.name,
      maxSteps: Number.isFinite(this.maxSteps) ? this.maxSteps : null, // JSON has no Infinity
    };
  }

  /** The ghosts' generator; `reset({ seed })` replaces it. */
  get rng(): Rng {
    return this.game.rng;
  }

  /**
   * Makes `reset`/`step` write observations into `buf` (one observation long, of the mode's
   * type) and return it; `undefined` goes back to a new array per observation.
   */
  setObservationBuffer(buf: PacmanObs<M> | undefined): void {
    if (buf !== undefined) {
      const want = this.obsMode === 'rgb' ? Uint8Array : Float32Array;
      if (!(buf instanceof want) || buf.length !== this.obsSize) {
        throw new RangeError(
          `obsBuffer must be a ${want.name} of ${this.obsSize} elements ([${this.obsShape.join(', ')}]), ` +
            `got ${describeValue(buf)} of length ${(buf as { length?: number }).length}`,
        );
      }
    }
    this.obsBuffer = buf;
  }

  /** Writes the current observation into `out` at `offset` (no allocation) and returns `out`. */
  observeInto(out: PacmanObs<M>, offset = 0): PacmanObs<M> {
    if (this.obsRenderer) this.obsRenderer.render(this.game.state, out as Uint8Array, offset);
    else this.gridEncoder!.encode(this.game.state, out as Float32Array, offset);
    return out;
  }

  private newObservation(): PacmanObs<M> {
    const n = this.obsSize;
    return (this.obsMode === 'rgb' ? new Uint8Array(n) : new Float32Array(n)) as PacmanObs<M>;
  }

  private observe(): PacmanObs<M> {
    return this.observeInto(this.obsBuffer ?? this.newObservation());
  }

  private info(): Info {
    const s = this.game.state;
    return {
      score: s.score,
      foodLeft: s.foodLeft,
      capsulesLeft: s.capsulesLeft,
      win: s.win,
      lose: s.lose,
      // CS188 Pac-Man has one life: 1 until caught, then 0.
      lives: s.lose ? 0 : 1,
      steps: this.steps,
      ghostsEaten: s.ghostsEaten,
    };
  }

  private checkOpen(method: string): void {
    if (this.closed) throw new ClosedEnvironment(`PacmanEnv.${method}: the env was closed`);
  }

  reset(args: ResetArgs = {}): ResetResult<PacmanObs<M>> {
    this.checkOpen('reset');
    const unknown = Object.keys(args.options ?? {}).filter((k) => !RESET_OPTION_KEYS.includes(k));
    if (unknown.length > 0) {
      throw new RangeError(
        `PacmanEnv.reset: unknown options ${unknown.join(', ')}; PacmanEnv takes none`,
      );
    }
    this.game.reset(args.seed);
    this.steps = 0;
    this.needsReset = false;
    return [this.observe(), this.info()];
  }

  step(action: number): StepResult<PacmanObs<M>> {
    this.checkOpen('step');
    if (this.needsReset) {
      throw new ResetNeeded(
        'PacmanEnv.step: call reset() before the first step and after an episode ends',
      );
    }
    if (!this.actionSpace.contains(action)) {
      throw new InvalidAction(
        `PacmanEnv.step: action must be an integer in [0, 4] (0 N, 1 S, 2 E, 3 W, 4 Stop), got ${describeValue(action)}`,
      );
    }
    const reward = this.game.step(action);
    this.steps++;
    const terminated = this.game.done;
    const truncated = !terminated && this.steps >= this.maxSteps;
    if (terminated || truncated) this.needsReset = true;
    return [this.observe(), reward, terminated, truncated, this.info()];
  }

  /** 1 for each action that moves Pac-Man (Stop is always 1), written into `out` (length 5). */
  actionMask(out: Uint8Array = new Uint8Array(5)): Uint8Array {
    for (let a = 0; a <= STOP; a++) out[a] = isPacmanMoveLegal(this.game.state, a) ? 1 : 0;
    return out;
  }

  render(): Image8 | string {
    this.checkOpen('render');
    if (this.renderMode === undefined) {
      throw new UnsupportedRenderMode(
        `PacmanEnv.render: no renderMode; construct with renderMode ${PACMAN_RENDER_MODES.map((m) => `'${m}'`).join(' or ')}`,
      );
    }
    if (this.renderMode === 'ansi') return renderAnsi(this.game.state);
    const r = this.frameRenderer!;
    return { width: r.width, height: r.height, channels: 3, data: r.render(this.game.state) };
  }

  close(): void {
    this.closed = true;
  }
}
