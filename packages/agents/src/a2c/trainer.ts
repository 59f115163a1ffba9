/**
 * A2C wired together (the "builder"): a vector env, the actor-critic network, the rollout
 * collector and the learner, behind the `Trainer` role that the training-run shell drives.
 * One `iterate()` = one rollout of nSteps x numEnvs frames and one gradient step.
 */
import type { CheckpointContents, LoadedCheckpoint, tf } from '@coordconv/backend';
import { Rng, type RngState } from '@coordconv/common';
import { Box, Discrete, type VectorEnv } from '@coordconv/gym';
import type { IterationReport, Trainer } from '../core/roles.js';
import { gaeAdvantages, nStepReturns } from '../core/returns.js';
import { shapeReward } from '../core/rewards.js';
import { buildActorCritic } from '../networks/actor-critic.js';
import type { TorsoKind } from '../networks/config.js';
import { A2CActor } from './actor.js';
import type { A2CConfig } from './config.js';
import { A2CLearner } from './learner.js';
import { RolloutBuffer, RolloutCollector } from './rollout.js';

export interface A2CTrainerOptions {
  /** Validated config (see `resolveA2CConfig`); `numEnvs` must match the vector env. */
  config: A2CConfig;
  /** The environments; A2C owns them from here on and closes them. */
  env: VectorEnv;
  /** Seed for weights, exploration and env resets. */
  seed: number;
  /** Total frames of the run (for the linear learning-rate schedule). */
  totalFrames: number;
}

/** Names under which A2C's parts are checkpointed. */
export const A2C_CHECKPOINT = {
  model: 'actor_critic',
  optimizer: 'rmsprop',
  rng: 'agent',
} as const;

/** Checks that the env has Discrete actions and a Box observation; returns their facts. */
export function describeSpaces(env: VectorEnv): {
  obsShape: number[];
  obsDtype: string;
  high: Float64Array;
  numActions: number;
} {
  const obsSpace = env.singleObservationSpace;
  const actSpace = env.singleActionSpace;
  if (!(actSpace instanceof Discrete) || actSpace.start !== 0) {
    throw new TypeError(
      `A2C needs a Discrete(n) action space starting at 0, got ${String(actSpace)}`,
    );
  }
  if (!(obsSpace instanceof Box))
    throw new TypeError(`A2C needs a Box observation space, got ${String(obsSpace)}`);
  if (obsSpace.dtype !== 'float32' && obsSpace.dtype !== 'uint8') {
    throw new TypeError(`A2C takes float32 or uint8 Box observations, got dtype ${obsSpace.dtype}`);
  }
  return {
    obsShape: [...obsSpace.shape],
    obsDtype: obsSpace.dtype,
    high: obsSpace.high,
    numActions: actSpace.n,
  };
}

/** A rollout's rewards as the learner sees them (`shapeReward`); unchanged ones are not copied. */
export function shapeRewards(rewards: Float32Array, scale: number, clip: number): Float32Array {
  if (scale === 1 && clip === 0) return rewards;
  return rewards.map((r) => shapeReward(r, scale, clip));
}

export class A2CTrainer implements Trainer {
  readonly algo = 'a2c';
  readonly model: tf.LayersModel;
  readonly torso: TorsoKind;
  readonly actor: A2CActor;
  readonly learner: A2CLearner;
  totalFrames: number;
  private framesDone = 0;
  private updatesDone = 0;
  private episodesDone = 0;
  private readonly rng: Rng;
  private readonly collector: RolloutCollector;
  private readonly buffer: RolloutBuffer;
  private started = false;

  constructor(private readonly options: A2CTrainerOptions) {
    const { config, env } = options;
    if (env.numEnvs !== config.numEnvs) {
      throw new RangeError(
        `a2c.numEnvs is ${config.numEnvs} but the vector env has ${env.numEnvs} envs`,
      );
    }
    const spaces = describeSpaces(env);
    this.rng = new Rng(options.seed);
    const built = buildActorCritic(
      {
        observation: { shape: spaces.obsShape, dtype: spaces.obsDtype, high: spaces.high },
        numActions: spaces.numActions,
        network: config.network,
      },
      this.rng.split(),
    );
    this.model = built.model;
    this.torso = built.torso;
    this.actor = new A2CActor(
      this.model,
      spaces.obsShape,
      spaces.numActions,
      this.rng.split(),
      config.numEnvs,
    );
    this.learner = new A2CLearner(this.model, spaces.obsShape, config);
    const obsSize = spaces.obsShape.reduce((a, b) => a * b, 1);
    this.collector = new RolloutCollector(env, this.actor, obsSize);
    this.buffer = new RolloutBuffer(
      config.nSteps,
      config.numEnvs,
      obsSize,
      spaces.obsDtype === 'uint8' ? 'uint8' : 'float32',
    );
    this.totalFrames = options.totalFrames;
  }

