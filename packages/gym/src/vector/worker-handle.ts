import { siblingModuleUrl, spawnWorker } from '@coordconv/common';
import type { Worker } from 'node:worker_threads';
import { GymError, VectorEnvError, VectorEnvTimeout } from '../errors.js';
import type { RemoteError, WorkerCommand, WorkerInit, WorkerReply } from './worker-messages.js';

type ReadyReply = Extract<WorkerReply, { type: 'ready' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Command = DistributiveOmit<WorkerCommand, 'id'>;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * One AsyncVectorEnv worker: request/reply over postMessage, with every failure (an exception
 * in an env, a crash, an unexpected exit, a timeout) turned into a rejected promise naming the
 * worker and env, never a hang. The worker is unref'd while idle so a forgotten `close()` does
 * not keep the process alive.
 */
export class WorkerHandle {
  readonly ready: Promise<ReadyReply>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private terminating = false;
  private settleReady!: { resolve: (r: ReadyReply) => void; reject: (e: Error) => void };

  constructor(
    readonly label: string,
    init: WorkerInit,
    initTimeoutMs: number,
  ) {
    this.ready = new Promise<ReadyReply>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    this.worker = spawnWorker(siblingModuleUrl(import.meta.url, 'async-worker'), {
      workerData: init,
    });
    const initTimer = setTimeout(
      () =>
        this.fail(
          new VectorEnvTimeout(
            `${label} did not finish building its envs within ${initTimeoutMs} ms`,
          ),
        ),
      initTimeoutMs,
    );
    void this.ready.then(
      () => clearTimeout(initTimer),
      () => clearTimeout(initTimer),
    );
    this.worker.on('message', (msg: WorkerReply) => this.onMessage(msg));
    this.worker.on('error', (err) =>
      this.fail(
        new VectorEnvError(
          `${label} crashed: ${err.name}: ${err.message}`,
          undefined,
          err.name,
          err.stack,
        ),
      ),
    );
    this.worker.on('messageerror', (err) =>
      this.fail(new VectorEnvError(`${label} sent an unreadable message: ${err.message}`)),
    );
    this.worker.on('exit', (code) => {
      if (!this.terminating)
        this.fail(new VectorEnvError(`${label} exited unexpectedly with code ${code}`));
    });
  }

  /** The worker crashed, exited, timed out or failed to start: it cannot be used any more. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Sends a command; rejects with a VectorEnvError on failure or after `timeoutMs` (0 = never). */
  call<T>(command: Command, timeoutMs: number): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer =
        timeoutMs > 0
          ? setTimeout(
              () =>
                this.fail(
                  new VectorEnvTimeout(
                    `${this.label} did not answer ${command.cmd} within ${timeoutMs} ms`,
                  ),
                ),
              timeoutMs,
            )
          : undefined;
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.worker.ref();
      try {
        this.worker.postMessage({ ...command, id } as WorkerCommand);
      } catch (err) {
        // e.g. reset options holding a function: DataCloneError. The worker never saw it.
        this.pending.delete(id);
        if (timer) clearTimeout(timer);
        if (this.pending.size === 0) this.worker.unref();
        const msg = err instanceof Error ? err.message : String(err);
        reject(
          new GymError(
            `${this.label}: cannot send the ${command.cmd} arguments to the worker (they must be structured-cloneable): ${msg}`,
          ),
        );
      }
    });
  }

  /** Stops the worker; pending calls reject. Safe to call twice. */
  async terminate(): Promise<void> {
    if (this.terminating) return;
    this.terminating = true;
    this.rejectAll(this.failure ?? new VectorEnvError(`${this.label} was terminated`));
    await this.worker.terminate();
  }

  private onMessage(msg: WorkerReply): void {
    if (msg.type === 'ready') {
      this.worker.unref();
      this.settleReady.resolve(msg);
      return;
    }
    if (msg.type === 'init-error') {
      this.fail(remoteToError(`${this.label} could not build its envs`, msg.error));
      return;
    }
    const p = this.pending.get(msg.id);
    if (p === undefined) return;
    this.pending.delete(msg.id);
    if (p.timer) clearTimeout(p.timer);
    if (this.pending.size === 0) this.worker.unref();
    if (msg.ok) p.resolve(msg.result);
    else p.reject(remoteToError(this.label, msg.error));
  }

  /** Marks the worker unusable and rejects everything waiting on it. */
  private fail(err: Error): void {
    if (this.failure === undefined) this.failure = err;
    this.settleReady.reject(err);
    this.rejectAll(err);
  }

  private rejectAll(err: Error): void {
    for (const p of this.pending.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
  }
}

/** A worker-side error as a main-thread VectorEnvError naming the env and the original error. */
export function remoteToError(context: string, e: RemoteError): VectorEnvError {
  const where = e.envIndex === undefined ? context : `${context}, env ${e.envIndex}`;
  return new VectorEnvError(`${where}: ${e.name}: ${e.message}`, e.envIndex, e.name, e.stack);
}
