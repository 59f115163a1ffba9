import type { Info, RenderFrame } from '../env.js';
import { GymError, VectorEnvError } from '../errors.js';
import { spaceFromJSON } from '../spaces/from-json.js';
import type { Space } from '../spaces/space.js';
import type { SubStep } from './autoreset.js';
import { actionAt, cloneBatch, createBatch, writeBatch } from './batch.js';
import type { Batch } from './batch.js';
import { checkEnvFactory } from './env-factory.js';
import type { EnvFactory } from './env-factory.js';
import type {
  VectorEnv,
  VectorEnvOptions,
  VectorResetArgs,
  VectorResetResult,
  VectorStepResult,
} from './vector-env.js';
import { seedsFor } from './vector-env.js';
import { assembleStep, vectorSpaces } from './vector-setup.js';
import { WorkerHandle } from './worker-handle.js';
import type { Command } from './worker-handle.js';
import type { StepReply } from './worker-messages.js';

export interface AsyncVectorEnvOptions extends VectorEnvOptions {
  /** Sub-envs per worker thread (default 1); the last worker may get fewer. */
  envsPerWorker?: number;
  /**
   * Workers write observations straight into SharedArrayBuffers (default true). With false they
   * are structured-cloned back with each reply.
   */
  sharedMemory?: boolean;
  /** Per-call timeout in ms for reset/step/render (default 0 = none); on timeout all workers stop. */
  timeoutMs?: number;
  /** Time allowed for workers to start and build their envs (default 60000 ms). */
  initTimeoutMs?: number;
}

/**
 * Runs sub-envs in worker threads (gymnasium AsyncVectorEnv), several per worker if asked. The
 * sub-envs are built inside the workers from `EnvFactory` specs. Observations land in one
 * contiguous, shared batch; rewards, flags and infos come back with each reply. Any failure in a
 * worker rejects the call with a `VectorEnvError` naming the env, and a failed or timed-out
 * worker makes the vector env unusable (close it), never a hang.
 */
export class AsyncVectorEnv<BObs = Batch, BAct = unknown> implements VectorEnv<BObs, BAct> {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space<unknown>;
  readonly singleActionSpace: Space<unknown>;
  readonly observationSpace: Space<unknown>;
  readonly actionSpace: Space<unknown>;
  readonly metadata: VectorEnv['metadata'];
  private readonly batch: Batch;
  private busy: string | undefined;
  private broken: Error | undefined;
  private closed = false;

  private constructor(
    private readonly workers: readonly { handle: WorkerHandle; first: number; count: number }[],
    setup: ReturnType<typeof vectorSpaces>,
    private readonly options: Required<
      Pick<AsyncVectorEnvOptions, 'copy' | 'sharedMemory' | 'timeoutMs'>
    >,
  ) {
    this.numEnvs = workers.reduce((n, w) => n + w.count, 0);
    this.singleObservationSpace = setup.singleObservationSpace;
    this.singleActionSpace = setup.singleActionSpace;
    this.observationSpace = setup.observationSpace;
    this.actionSpace = setup.actionSpace;
    this.metadata = setup.metadata;
    this.batch = createBatch(this.singleObservationSpace, this.numEnvs, options.sharedMemory);
  }

  /** Starts the workers, builds `factories[i]` as sub-env `i`, and checks their spaces agree. */
  static async create<BObs = Batch, BAct = unknown>(
    factories: readonly EnvFactory[],
    options: AsyncVectorEnvOptions = {},
  ): Promise<AsyncVectorEnv<BObs, BAct>> {
    if (factories.length === 0)
      throw new GymError('AsyncVectorEnv needs at least one EnvFactory, got 0');
    factories.forEach((f, i) => checkEnvFactory(f, `factories[${i}]`));
    const perWorker = options.envsPerWorker ?? 1;
    if (!Number.isInteger(perWorker) || perWorker < 1) {
      throw new GymError(`AsyncVectorEnv envsPerWorker must be an integer >= 1, got ${perWorker}`);
    }
    const autoresetMode = options.autoresetMode ?? 'next-step';
    const workers: { handle: WorkerHandle; first: number; count: number }[] = [];
    for (let first = 0; first < factories.length; first += perWorker) {
      const slice = factories.slice(first, first + perWorker);
      const last = first + slice.length - 1;
      const label = `AsyncVectorEnv worker ${workers.length} (env${slice.length > 1 ? `s ${first}..${last}` : ` ${first}`})`;
      const handle = new WorkerHandle(
        label,
        { factories: [...slice], firstIndex: first, autoresetMode },
        options.initTimeoutMs ?? 60_000,
      );
      workers.push({ handle, first, count: slice.length });
    }
    try {
      const readies = await Promise.all(workers.map((w) => w.handle.ready));
      const spaces = readies.flatMap((r, w) =>
        r.spaces.map((s, j) => ({
          observationSpace: spaceFromJSON(
            s.observation,
            `env ${workers[w]!.first + j} observationSpace`,
          ),
          actionSpace: spaceFromJSON(s.action, `env ${workers[w]!.first + j} actionSpace`),
        })),
      );
      const setup = vectorSpaces(spaces, readies[0]!.metadata, options);
      const env = new AsyncVectorEnv<BObs, BAct>(workers, setup, {
        copy: options.copy ?? true,
        sharedMemory: options.sharedMemory ?? true,
        timeoutMs: options.timeoutMs ?? 0,
      });
      await env.callAll({ cmd: 'attach', batch: env.options.sharedMemory ? env.batch : null });
      return env;
    } catch (err) {
      await Promise.all(workers.map((w) => w.handle.terminate()));
      throw err;
    }
  }

