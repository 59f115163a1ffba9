import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { GymError } from '../errors.js';
import type { MaybePromise } from '../maybe-promise.js';
import { thenMaybe } from '../maybe-promise.js';
import { Box } from '../spaces/box.js';
import { allocArray } from '../spaces/dtypes.js';
import type { BoxArray, BoxDtype } from '../spaces/dtypes.js';
import { Wrapper } from './wrapper.js';

export interface FrameStackOptions {
  /**
   * `'reset'` (default, as gymnasium) fills the stack with the reset observation; `'zero'` with
   * zeros (clipped into the Box bounds).
   */
  padding?: 'reset' | 'zero';
  /**
   * `'first'` (default, as gymnasium): shape `[stackSize, ...shape]`. `'last'`: frames are
   * concatenated along the last axis, `[..., C * stackSize]`, oldest first - what an NHWC
   * convolution wants for image observations.
   */
  axis?: 'first' | 'last';
}

/**
 * Observations are the last `stackSize` observations of a Box env (gymnasium
 * FrameStackObservation). Each call returns a fresh array, safe to keep in a replay buffer.
 */
export class FrameStack<D extends BoxDtype, Act> extends Wrapper<BoxArray<D>, Act> {
  readonly stackSize: number;
  readonly padding: 'reset' | 'zero';
  readonly axis: 'first' | 'last';
  private readonly frames: BoxArray<D>[] = [];
  private readonly inner: Box<D>;
  private readonly channels: number;

  constructor(env: Env<BoxArray<D>, Act>, stackSize: number, options: FrameStackOptions = {}) {
    super(env);
    const space = env.observationSpace;
    if (!(space instanceof Box)) {
      throw new GymError(`FrameStack needs a Box observation space, got ${String(space)}`);
    }
    if (!Number.isInteger(stackSize) || stackSize < 1) {
      throw new GymError(`FrameStack stackSize must be an integer >= 1, got ${stackSize}`);
    }
    this.inner = space as Box<D>;
    this.stackSize = stackSize;
    this.padding = options.padding ?? 'reset';
    this.axis = options.axis ?? 'first';
    if (this.axis === 'last' && this.inner.shape.length === 0) {
      throw new GymError(
        'FrameStack axis "last" needs an observation shape with at least one axis, got []',
      );
    }
    const shape = this.inner.shape;
    this.channels = this.axis === 'last' ? shape[shape.length - 1]! : this.inner.size;
    const stackedShape =
      this.axis === 'first'
        ? [stackSize, ...shape]
        : [...shape.slice(0, -1), shape[shape.length - 1]! * stackSize];
    const low = new Float64Array(this.inner.size * stackSize);
    const high = new Float64Array(this.inner.size * stackSize);
    for (let j = 0; j < stackSize; j++) {
      this.interleave(low, this.inner.low, j);
      this.interleave(high, this.inner.high, j);
    }
    this.observationSpace = new Box(low, high, stackedShape, this.inner.dtype) as Box<D>;
  }

  override reset(args?: ResetArgs): MaybePromise<ResetResult<BoxArray<D>>> {
    return thenMaybe(this.env.reset(args), ([obs, info]): ResetResult<BoxArray<D>> => {
      this.frames.length = 0;
      const first = obs.slice() as BoxArray<D>;
      const pad = this.padding === 'reset' ? first : this.zeroFrame();
      for (let j = 0; j < this.stackSize - 1; j++) this.frames.push(pad);
      this.frames.push(first);
      return [this.stacked(), info];
    });
  }

  override step(action: Act): MaybePromise<StepResult<BoxArray<D>>> {
    return thenMaybe(
      this.env.step(action),
      ([obs, r, term, trunc, info]): StepResult<BoxArray<D>> => {
        if (this.frames.length === 0) {
          throw new GymError('FrameStack: call reset() before step()');
        }
        this.frames.shift();
        // Copy: the wrapped env may reuse its observation buffer.
        this.frames.push(obs.slice() as BoxArray<D>);
        return [this.stacked(), r, term, trunc, info];
      },
    );
  }

  private zeroFrame(): BoxArray<D> {
    const z = allocArray(this.inner.dtype, this.inner.size);
    for (let i = 0; i < z.length; i++)
      z[i] = Math.min(this.inner.high[i]!, Math.max(this.inner.low[i]!, 0));
    return z;
  }

  private stacked(): BoxArray<D> {
    const out = allocArray(this.inner.dtype, this.inner.size * this.stackSize);
    this.frames.forEach((f, j) => this.interleave(out, f, j));
    return out;
  }

  /** Writes frame `j` into its slots of the stacked array. */
  private interleave(out: { [i: number]: number }, frame: ArrayLike<number>, j: number): void {
    if (this.axis === 'first') {
      const off = j * this.inner.size;
      for (let i = 0; i < frame.length; i++) out[off + i] = frame[i]!;
      return;
    }
    const c = this.channels;
    const k = this.stackSize;
    const pixels = frame.length / c;
    for (let p = 0; p < pixels; p++) {
      for (let ch = 0; ch < c; ch++) out[p * k * c + j * c + ch] = frame[p * c + ch]!;
    }
  }
}
