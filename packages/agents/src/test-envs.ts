/**
 * Tiny deterministic envs for the agents' tests (not part of the build).
 */
import {
  Box,
  Discrete,
  EnvBase,
  type Info,
  type ResetArgs,
  type ResetResult,
  type StepResult,
} from '@coordconv/gym';

export interface CounterEnvOptions {
  /** Identifies the env in its observation. */
  id: number;
  /** The episode terminates after this many steps (Infinity: never). */
  terminateAfter?: number;
  /** The episode is truncated after this many steps (Infinity: never). */
  truncateAfter?: number;
}

/**
 * Observation [steps / 10, id]; reward 1 per step; ends after a fixed number of steps, by
 * termination or truncation, so tests know every final observation in advance.
 */
export class CounterEnv extends EnvBase<Float32Array, number> {
  readonly observationSpace = new Box(-10, 10, [2], 'float32');
  readonly actionSpace = new Discrete(2);
  readonly metadata = { renderModes: [] };
  private steps = 0;

  constructor(private readonly options: CounterEnvOptions) {
    super();
  }

  private obs(): Float32Array {
    return Float32Array.from([this.steps / 10, this.options.id]);
  }

  reset(args?: ResetArgs): ResetResult<Float32Array> {
    this.seedRng(args?.seed);
    this.steps = 0;
    return [this.obs(), {}];
  }

  step(_action: number): StepResult<Float32Array> {
    this.steps++;
    const terminated = this.steps >= (this.options.terminateAfter ?? Infinity);
    const truncated = !terminated && this.steps >= (this.options.truncateAfter ?? Infinity);
    const info: Info = {};
    return [this.obs(), 1, terminated, truncated, info];
  }
}

/** A Pac-Man corridor: the food is 7 steps east; 20-step episodes. Random play rarely wins. */
export const CORRIDOR_LAYOUT = ['%%%%%%%%%%', '%P      .%', '%%%%%%%%%%'].join('\n');
