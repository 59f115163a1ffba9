/**
 * A2C workloads (BENCHMARKS.md):
 * - `a2c` / `a2c-coordconv`: one full A2C training step (forward, A2C loss = policy + 0.5 value
 *   - 0.01 entropy, backward, clip-norm 0.5, RMSProp 7e-4) on a batch of 80 Pac-Man grid
 *   observations 11x20x6 (mediumClassic) through 3x3 conv 32 -> 3x3 conv 64 -> dense 256 ->
 *   policy 5 + value 1 (ReLU); the CoordConv variant has AddCoords before the first conv.
 * - `a2c-fps`: end-to-end training frames per second (rollouts + updates) with the settings of
 *   the default `agent:train` run (smallClassic): 16 envs, 5 steps, grid observations, stepped in the main
 *   thread (workers 0) or in one worker thread (workers 1, the default).
 */
import { A2CLearner, A2CTrainer, buildActorCritic, resolveA2CConfig } from '@coordconv/agents';
import { Rng } from '@coordconv/common';
import { AsyncVectorEnv, SyncVectorEnv, type EnvFactory, type VectorEnv } from '@coordconv/gym';
import { PacmanEnv } from '@coordconv/pacman';
import { round4, timeSteps } from '../timing.js';
import type { BenchContext, BenchLine, Benchmark } from '../types.js';

const OBS_SHAPE = [11, 20, 6];
const BATCH = 80;

async function trainStepLine(ctx: BenchContext, coordConv: boolean): Promise<BenchLine> {
  const config = resolveA2CConfig({ network: { torso: 'grid', coordConv } });
  const rng = new Rng(0);
  const { model } = buildActorCritic(
    { observation: { shape: OBS_SHAPE, dtype: 'float32' }, numActions: 5, network: config.network },
    rng,
  );
  const learner = new A2CLearner(model, OBS_SHAPE, config);
  // Sparse 0/1 planes like real grid observations.
  const obs = Float32Array.from({ length: BATCH * 11 * 20 * 6 }, () =>
    rng.random() < 0.15 ? 1 : 0,
  );
  const batch = {
    size: BATCH,
    obs,
    actions: Int32Array.from({ length: BATCH }, () => rng.int(5)),
    returns: Float32Array.from({ length: BATCH }, () => rng.normal()),
    advantages: Float32Array.from({ length: BATCH }, () => rng.normal()),
    mask: new Float32Array(BATCH).fill(1),
  };
  const r = await timeSteps(() => void learner.step(batch), ctx.seconds);
  learner.optimizer.dispose();
  model.dispose();
  return {
    workload: coordConv ? 'a2c-coordconv' : 'a2c',
    backend: ctx.backend,
    samples_per_s: round4((BATCH * r.steps) / r.seconds),
    step_ms: round4(r.stepMs),
  };
}

const LAYOUT = 'smallClassic';

async function fpsLine(ctx: BenchContext, workers: number): Promise<BenchLine> {
  const numEnvs = 16;
  const options = { layout: LAYOUT, maxSteps: 500 };
  let env: VectorEnv;
  if (workers > 0) {
    const factory: EnvFactory = {
      module: '@coordconv/pacman',
      exportName: 'PacmanEnv',
      args: [options],
    };
    env = await AsyncVectorEnv.create(new Array<EnvFactory>(numEnvs).fill(factory), {
      autoresetMode: 'same-step',
      envsPerWorker: Math.ceil(numEnvs / workers),
    });
  } else {
    env = new SyncVectorEnv(
      Array.from({ length: numEnvs }, () => () => new PacmanEnv(options)),
      { autoresetMode: 'same-step' },
    );
  }
  const trainer = new A2CTrainer({
    config: resolveA2CConfig({ numEnvs, rewardScale: 0.1, rewardClip: 1 }),
    env,
    seed: 0,
    totalFrames: 1e9,
  });
  const cpu0 = process.cpuUsage();
  const r = await timeSteps(async () => void (await trainer.iterate()), ctx.seconds);
  const cpu = process.cpuUsage(cpu0);
  await trainer.close();
  return {
    workload: 'a2c-fps',
    backend: ctx.backend,
    layout: LAYOUT,
    envs: numEnvs,
    workers,
    frames_per_s: round4((r.steps * numEnvs * 5) / r.seconds),
    update_ms: round4(r.stepMs),
    // Process CPU seconds (all threads) per wall second, warm-up included: > 1 when workers run in parallel.
    cpu_share: round4((cpu.user + cpu.system) / 1e6 / r.seconds),
    // Frames per CPU-second: what an idle machine would reach, less sensitive to other load.
    frames_per_cpu_s: round4((r.steps * numEnvs * 5) / ((cpu.user + cpu.system) / 1e6)),
  };
}

export const benchmarks: Benchmark[] = [
  { name: 'a2c', groups: ['a2c', 'rl'], run: async (ctx) => [await trainStepLine(ctx, false)] },
  {
    name: 'a2c-coordconv',
    groups: ['a2c', 'rl'],
    run: async (ctx) => [await trainStepLine(ctx, true)],
  },
  {
    name: 'a2c-fps',
    groups: ['a2c', 'rl'],
    run: async (ctx) => [await fpsLine(ctx, 0), await fpsLine(ctx, 1)],
  },
];
