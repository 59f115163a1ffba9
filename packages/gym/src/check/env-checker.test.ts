import { describe, expect, it } from 'vitest';
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { EnvCheckError } from '../errors.js';
import { Box } from '../spaces/box.js';
import {
  CorridorEnv,
  DoubleCloseEnv,
  NumericFlagsEnv,
  OutOfSpaceEnv,
  UnseededEnv,
} from '../test-envs.js';
import { Wrapper } from '../wrappers/wrapper.js';
import { dataEquivalent } from './data-equivalence.js';
import {
  ENV_CHECKS,
  checkClose,
  checkEnv,
  checkResetOptions,
  checkResetSeedDeterminism,
  checkSpaces,
  checkStepDeterminism,
  checkStepReturn,
} from './env-checker.js';

/** Async version of an env, as a RemoteEnv would be. */
class AsyncEnv extends Wrapper<Float32Array, number> {
  override async reset(args?: ResetArgs): Promise<ResetResult<Float32Array>> {
    return this.env.reset(args);
  }
  override async step(a: number): Promise<StepResult<Float32Array>> {
    return this.env.step(a);
  }
}

async function failure(p: Promise<unknown>): Promise<EnvCheckError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof EnvCheckError))
    throw new Error(`expected an EnvCheckError, got ${String(err)}`);
  return err;
}

describe('checkEnv', () => {
  it('passes good sync and async envs without warnings, and closes them', async () => {
    expect(await checkEnv(new CorridorEnv(5, { renderMode: 'ansi' }))).toEqual({ warnings: [] });
    expect(await checkEnv(new AsyncEnv(new CorridorEnv()))).toEqual({ warnings: [] });
  });

  it('exports each check by name, in order', () => {
    expect(ENV_CHECKS.map((c) => c.name)).toEqual([
      'checkSpaces',
      'checkResetReturn',
      'checkResetSeedDeterminism',
      'checkResetOptions',
      'checkStepReturn',
      'checkStepDeterminism',
      'checkRender',
      'checkClose',
    ]);
  });

  it('flags an env that ignores the seed', async () => {
    const err = await failure(checkResetSeedDeterminism(new UnseededEnv(1_000_000)));
    expect(err.check).toBe('checkResetSeedDeterminism');
    expect(err.message).toMatch(
      /^checkResetSeedDeterminism: reset\(\{ seed: 123 \}\) twice gave different observations/,
    );
    // Math.random draws the same start twice with probability 1e-6.
    const whole = await failure(checkEnv(new UnseededEnv(1_000_000)));
    expect(['checkResetSeedDeterminism', 'checkStepDeterminism']).toContain(whole.check);
  });

  it('flags numeric flags, observations outside the space and a non-idempotent close', async () => {
    expect((await failure(checkStepReturn(new NumericFlagsEnv()))).message).toMatch(
      /^checkStepReturn: step\(\) terminated must be a boolean, got [01] \(number\)$/,
    );
    expect((await failure(checkEnv(new OutOfSpaceEnv()))).message).toBe(
      'checkResetReturn: the observation returned by reset() is not in the observation space Box(0, 4, [1], float32): Float32Array[15]',
    );
    expect((await failure(checkClose(new DoubleCloseEnv()))).message).toMatch(
      /calling close\(\) a second time threw "Error: already closed"/,
    );
  });

  it('flags missing spaces, a reset without options support and a nondeterministic step', async () => {
    const noSpace = { ...new CorridorEnv(), observationSpace: undefined } as unknown as Env;
    expect((await failure(checkSpaces(noSpace))).message).toMatch(
      /env.observationSpace must be a Space/,
    );

    class NoOptions extends CorridorEnv {
      override reset(args: ResetArgs = {}): ResetResult<Float32Array> {
        if (args.options) throw new TypeError('unexpected options');
        return super.reset(args);
      }
    }
    expect((await failure(checkResetOptions(new NoOptions()))).message).toMatch(
      /reset\(\{ options: \{\} \}\) threw/,
    );

    class NoisyReward extends CorridorEnv {
      override step(a: number): StepResult<Float32Array> {
        const [o, , te, tr, info] = super.step(a);
        return [o, Math.random(), te, tr, info];
      }
    }
    expect((await failure(checkStepDeterminism(new NoisyReward()))).message).toMatch(
      /gave different reward/,
    );
  });

  it('wraps an exception thrown by the env with the check name', async () => {
    class Exploding extends CorridorEnv {
      override step(): StepResult<Float32Array> {
        throw new RangeError('boom');
      }
    }
    const err = await failure(checkEnv(new Exploding()));
    expect(err.message).toBe('checkStepReturn: the env threw RangeError: boom');
  });

  it('warns about legal but suspicious things', async () => {
    class Float64Obs extends CorridorEnv {
      override readonly observationSpace = new Box(0, 4, [1], 'float32');
      override reset(args: ResetArgs = {}): ResetResult<Float32Array> {
        const [o, info] = super.reset(args);
        return [Float64Array.from(o) as unknown as Float32Array, info];
      }
    }
    const { warnings } = await checkEnv(new Float64Obs());
    expect(
      warnings.some((w) => w.startsWith('checkResetReturn: reset() returned float64 observations')),
    ).toBe(true);
    class WideActions extends CorridorEnv {
      override readonly actionSpace = new Box(-2, 2, [1]) as never;
    }
    expect(await checkSpaces(new WideActions())).toEqual([
      'the Box action space Box(-2, 2, [1], float32) is not normalized to [-1, 1]; most agents assume it is',
    ]);
  });
});

describe('dataEquivalent', () => {
  it('compares typed arrays by type and content, NaN equal, objects by keys', () => {
    expect(dataEquivalent(Float32Array.of(1, NaN), Float32Array.of(1, NaN))).toBe(true);
    expect(dataEquivalent(Float32Array.of(1), Float64Array.of(1))).toBe(false);
    expect(dataEquivalent({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(dataEquivalent({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(dataEquivalent([1, 2], [1, 2, 3])).toBe(false);
  });
});
