/**
 * `pacman-env-bridge`: Pac-Man `step` round trips per second over the ZeroMQ bridge
 * (packages/gym/PROTOCOL.md) on loopback, one line per observation mode: `grid` (mediumClassic,
 * float32 [11, 20, 6] = 5,280 bytes per observation) and `rgb` (8 px cells, uint8 [88, 160, 3]
 * = 42,240 bytes), each next to the same env stepped directly in the same run, so the ratio
 * `bridge_overhead` says what the bridge costs.
 *
 * Server (`serveEnv`) and client (`RemoteEnv`) live in this one process and share its event
 * loop: each round trip pays both ends' encode/decode and two loopback hops on one thread,
 * a pessimistic figure for a server in its own process. `cpu_us_per_round_trip` (user + system
 * CPU of the process, including libzmq's I/O thread) is steadier than wall time on a busy machine.
 */
import { Rng } from '@coordconv/common';
import { RemoteEnv, serveEnv } from '@coordconv/gym';
import { PacmanEnv } from '@coordconv/pacman';
import { round4, timeSteps } from '../timing.js';
import type { BenchContext, BenchLine, Benchmark } from '../types.js';

const LAYOUT = 'mediumClassic';

async function benchBridge(ctx: BenchContext, obs: 'grid' | 'rgb'): Promise<BenchLine> {
  const make = () => new PacmanEnv({ layout: LAYOUT, obs, cellSize: 8, seed: 0 });
  const rng = new Rng(1);

  // The same env stepped directly, for the overhead ratio.
  const local = make();
  local.reset({ seed: 0 });
  const direct = await timeSteps(
    () => {
      for (let k = 0; k < 100; k++) {
        const [, , terminated, truncated] = local.step(rng.int(5));
        if (terminated || truncated) local.reset();
      }
    },
    Math.min(ctx.seconds, 1),
  );
  const directPerS = (direct.steps * 100) / direct.seconds;

  const server = await serveEnv(make, { endpoint: 'tcp://127.0.0.1:*', envId: `pacman:${LAYOUT}` });
  const env = await RemoteEnv.connect<Float32Array | Uint8Array, number>(server.endpoint, {
    timeoutMs: 10_000,
  });
  try {
    const [first] = await env.reset({ seed: 0 });
    const cpu0 = process.cpuUsage();
    const r = await timeSteps(async () => {
      const [, , terminated, truncated] = await env.step(rng.int(5));
      if (terminated || truncated) await env.reset();
    }, ctx.seconds);
    const cpu = process.cpuUsage(cpu0);
    const perS = r.steps / r.seconds;
    ctx.log(
      `bridge ${obs}: ${perS.toFixed(0)} round trips/s (direct ${directPerS.toFixed(0)} steps/s)`,
    );
    return {
      workload: 'pacman-env-bridge',
      backend: ctx.backend,
      variant: obs,
      layout: LAYOUT,
      transport: 'tcp-loopback',
      obs_bytes: first.byteLength,
      round_trips_per_s: round4(perS),
      round_trip_us: round4(1e6 / perS),
      // CPU time of this process (both ends) per round trip: steadier than wall time on a busy box.
      cpu_us_per_round_trip: round4((cpu.user + cpu.system) / (r.steps + 3)),
      direct_steps_per_s: round4(directPerS),
      bridge_overhead: round4(directPerS / perS),
    };
  } finally {
    await env.close();
    await server.close();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'pacman-env-bridge',
    groups: ['pacman-env', 'bridge'],
    async run(ctx) {
      return [await benchBridge(ctx, 'grid'), await benchBridge(ctx, 'rgb')];
    },
  },
];
