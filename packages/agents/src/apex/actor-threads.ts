/**
 * Local actors as worker threads (local mode, and each process of `agent:actor`): each thread
 * runs `runActor` against the learner's endpoint over ZeroMQ, exactly as a remote actor would.
 * A thread that dies is restarted after a pause, so one crashing actor never stops the run.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModuleUrl, spawnWorker } from '@coordconv/common';
import type { CurveClientOptions } from '@coordconv/gym';
import type { ActorStats } from './actor-loop.js';

export interface ActorThreadData {
  connect: string;
  curve?: CurveClientOptions;
  label: string;
  backend?: string;
  timeoutMs?: number;
  trustEnvModule?: boolean;
}

export type ActorThreadMessage =
  { type: 'log'; message: string } | { type: 'done'; stats: ActorStats };

export interface ActorThreadsOptions {
  connect: string;
  count: number;
  curve?: CurveClientOptions;
  /** Prefix of each actor's label (`<prefix>#k`). */
  labelPrefix?: string;
  backend?: string;
  timeoutMs?: number;
  trustEnvModule?: boolean;
  /** Restart a thread that exited with an error (default true), after `restartMs` (2000). */
  restart?: boolean;
  restartMs?: number;
  log?: (message: string) => void;
}

export interface ActorThreads {
  readonly count: number;
  /** Stats of the threads that finished (after `stop`). */
  readonly finished: ActorStats[];
  /** The current worker of actor k (tests kill it to simulate a crash). */
  worker(k: number): Worker | undefined;
  /** Asks every actor to say bye and stop; terminates those still running after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function startActorThreads(options: ActorThreadsOptions): ActorThreads {
  const log = options.log ?? (() => {});
  const entry = siblingModuleUrl(import.meta.url, 'actor-worker');
  const workers: (Worker | undefined)[] = new Array(options.count).fill(undefined);
  const exits: Promise<void>[] = new Array(options.count).fill(Promise.resolve());
  const finished: ActorStats[] = [];
  let stopping = false;

  const start = (k: number) => {
    const data: ActorThreadData = {
      connect: options.connect,
      curve: options.curve,
      label: `${options.labelPrefix ?? `pid${process.pid}`}#${k}`,
      backend: options.backend,
      timeoutMs: options.timeoutMs,
      trustEnvModule: options.trustEnvModule,
    };
    const worker = spawnWorker(entry, { workerData: data });
    workers[k] = worker;
    worker.on('message', (m: ActorThreadMessage) => {
      if (m.type === 'log') log(m.message);
      else if (m.type === 'done') finished.push(m.stats);
    });
    worker.on('error', (err) =>
      log(`apex actor ${data.label} failed: ${err.stack ?? err.message}`),
    );
    exits[k] = new Promise<void>((resolve) =>
      worker.once('exit', (code) => {
        if (workers[k] === worker) workers[k] = undefined;
        resolve();
        if (!stopping && code !== 0 && options.restart !== false) {
          log(`apex actor ${data.label} exited with code ${code}; restarting it`);
          setTimeout(() => !stopping && start(k), options.restartMs ?? 2000).unref();
        }
      }),
    );
  };
  for (let k = 0; k < options.count; k++) start(k);

  return {
    count: options.count,
    finished,
    worker: (k) => workers[k],
    async stop(graceMs = 5000) {
      stopping = true;
      for (const w of workers) w?.postMessage('stop');
      const all = Promise.all(exits);
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([all, timer])) === 'timeout') {
        await Promise.all(workers.map((w) => w?.terminate()));
        await all;
      }
    },
  };
}
