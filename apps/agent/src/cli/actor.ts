/**
 * `npx nx run agent:actor -- --connect tcp://HOST:5600 [--actors 4] [--server-key KEY]`: adds
 * Ape-X actors to a running learner (`agent:train -- --algo apex --listen ...`), from this or
 * any other host, at any time. Each actor is a worker thread that takes its environment,
 * network and exploration rate from the learner, and reconnects by itself if the learner
 * restarts. Ctrl-C stops them (each says bye, freeing its epsilon slot).
 */
import { hostname } from 'node:os';
import { startActorThreads } from '@coordconv/agents';
import { defineCli, onInterrupt, runCli } from '@coordconv/common';

const cli = defineCli({
  name: 'nx run agent:actor --',
  description:
    'Ape-X actors for a learner started with `agent:train -- --algo apex --listen ENDPOINT`. ' +
    'The environment, network and epsilon come from the learner.',
  options: {
    connect: { type: 'string', required: true, help: 'the learner, e.g. tcp://10.0.0.5:5600' },
    actors: { type: 'int', default: 1, min: 1, max: 256, help: 'actor threads in this process' },
    serverKey: {
      type: 'string',
      help: "the learner's CURVE public key (printed by agent:train --curve)",
    },
    backend: {
      type: 'enum',
      choices: ['auto', 'tensorflow', 'wasm', 'cpu'],
      default: 'auto',
      help: 'tfjs backend of the actors',
    },
    timeoutS: {
      type: 'float',
      default: 30,
      min: 1,
      help: 'seconds without a reply before reconnecting',
    },
    trustEnvModule: {
      type: 'boolean',
      help: 'import whatever env module the learner names (default: @coordconv/* only)',
    },
  },
  epilog:
    'Example: npx nx run agent:actor -- --connect tcp://10.0.0.5:5600 --actors 4 --server-key "<Z85 key>"',
});

await runCli(cli, async (o) => {
  const stop = onInterrupt('stopping the actors; press Ctrl-C again to abort');
  const threads = startActorThreads({
    connect: o.connect,
    count: o.actors,
    curve: o.serverKey ? { serverKey: o.serverKey } : undefined,
    labelPrefix: `${hostname()}/${process.pid}`,
    backend: o.backend === 'auto' ? undefined : o.backend,
    timeoutMs: o.timeoutS * 1000,
    trustEnvModule: o.trustEnvModule,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  process.stderr.write(`agent:actor: ${o.actors} actor(s) -> ${o.connect}; Ctrl-C to stop\n`);
  while (!stop.stopped) await new Promise((r) => setTimeout(r, 200));
  await threads.stop();
  let frames = 0;
  for (const s of threads.finished) frames += s.frames;
  process.stderr.write(`agent:actor: stopped after ${frames} frames\n`);
  stop.dispose();
});
