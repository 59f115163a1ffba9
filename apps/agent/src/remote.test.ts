import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A2CTrainer, resolveA2CConfig } from '@coordconv/agents';
import { initBackend, tf } from '@coordconv/backend';
import { serveEnv, type EnvServer } from '@coordconv/gym';
import { PacmanEnv } from '@coordconv/pacman';
import { envFactoryFromCli, makeVectorEnv } from './env-spec.js';

let server: EnvServer;

beforeAll(async () => {
  await initBackend();
  // The bundled Pac-Man served over ZeroMQ, as `nx run pacman:serve` does; one env per client.
  server = await serveEnv(() => new PacmanEnv({ layout: 'smallGrid', maxSteps: 30 }), {
    endpoint: 'tcp://127.0.0.1:*',
  });
});

afterAll(async () => {
  await server?.close();
});

describe('A2C against a RemoteEnv', () => {
  it('trains a few updates through --env tcp://HOST:PORT', async () => {
    const factory = envFactoryFromCli({
      env: server.endpoint,
      layout: 'smallGrid',
      obs: 'grid',
      cellSize: 8,
      ghosts: 'random',
      maxSteps: 30,
      timeoutMs: 10_000,
    });
    const env = await makeVectorEnv(factory, { numEnvs: 4, workers: 0 });
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
