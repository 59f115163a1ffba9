/**
 * @coordconv/gym quickstart: check an env, run an episode, then step 4 envs in worker threads.
 *   node --conditions=@coordconv/source --import tsx packages/gym/examples/quickstart.ts
 */
import {
  AsyncVectorEnv,
  RecordEpisodeStatistics,
  checkEnv,
  makeCartPole,
  CartPoleEnv,
} from '@coordconv/gym';
import type { EpisodeStatistics } from '@coordconv/gym';

// 1. The env checker (gymnasium's check_env): throws EnvCheckError naming the failed check.
const { warnings } = await checkEnv(new CartPoleEnv());
console.log(`checkEnv(CartPoleEnv): passed, ${warnings.length} warnings`);

// 2. One episode with a random policy. `await` works for sync and async envs alike.
const env = new RecordEpisodeStatistics(makeCartPole());
env.actionSpace.seed(0);
let [obs] = await env.reset({ seed: 42 });
for (;;) {
  const [next, , terminated, truncated, info] = await env.step(env.actionSpace.sample());
  obs = next;
  if (terminated || truncated) {
    const { r, l } = info.episode as EpisodeStatistics;
    console.log(
      `episode: return ${r}, length ${l}, last obs [${Array.from(obs, (v) => v.toFixed(3))}]`,
    );
    break;
  }
}
await env.close();

// 3. Four CartPoles in two worker threads; observations arrive as one Float32Array [4, 4].
const factory = { module: '@coordconv/gym', exportName: 'makeCartPole' };
const venv = await AsyncVectorEnv.create<Float32Array, Int32Array>(
  [factory, factory, factory, factory],
  {
    envsPerWorker: 2,
  },
);
venv.actionSpace.seed(1);
await venv.reset({ seed: 7 }); // env i is seeded with 7 + i
let finished = 0;
for (let t = 0; t < 200; t++) {
  const [, , terminated, truncated] = await venv.step(venv.actionSpace.sample() as Int32Array);
  for (let i = 0; i < venv.numEnvs; i++) finished += terminated[i]! | truncated[i]!;
}
console.log(
  `AsyncVectorEnv: ${finished} episodes finished in 200 vector steps (autoreset on the next step)`,
);
await venv.close();
