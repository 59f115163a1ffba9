/**
 * `pacman-env`: Pac-Man environment steps per second on mediumClassic (BENCHMARKS.md), one
 * line per variant: the game core alone (rules + random ghosts), `PacmanEnv.step` with the
 * `grid` observation, with the `rgb` observation (8 px cells), and the grid env batched in
 * `SyncVectorEnv` (8 envs, this thread) and `AsyncVectorEnv` (8 envs on 2 worker threads).
 * Round trips over the ZeroMQ bridge are the bridge's own benchmark (`bridge`).
 *
 * Steps run in batches of 1,000 per timed call so that the timer's per-call `await` does not
 * dominate a sub-microsecond step. Actions are precomputed uniform random moves.
 */
import { Rng } from '@coordconv/common';
import { AsyncVectorEnv, SyncVectorEnv, type Batch, type VectorEnv } from '@coordconv/gym';
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

/** Steps a vector env with random actions; batches of ~1,000 env steps per timed call. */
async function timeVector(ctx: BenchContext, venv: VectorEnv<Batch, Int32Array>, numEnvs: number) {
  await venv.reset({ seed: 0 });
  const rng = new Rng(3);
  const actions = new Int32Array(numEnvs);
  const calls = Math.max(1, Math.floor(BATCH / numEnvs));
  const r = await timeSteps(async () => {
    for (let k = 0; k < calls; k++) {
      for (let e = 0; e < numEnvs; e++) actions[e] = rng.int(5);
      await venv.step(actions);
    }
  }, ctx.seconds);
  await venv.close();
  return { steps: r.steps * calls * numEnvs, seconds: r.seconds };
}

/** The grid env batched: SyncVectorEnv (this thread) and AsyncVectorEnv (worker threads). */
async function benchVector(ctx: BenchContext): Promise<BenchLine[]> {
  const n = NUM_VECTOR_ENVS;
  const options = { layout: LAYOUT, reuseObs: true };
  const sync = new SyncVectorEnv<Batch, Int32Array>(
    Array.from({ length: n }, () => () => new PacmanEnv(options)),
  );
  const s = await timeVector(ctx, sync, n);
  const lines = [line(ctx, 'sync-vector-grid', s.steps, s.seconds, { num_envs: n })];
  const workers = 2;
  const factory = { module: '@coordconv/pacman', exportName: 'PacmanEnv', args: [options] };
  const asyncEnv = await AsyncVectorEnv.create<Batch, Int32Array>(
    Array.from({ length: n }, () => factory),
    { envsPerWorker: n / workers },
  );
  const a = await timeVector(ctx, asyncEnv, n);
  lines.push(line(ctx, 'async-vector-grid', a.steps, a.seconds, { num_envs: n, workers }));
  return lines;
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
