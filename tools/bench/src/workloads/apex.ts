/**
 * Ape-X workloads (BENCHMARKS.md):
 * - `replay`: prioritized replay at capacity 1e6, one round = insert 512 transitions (with
 *   priorities) + sample(512) + update 512 priorities; figure = item operations per second
 *   (1,536 per round), per second of wall time and per second of the process's CPU time (on
 *   this shared 2-core machine the wall figure depends on the other processes' load). Items are small (8-float observation and next observation, action,
 *   return, discount) so the figure measures the sum/min trees and the ring, not memcpy; a
 *   second line uses Pac-Man smallClassic grid observations (840 floats) at capacity 1e5.
 * - `apex-fps`: end-to-end Ape-X on Pac-Man smallClassic (grid observations, the grid-small
 *   torso, batch 32: the CPU learning-run configuration, without its replay-ratio limit): environment frames per second consumed with 1 and 2 local actor threads, and
 *   the learner's updates per second and busy fraction in the main thread. The machine has 2
 *   cores, so actors and the learner compete for them.
 */
import { Rng } from '@coordconv/common';
import { ApexTrainer, PrioritizedReplay, resolveApexConfig } from '@coordconv/agents';
import { round4, timeSteps } from '../timing.js';
import type { BenchContext, BenchLine, Benchmark } from '../types.js';

const BATCH = 512;

async function replayLine(
  ctx: BenchContext,
  capacity: number,
  obsSize: number,
  label: string,
): Promise<BenchLine> {
  const fields = {
    obs: { size: obsSize, dtype: 'float32' },
    nextObs: { size: obsSize, dtype: 'float32' },
    action: { size: 1, dtype: 'int32' },
    ret: { size: 1, dtype: 'float32' },
    discount: { size: 1, dtype: 'float32' },
  } as const;
  const replay = new PrioritizedReplay({ capacity, alpha: 0.6, priorityEps: 1e-6, fields });
  const rng = new Rng(0);
  const chunk = {
    obs: rng.fillUniform(new Float32Array(BATCH * obsSize)),
    nextObs: rng.fillUniform(new Float32Array(BATCH * obsSize)),
    action: Int32Array.from({ length: BATCH }, () => rng.int(5)),
    ret: rng.fillUniform(new Float32Array(BATCH)),
    discount: new Float32Array(BATCH).fill(0.97),
  };
  const priorities = rng.fillUniform(new Float32Array(BATCH), 0, 2);
  const td = new Float32Array(BATCH);
  ctx.log(`replay ${label}: filling ${capacity} items`);
  for (let n = 0; n < capacity; n += BATCH)
    replay.insert(chunk, Math.min(BATCH, capacity - n), priorities);
  let beta = 0.4;
  const cpu0 = process.cpuUsage();
  const r = await timeSteps(() => {
    replay.insert(chunk, BATCH, priorities);
    const s = replay.sample(BATCH, rng, beta);
    for (let j = 0; j < BATCH; j++) td[j] = rng.random() * 2;
    replay.updatePriorities(s.ids, td);
    beta = Math.min(1, beta + 1e-6);
  }, ctx.seconds);
  const cpu = process.cpuUsage(cpu0);
  // Includes the 3 warm-up rounds timeSteps runs before timing (negligible against seconds).
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    workload: 'replay',
    backend: 'none (pure TypeScript)',
    variant: label,
    capacity,
    obs_floats: obsSize,
    batch: BATCH,
    item_ops_per_s: round4((r.steps * 3 * BATCH) / r.seconds),
    // The same work per second of this process's own CPU time: the figure on an idle machine.
    item_ops_per_cpu_s: round4(((r.steps + 3) * 3 * BATCH) / cpuSeconds),
    round_ms: round4(r.stepMs),
  };
}

async function apexFpsLine(ctx: BenchContext, actors: number): Promise<BenchLine> {
  const seconds = Math.max(ctx.seconds, 15);
  const config = resolveApexConfig({
    numActors: actors,
    batchSize: 32,
    network: { torso: 'grid-small', coordConv: false },
    learningStarts: 1000,
    replayCapacity: 20_000,
  });
  const trainer = await ApexTrainer.create({
    config,
    env: {
      module: '@coordconv/pacman',
      exportName: 'PacmanEnv',
      args: [{ layout: 'smallClassic', reuseObs: true }],
    },
    seed: 0,
    totalFrames: 1e9,
    log: () => {},
  });
  // Warm up: actor threads start, replay fills to learningStarts, the first updates compile.
  while (trainer.updates < 5) await trainer.iterate();
  const f0 = trainer.frames;
  const u0 = trainer.updates;
  let busyMs = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const s = performance.now();
    const before = trainer.updates;
    await trainer.iterate();
    if (trainer.updates > before) busyMs += performance.now() - s;
  }
  const elapsed = (performance.now() - t0) / 1000;
  const line: BenchLine = {
    workload: 'apex-fps',
    backend: ctx.backend,
    env: 'pacman smallClassic grid',
    torso: 'grid-small',
    actors,
    batch: config.batchSize,
    frames_per_s: round4((trainer.frames - f0) / elapsed),
    learner_updates_per_s: round4((trainer.updates - u0) / elapsed),
    learner_busy_fraction: round4(busyMs / 1000 / elapsed),
    seconds: round4(elapsed),
  };
  await trainer.close();
  return line;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'replay',
    groups: ['apex', 'replay'],
    async run(ctx) {
      return [
        await replayLine(ctx, 1_000_000, 8, 'small-items'),
        await replayLine(ctx, 100_000, 840, 'pacman-smallClassic-grid'),
      ];
    },
  },
  {
    name: 'apex-fps',
    groups: ['apex'],
    async run(ctx) {
      return [await apexFpsLine(ctx, 1), await apexFpsLine(ctx, 2)];
    },
  },
];
