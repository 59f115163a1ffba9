/**
 * Worker-thread entry of one local Ape-X actor (started by `startActorThreads`): initializes
 * its own tfjs backend, runs `runActor` against the learner's endpoint, and stops when the
 * parent posts 'stop'. Logs and the final stats go back to the parent as messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend, type BackendName } from '@coordconv/backend';
import { runActor } from './actor-loop.js';
import type { ActorThreadData, ActorThreadMessage } from './actor-threads.js';

const data = workerData as ActorThreadData;
const port = parentPort;
if (!port)
  throw new Error('actor-worker.ts is a worker-thread entry; start it with startActorThreads()');
const stop = { stopped: false };
port.on('message', (m: unknown) => {
  if (m === 'stop') stop.stopped = true;
});
const post = (m: ActorThreadMessage) => port.postMessage(m);

await initBackend({ backend: data.backend as BackendName | undefined, log: () => {} });
const stats = await runActor({
  connect: data.connect,
  curve: data.curve,
  label: data.label,
  timeoutMs: data.timeoutMs,
  stop,
  log: (message) => post({ type: 'log', message }),
  allowEnvModule: data.trustEnvModule ? () => true : undefined,
});
post({ type: 'done', stats });
port.close();
