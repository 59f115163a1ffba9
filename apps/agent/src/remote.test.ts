import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A2CTrainer, resolveA2CConfig } from '@coordconv/agents';
import { initBackend, tf } from '@coordconv/backend';
import { envFactoryFromCli, makeVectorEnv } from './env-spec.js';

let server: ChildProcess | undefined;
let endpoint = '';

beforeAll(async () => {
  await initBackend();
  // The bundled Pac-Man served over ZeroMQ by its own CLI, in another process, as a user would.
  server = spawn(
    process.execPath,
    [
      '--conditions=@coordconv/source',
      '--import',
      'tsx',
      'packages/pacman/src/cli/serve.ts',
      '--endpoint',
      'tcp://127.0.0.1:*',
      '--layout',
      'smallGrid',
      '--max-steps',
      '30',
    ],
    { cwd: join(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /tcp:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    server!.on('exit', (code) => reject(new Error(`pacman:serve exited with ${code}`)));
  });
});

afterAll(() => {
  server?.kill('SIGTERM');
});

describe('A2C against a RemoteEnv', () => {
  it('trains a few updates through --env tcp://HOST:PORT (envs in a worker thread)', async () => {
    const factory = envFactoryFromCli({
      env: endpoint,
      layout: 'smallGrid',
      obs: 'grid',
      cellSize: 8,
      ghosts: 'random',
      maxSteps: 30,
      timeoutMs: 20_000,
    });
    const env = await makeVectorEnv(factory, { numEnvs: 4, workers: 1 });
    expect(env.singleObservationSpace.shape).toEqual([7, 7, 6]);
    const trainer = new A2CTrainer({
      config: resolveA2CConfig({ numEnvs: 4, rewardScale: 0.01 }),
      env,
      seed: 0,
      totalFrames: 200,
    });
    const w0 = Array.from(trainer.model.getWeights()[0]!.dataSync());
    let episodes = 0;
    await trainer.iterate();
    const tensors = tf.memory().numTensors;
    for (let k = 0; k < 9; k++) episodes += (await trainer.iterate()).episodes.length;
    expect(tf.memory().numTensors).toBe(tensors);
    expect(trainer.frames).toBe(200);
    expect(episodes).toBeGreaterThan(0);
    expect(Array.from(trainer.model.getWeights()[0]!.dataSync())).not.toEqual(w0);
    await trainer.close();
  });
});
