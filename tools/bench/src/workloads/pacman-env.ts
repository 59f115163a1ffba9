/**
 * `pacman-env`: Pac-Man environment steps per second on mediumClassic (BENCHMARKS.md), one
 * line per variant: the game core alone (rules + random ghosts), `PacmanEnv.step` with the
 * `grid` observation, with the `rgb` observation (8 px cells), and, when @coordconv/gym exports
 * them, the same env inside `SyncVectorEnv` (8 envs, one thread) and `AsyncVectorEnv` (worker
 * threads). Round trips over the ZeroMQ bridge are the bridge's own benchmark.
 *
 * Steps run in batches of 1,000 per timed call so that the timer's per-call `await` does not
 * dominate a sub-microsecond step. Actions are precomputed uniform random moves.
 */
import { Rng } from '@coordconv/common';
import * as gym from '@coordconv/gym';
import { PacmanEnv, PacmanGame } from '@coordconv/pacman';
import { round4, timeSteps } from '../timing.js';
import type { BenchContext, BenchLine, Benchmark } from '../types.js';

const LAYOUT = 'mediumClassic';
const BATCH = 1000;
const NUM_VECTOR_ENVS = 8;

function randomActions(n: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, () => rng.int(5));
}

function line(
  ctx: BenchContext,
  variant: string,
  steps: number,
  seconds: number,
  extra: Record<string, number | string> = {},
): BenchLine {
  return {
    workload: 'pacman-env',
    backend: ctx.backend,
    variant,
    layout: LAYOUT,
    steps_per_s: round4(steps / seconds),
    step_us: round4((seconds * 1e6) / steps),
    ...extra,
  };
}

async function benchCore(ctx: BenchContext): Promise<BenchLine> {
  const game = new PacmanGame({ layout: LAYOUT, ghosts: 'random', seed: 0 });
  const actions = randomActions(4096, 1);
  let i = 0;
  const r = await timeSteps(() => {
    for (let k = 0; k < BATCH; k++) {
      if (game.done) game.reset();
      game.step(actions[i++ & 4095]!);
    }
  }, ctx.seconds);
  return line(ctx, 'core', r.steps * BATCH, r.seconds);
}

async function benchEnv(ctx: BenchContext, obs: 'grid' | 'rgb'): Promise<BenchLine> {
  // reuseObs: one observation buffer, as a vector env or rollout buffer that copies would use.
  const env = new PacmanEnv({ layout: LAYOUT, obs, cellSize: 8, reuseObs: true, seed: 0 });
  env.reset({ seed: 0 });
  const actions = randomActions(4096, 2);
  let i = 0;
  const r = await timeSteps(() => {
    for (let k = 0; k < BATCH; k++) {
      const [, , terminated, truncated] = env.step(actions[i++ & 4095]!);
      if (terminated || truncated) env.reset();
    }
  }, ctx.seconds);
  return line(ctx, obs, r.steps * BATCH, r.seconds, {
    obs_bytes: env.obsSize * (obs === 'rgb' ? 1 : 4),
  });
}

/** Vector-env figures, when the gym package exports the vector envs (it may land later). */
async function benchVector(ctx: BenchContext): Promise<BenchLine[]> {
  type VectorCtor = new (
    fns: (() => unknown)[],
    options?: Record<string, unknown>,
  ) => {
    reset(args?: { seed?: number }): unknown;
    step(actions: Int32Array): unknown;
    close(): unknown;
  };
  const exports = gym as unknown as Record<string, unknown>;
  const Sync = exports.SyncVectorEnv as VectorCtor | undefined;
  if (typeof Sync !== 'function') {
    ctx.log('pacman-env: @coordconv/gym does not export SyncVectorEnv yet; no vectorized line');
    return [];
  }
  const venv = new Sync(
    Array.from(
      { length: NUM_VECTOR_ENVS },
      () => () => new PacmanEnv({ layout: LAYOUT, reuseObs: true }),
    ),
  );
  await venv.reset({ seed: 0 });
  const rng = new Rng(3);
  const actions = new Int32Array(NUM_VECTOR_ENVS);
  const steps = Math.max(1, Math.floor(BATCH / NUM_VECTOR_ENVS));
  const r = await timeSteps(async () => {
    for (let k = 0; k < steps; k++) {
      for (let e = 0; e < NUM_VECTOR_ENVS; e++) actions[e] = rng.int(5);
      await venv.step(actions);
    }
  }, ctx.seconds);
  await venv.close();
  return [
    line(ctx, 'sync-vector-grid', r.steps * steps * NUM_VECTOR_ENVS, r.seconds, {
      num_envs: NUM_VECTOR_ENVS,
    }),
  ];
}

export const benchmarks: Benchmark[] = [
  {
    name: 'pacman-env',
    groups: ['pacman-env', 'env'],
    async run(ctx) {
      const lines = [await benchCore(ctx), await benchEnv(ctx, 'grid'), await benchEnv(ctx, 'rgb')];
      lines.push(...(await benchVector(ctx)));
      return lines;
    },
  },
];
