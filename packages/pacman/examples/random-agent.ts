/**
 * A random agent on mediumClassic: five episodes, then the last frame as text.
 *   node --conditions=@coordconv/source --import tsx packages/pacman/examples/random-agent.ts
 */
import { Rng } from '@coordconv/common';
import { PacmanEnv } from '@coordconv/pacman';

const env = new PacmanEnv({ layout: 'mediumClassic', ghosts: 'directional', renderMode: 'ansi' });
const agent = new Rng(42); // the agent's own randomness; the env's is seeded by reset
for (let episode = 0; episode < 5; episode++) {
  let [obs, info] = env.reset({ seed: episode });
  let episodeReturn = 0;
  for (;;) {
    const action = env.actionSpace.sample(agent); // 0 N, 1 S, 2 E, 3 W, 4 Stop
    const [next, reward, terminated, truncated, stepInfo] = env.step(action);
    [obs, info] = [next, stepInfo];
    episodeReturn += reward;
    if (terminated || truncated) break;
  }
  const outcome = info.win ? 'won' : info.lose ? 'caught' : 'truncated';
  console.log(
    `episode ${episode}: return ${episodeReturn}, score ${info.score}, ${info.steps} steps, ` +
      `${info.foodLeft} food left, ${outcome}; obs ${obs.constructor.name}[${env.obsShape.join('x')}]`,
  );
}
console.log(env.render());
env.close();
