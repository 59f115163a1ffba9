/**
 * Small envs for the tests (excluded from the build): a seeded 1-D corridor and envs that break
 * the contract or fail in specific ways inside a worker.
 */
import type { EnvMetadata, ResetArgs, ResetResult, StepResult } from './env.js';
import { EnvBase } from './env-base.js';
import { InvalidAction } from './errors.js';
import { Box } from './spaces/box.js';
import { Discrete } from './spaces/discrete.js';

/**
 * Walk left (0) or right (1) on cells 0..length-1 from a random start; reaching the right end
 * terminates with reward 1, every other step costs 0.1.
 */
export class CorridorEnv extends EnvBase<Float32Array, number> {
  readonly metadata: EnvMetadata = { renderModes: ['ansi'], renderFps: 4 };
  readonly actionSpace = new Discrete(2);
  readonly observationSpace: Box<'float32'>;
  pos = -1;

  constructor(
    readonly length = 5,
    options: { renderMode?: 'ansi' } = {},
  ) {
    super(options.renderMode);
    this.observationSpace = new Box(0, length - 1, [1], 'float32');
  }

  reset(args: ResetArgs = {}): ResetResult<Float32Array> {
    this.seedRng(args.seed);
    this.pos = this.rng.int(this.length - 1);
    return [Float32Array.of(this.pos), { start: this.pos }];
  }

  step(action: number): StepResult<Float32Array> {
    if (!this.actionSpace.contains(action))
      throw new InvalidAction(`Corridor action must be 0 or 1, got ${action}`);
    this.pos = Math.max(0, Math.min(this.length - 1, this.pos + (action === 1 ? 1 : -1)));
    const done = this.pos === this.length - 1;
    return [Float32Array.of(this.pos), done ? 1 : -0.1, done, false, {}];
  }

  override render(): string {
    return Array.from({ length: this.length }, (_, i) => (i === this.pos ? 'A' : '.')).join('');
  }
}

/** Throws from step number `failAt` (1-based) on. */
export class ThrowingEnv extends CorridorEnv {
  private steps = 0;
  constructor(readonly failAt = 2) {
    super(5);
  }
  override step(action: number): StepResult<Float32Array> {
    if (++this.steps >= this.failAt)
      throw new RangeError(`ThrowingEnv fails at step ${this.steps}`);
    return super.step(action);
  }
}

/** Crashes its worker thread with an uncaught exception while its first step is pending. */
export class CrashingEnv extends CorridorEnv {
  // @ts-expect-error: deliberately async, so the crash happens before any reply
  override step(): Promise<StepResult<Float32Array>> {
    setImmediate(() => {
      throw new Error('CrashingEnv: uncaught exception in the worker');
    });
    return new Promise(() => {});
  }
}

/** Never answers step (an async env whose promise never settles). */
export class HangingEnv extends CorridorEnv {
  // @ts-expect-error: deliberately async, to simulate a stuck remote env
  override step(): Promise<StepResult<Float32Array>> {
    return new Promise(() => {});
  }
}

/** Fails at construction. */
export function makeBrokenEnv(): never {
  throw new TypeError('makeBrokenEnv: cannot build this env');
}

/** Ignores the seed: reset draws from Math.random. */
export class UnseededEnv extends CorridorEnv {
  override reset(): ResetResult<Float32Array> {
    this.pos = Math.floor(Math.random() * (this.length - 1));
    return [Float32Array.of(this.pos), {}];
  }
}

/** Returns 0/1 numbers instead of boolean flags. */
export class NumericFlagsEnv extends CorridorEnv {
  override step(action: number): StepResult<Float32Array> {
    const [obs, r, term, trunc, info] = super.step(action);
    return [obs, r, Number(term), Number(trunc), info] as unknown as StepResult<Float32Array>;
  }
}

/** Returns observations outside its observation space. */
export class OutOfSpaceEnv extends CorridorEnv {
  override reset(args: ResetArgs = {}): ResetResult<Float32Array> {
    super.reset(args);
    return [Float32Array.of(this.length + 10), {}];
  }
}

/** Throws on the second close(). */
export class DoubleCloseEnv extends CorridorEnv {
  private closed = false;
  override close(): void {
    if (this.closed) throw new Error('already closed');
    this.closed = true;
  }
}
