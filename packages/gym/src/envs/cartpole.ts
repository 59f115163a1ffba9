import type { Image8 } from '@coordconv/common';
import type { EnvMetadata, ResetArgs, ResetResult, StepResult, SyncEnv } from '../env.js';
import { EnvBase } from '../env-base.js';
import {
  GymError,
  InvalidAction,
  ResetNeeded,
  UnsupportedRenderMode,
  describeValue,
} from '../errors.js';
import { Box } from '../spaces/box.js';
import { Discrete } from '../spaces/discrete.js';
import { TimeLimit } from '../wrappers/time-limit.js';
import { drawCartPole } from './cartpole-render.js';

const FLOAT32_MAX = 3.4028234663852886e38;

export interface CartPoleOptions {
  /** `'rgb_array'` (600x400 RGB image) or `'ansi'` (one line of text). */
  renderMode?: 'rgb_array' | 'ansi';
  /** Reward 0 per step and -1 on failure (Sutton & Barto) instead of +1 per step. */
  suttonBartoReward?: boolean;
}

/**
 * CartPole-v1 (Barto, Sutton & Anderson 1983), a port of gymnasium's
 * envs/classic_control/cartpole.py with the same constants, Euler integration, termination
 * thresholds, rewards and observation/action spaces. Trajectories for a given seed differ from
 * Python's only because the generator is ours (xoshiro128**) rather than numpy's PCG64; from the
 * same state, the dynamics agree to float64 rounding.
 *
 * Use `makeCartPole()` for the registered `CartPole-v1` (500-step TimeLimit).
 */
export class CartPoleEnv
  extends EnvBase<Float32Array, number>
  implements SyncEnv<Float32Array, number>
{
  readonly metadata: EnvMetadata = { renderModes: ['rgb_array', 'ansi'], renderFps: 50 };
  readonly gravity = 9.8;
  readonly masscart = 1.0;
  readonly masspole = 0.1;
  readonly totalMass = this.masspole + this.masscart;
  /** Half the pole's length. */
  readonly length = 0.5;
  readonly polemassLength = this.masspole * this.length;
  readonly forceMag = 10.0;
  /** Seconds between state updates. */
  readonly tau = 0.02;
  /** Angle at which the episode fails: 12 degrees. */
  readonly thetaThresholdRadians = (12 * 2 * Math.PI) / 360;
  readonly xThreshold = 2.4;

  readonly actionSpace = new Discrete(2);
  // Twice the failure thresholds, so a failing observation is still inside the space.
  readonly observationSpace: Box<'float32'>;

  /** `[x, xDot, theta, thetaDot]` in float64, as gymnasium keeps it; null before reset. */
  state: Float64Array | null = null;
  private stepsBeyondTerminated: number | null = null;
  private readonly suttonBartoReward: boolean;

  constructor(options: CartPoleOptions = {}) {
    super(options.renderMode);
    this.checkRenderMode();
    this.suttonBartoReward = options.suttonBartoReward ?? false;
    const high = [this.xThreshold * 2, FLOAT32_MAX, this.thetaThresholdRadians * 2, FLOAT32_MAX];
    this.observationSpace = new Box(
      high.map((v) => -v),
      high,
      [4],
      'float32',
    );
  }

  /** Options: `low` / `high` bounds of the uniform initial state (default -0.05 / 0.05). */
  reset(args: ResetArgs = {}): ResetResult<Float32Array> {
    this.seedRng(args.seed);
    const [low, high] = parseResetBounds(args.options, -0.05, 0.05);
    const rng = this.rng;
    this.state = Float64Array.from({ length: 4 }, () => rng.uniform(low, high));
    this.stepsBeyondTerminated = null;
    return [Float32Array.from(this.state), {}];
  }

  step(action: number): StepResult<Float32Array> {
    if (!this.actionSpace.contains(action)) {
      throw new InvalidAction(
        `CartPole action must be in ${this.actionSpace} (0 = push left, 1 = push right), got ${describeValue(action)}`,
      );
    }
    if (this.state === null) throw new ResetNeeded('CartPole: call reset() before step()');
    let [x, xDot, theta, thetaDot] = this.state as unknown as [number, number, number, number];
    const force = action === 1 ? this.forceMag : -this.forceMag;
    const costheta = Math.cos(theta);
    const sintheta = Math.sin(theta);
    // https://coneural.org/florian/papers/05_cart_pole.pdf
    const temp = (force + this.polemassLength * thetaDot ** 2 * sintheta) / this.totalMass;
    const thetaacc =
      (this.gravity * sintheta - costheta * temp) /
      (this.length * (4.0 / 3.0 - (this.masspole * costheta ** 2) / this.totalMass));
    const xacc = temp - (this.polemassLength * thetaacc * costheta) / this.totalMass;
    // Euler integration (gymnasium's default kinematics_integrator).
    x = x + this.tau * xDot;
    xDot = xDot + this.tau * xacc;
    theta = theta + this.tau * thetaDot;
    thetaDot = thetaDot + this.tau * thetaacc;
    this.state.set([x, xDot, theta, thetaDot]);

    const terminated =
      x < -this.xThreshold ||
      x > this.xThreshold ||
      theta < -this.thetaThresholdRadians ||
      theta > this.thetaThresholdRadians;

    let reward: number;
    if (!terminated) {
      reward = this.suttonBartoReward ? 0.0 : 1.0;
    } else if (this.stepsBeyondTerminated === null) {
      // The pole just fell.
      this.stepsBeyondTerminated = 0;
      reward = this.suttonBartoReward ? -1.0 : 1.0;
    } else {
      // Stepping after termination is undefined behaviour in gymnasium too; it keeps going.
      this.stepsBeyondTerminated += 1;
      reward = this.suttonBartoReward ? -1.0 : 0.0;
    }
    return [Float32Array.from(this.state), reward, terminated, false, {}];
  }

  override render(): Image8 | string | undefined {
    if (this.renderMode === undefined) return undefined;
    if (this.state === null) return undefined;
    if (this.renderMode === 'ansi') {
      const [x, , theta] = this.state;
      return `x=${x!.toFixed(3)} theta=${((theta! * 180) / Math.PI).toFixed(2)}deg`;
    }
    if (this.renderMode === 'rgb_array')
      return drawCartPole(this.state, this.xThreshold, this.length);
    throw new UnsupportedRenderMode(`CartPole cannot render ${JSON.stringify(this.renderMode)}`);
  }
}

/** gymnasium.utils.maybe_parse_reset_bounds: `options.low` / `options.high` or the defaults. */
export function parseResetBounds(
  options: Record<string, unknown> | undefined,
  defaultLow: number,
  defaultHigh: number,
): [number, number] {
  const low = options?.low ?? defaultLow;
  const high = options?.high ?? defaultHigh;
  if (typeof low !== 'number' || typeof high !== 'number' || !(low <= high)) {
    throw new GymError(
      `reset options low/high must be numbers with low <= high, got low=${describeValue(low)}, high=${describeValue(high)}`,
    );
  }
  return [low, high];
}

/** `CartPole-v1` as registered in gymnasium: CartPoleEnv under a 500-step TimeLimit. */
export function makeCartPole(
  options: CartPoleOptions & { maxEpisodeSteps?: number } = {},
): TimeLimit<Float32Array, number> {
  return new TimeLimit(new CartPoleEnv(options), options.maxEpisodeSteps ?? 500);
}
