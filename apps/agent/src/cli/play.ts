/**
 * `npx nx run agent:play -- --run DIR --out episode.gif`: one greedy episode of a trained run,
 * rendered frame by frame into an animated GIF (@coordconv/animate's streaming GifWriter).
 */
import { GifWriter } from '@coordconv/animate';
import { initBackend } from '@coordconv/backend';
import { CliError, defineCli, runCli, type Image8 } from '@coordconv/common';
import { isPacman, makeEnv, withEnvOptions } from '../env-spec.js';
import { playEpisode, policyFn } from '../episodes.js';
import { loadRunPolicy } from '../run-policy.js';

const cli = defineCli({
  name: 'nx run agent:play --',
  description: 'Plays one episode of a trained run and writes it as an animated GIF.',
  options: {
    run: { type: 'string', required: true, help: 'run directory from agent:train' },
    out: { type: 'string', required: true, help: 'GIF file to write' },
    policy: {
      type: 'enum',
      choices: ['greedy', 'sample'],
      default: 'greedy',
      help: 'the most likely action, or sampled',
    },
    seed: { type: 'int', default: 12345, min: 0, help: 'seed of the episode' },
    cell: { type: 'int', default: 16, min: 1, max: 32, help: 'pixels per board cell (Pac-Man)' },
    delayMs: { type: 'int', default: 100, min: 10, help: 'delay between frames' },
    maxFrames: { type: 'int', default: 2000, min: 1, help: 'stop after this many steps' },
    backend: {
      type: 'enum',
      choices: ['auto', 'tensorflow', 'wasm', 'cpu'],
      default: 'auto',
      help: 'tfjs backend',
    },
  },
  epilog: 'Example: npx nx run agent:play -- --run runs/a2c-smallClassic-... --out episode.gif',
});

await runCli(cli, async (o) => {
  await initBackend({ backend: o.backend });
  const { env: factory, actor } = await loadRunPolicy(o.run, o.seed);
  const renderFactory = isPacman(factory)
    ? withEnvOptions(factory, { renderMode: 'rgb_array', renderCellSize: o.cell })
    : factory;
  const env = await makeEnv(renderFactory);
  let gif: GifWriter | undefined;
  try {
    const record = await playEpisode(env, policyFn(o.policy, actor, env, o.seed), 0, {
      seed: o.seed,
      maxSteps: o.maxFrames,
      onFrame: async (frame) => {
        if (frame === undefined || typeof frame === 'string') {
          throw new CliError(
            `the env of ${o.run} renders no images (render mode ${String(env.renderMode)}); agent:play needs rgb_array`,
          );
        }
        const img = frame as Image8;
        gif ??= await GifWriter.create(o.out, {
          width: img.width,
          height: img.height,
          delayMs: o.delayMs,
        });
        await gif.addFrame(img);
      },
    });
    const writer = gif as GifWriter | undefined;
    gif = undefined;
    const summary = await writer?.close();
    process.stdout.write(
      `${o.out}: ${summary?.frames ?? 0} frames (${summary?.width}x${summary?.height}), return ${record.return}, ${record.length} steps` +
        `${record.win === undefined ? '' : record.win ? ', win' : ', loss'}\n`,
    );
  } finally {
    // A failed episode leaves no half-written GIF behind.
    await (gif as GifWriter | undefined)?.abort();
    await env.close();
  }
});