  async reset(args: VectorResetArgs = {}): Promise<VectorResetResult<BObs>> {
    const seeds = seedsFor(args.seed, this.numEnvs);
    const replies = await this.run('reset', (w) => ({
      cmd: 'reset',
      seeds: seeds.slice(w.first, w.first + w.count),
      options: args.options,
    }));
    const parts = this.collect(replies as StepReply[]);
    const infos: Info[] = parts.map((p) => p.info);
    if (!this.options.sharedMemory)
      parts.forEach((p, i) => writeBatch(this.singleObservationSpace, this.batch, i, p.obs));
    return [(this.options.copy ? cloneBatch(this.batch) : this.batch) as BObs, infos];
  }

  async step(actions: BAct): Promise<VectorStepResult<BObs>> {
    const perEnv = Array.from({ length: this.numEnvs }, (_, i) =>
      actionAt(this.singleActionSpace, actions, i, this.numEnvs),
    );
    const replies = await this.run('step', (w) => ({
      cmd: 'step',
      actions: perEnv.slice(w.first, w.first + w.count),
    }));
    const parts = this.collect(replies as StepReply[]);
    return assembleStep(
      this.singleObservationSpace,
      this.batch,
      parts,
      this.options.copy,
      this.options.sharedMemory,
    ) as VectorStepResult<BObs>;
  }

  async render(): Promise<RenderFrame[]> {
    const replies = await this.run('render', () => ({ cmd: 'render' }));
    return (replies as RenderFrame[][]).flat();
  }

  /** Closes every sub-env, then terminates the workers. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.broken === undefined && this.busy === undefined) {
      // Let envs release their resources; a broken worker cannot, so it is simply stopped.
      await Promise.allSettled(this.workers.map((w) => w.handle.call({ cmd: 'close' }, 5_000)));
    }
    await Promise.all(this.workers.map((w) => w.handle.terminate()));
  }

  /** Sends one command per worker, waits for all of them, then throws the first error. */
  private async run(
    name: string,
    command: (w: { first: number; count: number }) => Command,
  ): Promise<unknown[]> {
    if (this.closed) throw new GymError(`AsyncVectorEnv.${name}(): the env is closed`);
    if (this.broken)
      throw new VectorEnvError(
        `AsyncVectorEnv.${name}(): unusable after an earlier failure (${this.broken.message}); close it`,
      );
    if (this.busy !== undefined) {
      throw new GymError(
        `AsyncVectorEnv.${name}() called while ${this.busy}() is still running; await each call`,
      );
    }
    this.busy = name;
    try {
      return await this.callAll(command);
    } finally {
      this.busy = undefined;
    }
  }

  private async callAll(
    command: Command | ((w: { first: number; count: number }) => Command),
  ): Promise<unknown[]> {
    const settled = await Promise.allSettled(
      this.workers.map((w) =>
        w.handle.call(typeof command === 'function' ? command(w) : command, this.options.timeoutMs),
      ),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      const err =
        failed.reason instanceof Error ? failed.reason : new VectorEnvError(String(failed.reason));
      // A crashed or timed-out worker leaves the batch out of step: stop everything. An error
      // thrown by an env's own code leaves the workers consistent; the caller may go on.
      if (this.workers.some((w) => w.handle.failed)) {
        this.broken = err;
        await Promise.all(this.workers.map((w) => w.handle.terminate()));
      }
      throw err;
    }
    return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
  }

  private collect(replies: StepReply[]): SubStep[] {
    const parts: SubStep[] = [];
    for (const r of replies) {
      r.rewards.forEach((reward, j) =>
        parts.push({
          obs: r.obs?.[j],
          reward,
          terminated: r.terminated[j]!,
          truncated: r.truncated[j]!,
          info: r.infos[j]!,
        }),
      );
    }
    return parts;
  }

  toString(): string {
    return `AsyncVectorEnv(numEnvs=${this.numEnvs}, workers=${this.workers.length})`;
  }
}
