/**
 * `gym-vector`: the cost of the @coordconv/gym machinery on a cheap env (CartPole-v1), so that
 * vector-env overhead can be read apart from any game: one env stepped directly, 8 envs in
 * `SyncVectorEnv` (this thread), and 8 envs in `AsyncVectorEnv` (2 worker threads x 4 envs,
 * observations in shared memory). Figures are env steps per second.
 */
import { Rng } from '@coordconv/common';
import { AsyncVectorEnv, SyncVectorEnv, makeCartPole } from '@coordconv/gym';
import type { StepResult, VectorEnv } from '@coordconv/gym';
import { round4, timeSteps } from '../timing.js';
import type { BenchContext, BenchLine, Benchmark } from '../types.js';

const NUM_ENVS = 8;
const BATCH = 100;

function line(
  ctx: BenchContext,
  variant: string,
  envSteps: number,
  seconds: number,
  extra: Record<string, number> = {},
): BenchLine {
  return {
    workload: 'gym-vector',
    backend: ctx.backend,
    variant,
    env: 'CartPole-v1',
    env_steps_per_s: round4(envSteps / seconds),
    ...extra,
  };
}

async function benchSingle(ctx: BenchContext): Promise<BenchLine> {
  const env = makeCartPole();
  const rng = new Rng(0);
  env.reset({ seed: 0 });
  const r = await timeSteps(() => {
    for (let k = 0; k < BATCH * NUM_ENVS; k++) {
      const [, , term, trunc] = env.step(rng.int(2)) as StepResult<Float32Array>;
      if (term || trunc) env.reset();
    }
  }, ctx.seconds);
  return line(ctx, 'single', r.steps * BATCH * NUM_ENVS, r.seconds);
}

async function benchVector(
  ctx: BenchContext,
  venv: VectorEnv<Float32Array, Int32Array>,
  variant: string,
): Promise<BenchLine> {
  venv.actionSpace.seed(0);
  const actions = Array.from({ length: 64 }, () => venv.actionSpace.sample() as Int32Array);
  await venv.reset({ seed: 0 });
  let i = 0;
  const perCall = variant === 'sync' ? BATCH : 1;
  const r = await timeSteps(async () => {
    for (let k = 0; k < perCall; k++) await venv.step(actions[i++ & 63]!);
  }, ctx.seconds);
  await venv.close();
  const calls = r.steps * perCall;
  return line(ctx, variant, calls * NUM_ENVS, r.seconds, {
    vector_step_us: round4((r.seconds * 1e6) / calls),
  });
}

export const benchmarks: Benchmark[] = [
  {
    name: 'gym-vector',
    groups: ['gym-vector', 'gym'],
    async run(ctx) {
      const lines = [await benchSingle(ctx)];
      const fns = Array.from({ length: NUM_ENVS }, () => () => makeCartPole());
      lines.push(await benchVector(ctx, new SyncVectorEnv<Float32Array, Int32Array>(fns), 'sync'));
      const factory = { module: '@coordconv/gym', exportName: 'makeCartPole' };
      const asyncEnv = await AsyncVectorEnv.create<Float32Array, Int32Array>(
        new Array(NUM_ENVS).fill(factory),
        {
          envsPerWorker: NUM_ENVS / 2,
        },
      );
      lines.push(await benchVector(ctx, asyncEnv, 'async-2-workers'));
      return lines;
    },
  },
];
