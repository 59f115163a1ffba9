/**
 * Worker-thread entry of AsyncVectorEnv: builds its envs from factory specs, then answers
 * commands one at a time, writing observations straight into the shared batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Env, Info, RenderFrame } from '../env.js';
import { AutoresetSlot } from './autoreset.js';
import type { SubStep } from './autoreset.js';
import { writeBatch } from './batch.js';
import type { Batch } from './batch.js';
import { makeEnvFromFactory } from './env-factory.js';
import type { StepReply, WorkerCommand, WorkerInit, WorkerReply } from './worker-messages.js';
import { toRemoteError } from './worker-messages.js';

if (parentPort === null) {
  throw new Error('async-worker.ts must run in a worker thread (AsyncVectorEnv starts it)');
}
const port = parentPort;
const init = workerData as WorkerInit;
const post = (msg: WorkerReply): void => port.postMessage(msg);

/** Thrown inside a command to remember which env failed. */
class EnvFailure {
  constructor(
    readonly envIndex: number,
    readonly cause: unknown,
  ) {}
}

async function onEach<T>(
  slots: AutoresetSlot[],
  f: (slot: AutoresetSlot, j: number) => T | Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (let j = 0; j < slots.length; j++) {
    try {
      out.push(await f(slots[j]!, j));
    } catch (err) {
      throw new EnvFailure(init.firstIndex + j, err);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const envs: Env[] = [];
  for (let j = 0; j < init.factories.length; j++) {
    try {
      envs.push(await makeEnvFromFactory(init.factories[j]!));
    } catch (err) {
      post({ type: 'init-error', error: toRemoteError(err, init.firstIndex + j) });
      return;
    }
  }
  let spaces;
  try {
    spaces = envs.map((e) => ({
      observation: e.observationSpace.toJSON(),
      action: e.actionSpace.toJSON(),
    }));
  } catch (err) {
    post({ type: 'init-error', error: toRemoteError(err, init.firstIndex) });
    return;
  }
  const slots = envs.map((e) => new AutoresetSlot(e, init.autoresetMode));
  const obsSpace = envs[0]!.observationSpace;
  let batch: Batch | null = null;

  const stepReply = (parts: SubStep[]): StepReply => {
    const reply: StepReply = { rewards: [], terminated: [], truncated: [], infos: [] };
    parts.forEach((p, j) => {
      if (batch !== null) writeBatch(obsSpace, batch, init.firstIndex + j, p.obs);
      reply.rewards.push(p.reward);
      reply.terminated.push(p.terminated);
      reply.truncated.push(p.truncated);
      reply.infos.push(p.info);
    });
    if (batch === null) reply.obs = parts.map((p) => p.obs);
    return reply;
  };

  const handle = async (msg: WorkerCommand): Promise<StepReply | RenderFrame[] | null> => {
    switch (msg.cmd) {
      case 'attach':
        batch = msg.batch;
        return null;
      case 'reset': {
        const results = await onEach(slots, (s, j) => s.reset(msg.seeds[j], msg.options));
        return stepReply(
          results.map(([obs, info]: [unknown, Info]) => ({
            obs,
            reward: 0,
            terminated: false,
            truncated: false,
            info,
          })),
        );
      }
      case 'step':
        return stepReply(await onEach(slots, (s, j) => s.step(msg.actions[j])));
      case 'render':
        return onEach(slots, (s) => s.env.render());
      case 'close':
        await onEach(slots, (s) => s.env.close());
        return null;
    }
  };

  // Commands run strictly in arrival order.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (msg: WorkerCommand) => {
    queue = queue.then(async () => {
      try {
        const result = await handle(msg);
        try {
          post({ type: 'reply', id: msg.id, ok: true, result });
        } catch (err) {
          // e.g. an info holding a function: DataCloneError.
          const e = toRemoteError(err);
          e.message = `the ${msg.cmd} result of envs ${init.firstIndex}..${init.firstIndex + slots.length - 1} cannot be sent to the main thread: ${e.message}`;
          post({ type: 'reply', id: msg.id, ok: false, error: e });
        }
      } catch (err) {
        const remote =
          err instanceof EnvFailure ? toRemoteError(err.cause, err.envIndex) : toRemoteError(err);
        post({ type: 'reply', id: msg.id, ok: false, error: remote });
      }
    });
  });
  post({ type: 'ready', spaces, metadata: envs[0]!.metadata });
}

void main().catch((err: unknown) => post({ type: 'init-error', error: toRemoteError(err) }));
