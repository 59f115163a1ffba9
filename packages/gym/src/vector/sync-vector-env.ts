import type { Env, Info, RenderFrame } from '../env.js';
import { GymError } from '../errors.js';
import type { MaybePromise } from '../maybe-promise.js';
import { allMaybe, thenMaybe } from '../maybe-promise.js';
import type { Space } from '../spaces/space.js';
import { AutoresetSlot } from './autoreset.js';
import { actionAt, cloneBatch, createBatch, writeBatch } from './batch.js';
import type { Batch } from './batch.js';
import { makeEnvFromFactory } from './env-factory.js';
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

/**
 * Runs its sub-envs one after another in this thread (gymnasium SyncVectorEnv). Over synchronous
 * envs every call is synchronous; over async envs (RemoteEnv) the sub-env calls run
 * concurrently and the result is a promise.
 */
export class SyncVectorEnv<BObs = Batch, BAct = unknown> implements VectorEnv<BObs, BAct> {
  readonly envs: readonly Env[];
  readonly numEnvs: number;
  readonly singleObservationSpace: Space<unknown>;
  readonly singleActionSpace: Space<unknown>;
  readonly observationSpace: Space<unknown>;
  readonly actionSpace: Space<unknown>;
  readonly metadata: VectorEnv['metadata'];
  private readonly slots: AutoresetSlot[];
  private readonly batch: Batch;
  private readonly copy: boolean;
  private closed = false;

  /** `envFns[i]()` builds sub-env `i` (gymnasium's `env_fns`). */
  constructor(envFns: readonly (() => Env)[], options: VectorEnvOptions = {}) {
    const envs = envFns.map((fn, i) => {
      if (typeof fn !== 'function')
        throw new GymError(`SyncVectorEnv envFns[${i}] must be a function returning an Env`);
      return fn();
    });
    const setup = vectorSpaces(envs, envs[0]?.metadata ?? { renderModes: [] }, options);
    this.envs = envs;
    this.numEnvs = envs.length;
    this.singleObservationSpace = setup.singleObservationSpace;
    this.singleActionSpace = setup.singleActionSpace;
    this.observationSpace = setup.observationSpace;
    this.actionSpace = setup.actionSpace;
    this.metadata = setup.metadata;
    const mode = options.autoresetMode ?? 'next-step';
    this.slots = envs.map((e) => new AutoresetSlot(e, mode));
    this.batch = createBatch(this.singleObservationSpace, this.numEnvs);
    this.copy = options.copy ?? true;
  }

  /** Builds the sub-envs from factory specs (the same specs AsyncVectorEnv takes). */
  static async fromFactories<BObs = Batch, BAct = unknown>(
    factories: readonly EnvFactory[],
    options: VectorEnvOptions = {},
  ): Promise<SyncVectorEnv<BObs, BAct>> {
    const envs = await Promise.all(factories.map((f) => makeEnvFromFactory(f)));
    return new SyncVectorEnv<BObs, BAct>(
      envs.map((e) => () => e),
      options,
    );
  }

  reset(args: VectorResetArgs = {}): MaybePromise<VectorResetResult<BObs>> {
    this.assertOpen();
    const seeds = seedsFor(args.seed, this.numEnvs);
    const parts = allMaybe(this.slots.map((s, i) => s.reset(seeds[i], args.options)));
    return thenMaybe(parts, (results): VectorResetResult<BObs> => {
      const infos: Info[] = [];
      results.forEach(([obs, info], i) => {
        writeBatch(this.singleObservationSpace, this.batch, i, obs);
        infos.push(info);
      });
      return [(this.copy ? cloneBatch(this.batch) : this.batch) as BObs, infos];
    });
  }

  step(actions: BAct): MaybePromise<VectorStepResult<BObs>> {
    this.assertOpen();
    const parts = allMaybe(
      this.slots.map((s, i) => s.step(actionAt(this.singleActionSpace, actions, i, this.numEnvs))),
    );
    return thenMaybe(
      parts,
      (results) =>
        assembleStep(
          this.singleObservationSpace,
          this.batch,
          results,
          this.copy,
        ) as VectorStepResult<BObs>,
    );
  }

  render(): MaybePromise<RenderFrame[]> {
    this.assertOpen();
    return allMaybe(this.envs.map((e) => e.render()));
  }

  close(): MaybePromise<void> {
    if (this.closed) return;
    this.closed = true;
    return thenMaybe(allMaybe(this.envs.map((e) => e.close())), () => undefined);
  }

  private assertOpen(): void {
    if (this.closed) throw new GymError('SyncVectorEnv is closed');
  }

  toString(): string {
    return `SyncVectorEnv(numEnvs=${this.numEnvs})`;
  }
}