  get frames(): number {
    return this.framesDone;
  }
  get updates(): number {
    return this.updatesDone;
  }
  get episodes(): number {
    return this.episodesDone;
  }
  get config(): A2CConfig {
    return this.options.config;
  }

  async iterate(): Promise<IterationReport> {
    const { config } = this.options;
    if (!this.started) {
      // Env seeds come from the run's stream, so a resumed run reseeds reproducibly too.
      await this.collector.reset(this.rng.int(2 ** 31));
      this.started = true;
    }
    const buf = this.buffer;
    const episodes = await this.collector.collect(buf);
    const input = {
      numSteps: config.nSteps,
      numEnvs: config.numEnvs,
      rewards: shapeRewards(buf.rewards, config.rewardScale, config.rewardClip),
      values: buf.values,
      terminated: buf.terminated,
      truncated: buf.truncated,
      finalValues: buf.finalValues,
      lastValues: buf.lastValues,
      gamma: config.gamma,
    };
    const { advantages, returns } =
      config.gaeLambda === 1 ? nStepReturns(input) : gaeAdvantages(input, config.gaeLambda);
    this.learner.setProgressRemaining(1 - this.framesDone / Math.max(1, this.totalFrames));
    const metrics = this.learner.step({
      size: config.nSteps * config.numEnvs,
      obs: buf.obs,
      actions: buf.actions,
      returns,
      advantages,
      mask: buf.mask,
    });
    const frames = config.nSteps * config.numEnvs;
    this.framesDone += frames;
    this.updatesDone += 1;
    this.episodesDone += episodes.length;
    return { frames, episodes, metrics };
  }

  checkpointContents(): CheckpointContents {
    return {
      models: { [A2C_CHECKPOINT.model]: this.model },
      optimizers: { [A2C_CHECKPOINT.optimizer]: this.learner.optimizer },
      counters: { frames: this.framesDone, updates: this.updatesDone, episodes: this.episodesDone },
      rng: { [A2C_CHECKPOINT.rng]: this.rng.getState(), actor: this.actor.rng.getState() },
    };
  }

  async restore(checkpoint: LoadedCheckpoint): Promise<void> {
    const loaded = checkpoint.models[A2C_CHECKPOINT.model];
    if (!loaded)
      throw new Error(
        `checkpoint has no model '${A2C_CHECKPOINT.model}' (models: ${Object.keys(checkpoint.models).join(', ')})`,
      );
    const weights = loaded.getWeights();
    if (weights.length !== this.model.getWeights().length) {
      throw new Error(
        `checkpoint model has ${weights.length} weight tensors, this network ${this.model.getWeights().length}: different architecture`,
      );
    }
    this.model.setWeights(weights);
    // The optimizer slots are matched through the loaded model's weights: dispose it after.
    await checkpoint.restoreOptimizer(
      A2C_CHECKPOINT.optimizer,
      this.learner.optimizer,
      this.model.trainableWeights.map((w) => w.read() as tf.Variable),
    );
    loaded.dispose();
    const { counters, rng } = checkpoint.manifest;
    this.framesDone = counters.frames ?? 0;
    this.updatesDone = counters.updates ?? 0;
    this.episodesDone = counters.episodes ?? 0;
    if (rng[A2C_CHECKPOINT.rng]) this.rng.setState(rng[A2C_CHECKPOINT.rng] as RngState);
    if (rng.actor) this.actor.rng.setState(rng.actor);
    this.started = false;
  }

  async close(): Promise<void> {
    await this.options.env.close();
    this.learner.optimizer.dispose();
    this.model.dispose();
  }
}
