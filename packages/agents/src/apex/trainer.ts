/**
 * Ape-X wired together (the "builder"): prioritized replay and the learner in this thread, an
 * `ApexServer` (ZeroMQ ROUTER) that actors join, and optionally local actor threads that
 * connect to it like any remote actor. Behind the `Trainer` role, so the shared training-run
 * shell gives Ape-X the same run directory, metrics, progress line, checkpoints and resume as
 * A2C. One `iterate()` = one learner update (or, while replay warms up, a short wait).
 *
 * Checkpoints hold the online and target networks, the optimizer, counters and RNG state; the
 * replay content is not saved (it would be gigabytes), so a resumed learner refills replay
 * from its actors before it updates again.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { tf, type CheckpointContents, type LoadedCheckpoint } from '@coordconv/backend';
import { Rng, type RngState } from '@coordconv/common';
import {
  Box,
  Discrete,
  makeEnvFromFactory,
  WireArray,
  type CurveServerOptions,
  type EnvFactory,
} from '@coordconv/gym';
import type { EpisodeRecord, IterationReport, Trainer } from '../core/roles.js';
import { buildDuelingQ } from '../networks/dueling-q.js';
import type { TorsoKind } from '../networks/config.js';
import { annealedBeta, PrioritizedReplay } from '../replay/prioritized-replay.js';
import { startActorThreads, type ActorThreads } from './actor-threads.js';
import type { ApexConfig } from './config.js';
import { ApexLearner } from './learner.js';
import { ApexServer, encodeParams, type PublishedParams } from './learner-server.js';
import type { ObsDtype } from './n-step.js';
import type { ActorSpec } from './protocol.js';
import type { ValidExperience } from './validate-experience.js';

export interface ApexTrainerOptions {
  /** Validated config (see `resolveApexConfig`). */
  config: ApexConfig;
  /** The environment every actor builds (module, exportName, args). */
  env: EnvFactory;
  seed: number;
  totalFrames: number;
  /** Where the learner listens; default `tcp://127.0.0.1:*` (a free loopback port). */
  listen?: string;
  /** Allow a non-loopback `listen` (distributed mode). */
  allowRemote?: boolean;
  curve?: CurveServerOptions;
  /** tfjs backend of the local actor threads (default: theirs, as initBackend picks). */
  actorBackend?: string;
  /** Longest wait of one `iterate()` for experience while replay warms up (ms, default 1000). */
  waitMs?: number;
  /** Actor reply timeout (ms, default 30 000), for local actor threads. */
  actorTimeoutMs?: number;
  log?: (message: string) => void;
}

/** Names under which Ape-X's parts are checkpointed. */
export const APEX_CHECKPOINT = {
  model: 'q_online',
  target: 'q_target',
  optimizer: 'optimizer',
  rng: 'learner',
} as const;

type ReplayFieldsOf = {
  obs: { size: number; dtype: ObsDtype };
  nextObs: { size: number; dtype: ObsDtype };
  action: { size: 1; dtype: 'int32' };
  ret: { size: 1; dtype: 'float32' };
  discount: { size: 1; dtype: 'float32' };
};

interface EnvFacts {
  obsShape: number[];
  obsDtype: ObsDtype;
  numActions: number;
}

/** Builds the env once to read its spaces; Ape-X needs Box observations and Discrete actions. */
async function probeEnv(factory: EnvFactory): Promise<EnvFacts> {
  const env = await makeEnvFromFactory(factory);
  try {
    const obs = env.observationSpace;
    const act = env.actionSpace;
    if (!(act instanceof Discrete) || act.start !== 0)
      throw new TypeError(
        `Ape-X needs a Discrete(n) action space starting at 0, got ${String(act)}`,
      );
    if (!(obs instanceof Box) || (obs.dtype !== 'float32' && obs.dtype !== 'uint8'))
      throw new TypeError(
        `Ape-X needs a float32 or uint8 Box observation space, got ${String(obs)}`,
      );
    return { obsShape: [...obs.shape], obsDtype: obs.dtype, numActions: act.n };
  } finally {
    await env.close();
  }
}

export class ApexTrainer implements Trainer {
  readonly algo = 'apex';
  readonly online: tf.LayersModel;
  readonly target: tf.LayersModel;
  readonly torso: TorsoKind;
  readonly learner: ApexLearner;
  readonly replay: PrioritizedReplay<ReplayFieldsOf>;
  totalFrames: number;
  private server: ApexServer | undefined;
  private actors: ActorThreads | undefined;
  private starting: Promise<void> | undefined;
  private readonly rng: Rng;
  private framesDone = 0;
  private paramsVersion = -1;
  private published: PublishedParams | undefined;
  private pendingFrames = 0;
  private pendingEpisodes: EpisodeRecord[] = [];
  private dataArrived: (() => void) | undefined;
  private updatesAtStart = 0;
  private insertedAtStart = 0;
  private readonly log: (m: string) => void;

  private constructor(
    private readonly options: ApexTrainerOptions,
    readonly facts: EnvFacts,
  ) {
    const { config } = options;
    this.rng = new Rng(options.seed);
    this.log = options.log ?? ((m) => process.stderr.write(`${m}\n`));
    const spec = {
      observation: { shape: facts.obsShape, dtype: facts.obsDtype },
      numActions: facts.numActions,
      network: config.network,
    };
    const built = buildDuelingQ(spec, this.rng.split());
    this.online = built.model;
    this.torso = built.torso;
    this.target = buildDuelingQ(spec, this.rng.split()).model;
    this.learner = new ApexLearner(this.online, this.target, facts.obsShape, config);
    const obsSize = facts.obsShape.reduce((a, b) => a * b, 1);
    this.replay = new PrioritizedReplay<ReplayFieldsOf>({
      capacity: config.replayCapacity,
      alpha: config.alpha,
      priorityEps: config.priorityEps,
      fields: {
        obs: { size: obsSize, dtype: facts.obsDtype },
        nextObs: { size: obsSize, dtype: facts.obsDtype },
        action: { size: 1, dtype: 'int32' },
        ret: { size: 1, dtype: 'float32' },
        discount: { size: 1, dtype: 'float32' },
      },
    });
    this.totalFrames = options.totalFrames;
  }

  static async create(options: ApexTrainerOptions): Promise<ApexTrainer> {
    return new ApexTrainer(options, await probeEnv(options.env));
  }

  get frames(): number {
    return this.framesDone;
  }
  get updates(): number {
    return this.learner.stepCount;
  }
  get config(): ApexConfig {
    return this.options.config;
  }
  /** The bound endpoint, once started. */
  get endpoint(): string | undefined {
    return this.server?.endpoint;
  }
  get serverStats() {
    return this.server?.stats;
  }
  get localActors(): ActorThreads | undefined {
    return this.actors;
  }

  /** Binds the endpoint, publishes the first parameters and starts the local actor threads. */
  start(): Promise<void> {
    this.starting ??= this.startNow();
    return this.starting;
  }

  private async startNow(): Promise<void> {
    const { config } = this.options;
    if (this.options.curve && config.numActors > 0 && !this.options.curve.publicKey) {
      throw new TypeError(
        'Ape-X with CURVE and local actors needs curve.publicKey too: the local actors connect with it',
      );
    }
    this.publish();
    this.updatesAtStart = this.learner.stepCount;
    this.insertedAtStart = this.replay.inserted;
    this.server = await ApexServer.start({
      endpoint: this.options.listen ?? 'tcp://127.0.0.1:*',
      allowRemote: this.options.allowRemote,
      curve: this.options.curve,
      actorSpec: (join) => this.actorSpec(join),
      epsilonSlots: config.epsilonSlots || config.numActors || 8,
      epsilonBase: config.epsilonBase,
      epsilonExponent: config.epsilonExponent,
      expectations: { ...this.facts, maxTransitions: Math.max(4096, 2 * config.sendEvery) },
      onExperience: (batch) => this.onExperience(batch),
      throttle: config.samplesPerInsert > 0 ? () => this.aheadOfLearner() : undefined,
      params: () => this.published,
      log: this.log,
    });
    if (config.numActors > 0) {
      this.actors = startActorThreads({
        connect: this.server.endpoint,
        count: config.numActors,
        curve: this.options.curve ? { serverKey: this.options.curve.publicKey ?? '' } : undefined,
        labelPrefix: 'local',
        backend: this.options.actorBackend,
        timeoutMs: this.options.actorTimeoutMs,
        log: this.log,
      });
    }
  }

  /**
   * True when actors have inserted more than `samplesPerInsert` allows for the updates done
   * since this learner started (plus a slack of max(1000, 4 batches) transitions).
   */
  private aheadOfLearner(): boolean {
    const { batchSize, samplesPerInsert, learningStarts } = this.options.config;
    const updates = this.learner.stepCount - this.updatesAtStart;
    const allowed =
      learningStarts +
      (updates * batchSize) / samplesPerInsert +
      Math.max(1000, (4 * batchSize) / samplesPerInsert);
    return this.replay.inserted - this.insertedAtStart > allowed;
  }

  private actorSpec(join: number): ActorSpec {
    const c = this.options.config;
    return {
      env: this.options.env,
      obsShape: this.facts.obsShape,
      obsDtype: this.facts.obsDtype,
      numActions: this.facts.numActions,
      network: c.network,
      nSteps: c.nSteps,
      gamma: c.gamma,
      rewardScale: c.rewardScale,
      rewardClip: c.rewardClip,
      envsPerActor: c.envsPerActor,
      sendEvery: c.sendEvery,
      paramsEvery: c.paramsEvery,
      maxInFlight: c.maxInFlight,
      seed: new Rng(`${this.options.seed}/actor/${join}/${this.paramsVersion}`).seed(),
    };
  }

  private onExperience(b: ValidExperience): void {
    this.replay.insert(
      { obs: b.obs, nextObs: b.nextObs, action: b.actions, ret: b.returns, discount: b.discounts },
      b.count,
      b.priorities,
    );
    this.pendingFrames += b.frames;
    for (const e of b.episodes) this.pendingEpisodes.push(e);
    this.dataArrived?.();
  }

  /** The online network's weights, encoded once, as the next parameter version. */
  private publish(): void {
    const weights = this.online
      .getWeights()
      .map((w) => new WireArray('float32', w.shape, w.dataSync() as Float32Array));
    this.paramsVersion++;
    this.published = encodeParams(this.paramsVersion, weights);
  }

  private async waitForData(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.dataArrived = done;
    });
    this.dataArrived = undefined;
  }

  private drain(): { frames: number; episodes: EpisodeRecord[] } {
    const out = { frames: this.pendingFrames, episodes: this.pendingEpisodes };
    this.framesDone += this.pendingFrames;
    this.pendingFrames = 0;
    this.pendingEpisodes = [];
    return out;
  }

  private statusMetrics(): Record<string, number> {
    const s = this.server?.stats;
    return {
      replaySize: this.replay.size,
      actors: this.server?.activeActors ?? 0,
      rejectedBatches: s?.rejectedBatches ?? 0,
      heldAcks: this.server?.heldCount ?? 0,
      paramsVersion: this.paramsVersion,
    };
  }

  async iterate(): Promise<IterationReport> {
    await this.start();
    const { config } = this.options;
    await yieldToLoop(); // let the socket deliver what arrived during the last update
    const needed = Math.max(config.learningStarts, config.batchSize);
    const deadline = performance.now() + (this.options.waitMs ?? 1000);
    while (this.replay.size < needed && performance.now() < deadline) {
      await this.waitForData(Math.max(1, deadline - performance.now()));
    }
    if (this.replay.size < needed) {
      this.server?.releaseHeld();
      const { frames, episodes } = this.drain();
      return { frames, episodes, metrics: this.statusMetrics() };
    }
    const beta = annealedBeta(config.beta, this.framesDone / Math.max(1, this.totalFrames));
    const s = this.replay.sample(config.batchSize, this.rng, beta);
    const metrics = this.learner.step({
      size: s.count,
      obs: s.data.obs,
      nextObs: s.data.nextObs,
      actions: s.data.action,
      returns: s.data.ret,
      discounts: s.data.discount,
      weights: s.weights,
    });
    this.replay.updatePriorities(s.ids, this.learner.lastTdAbs);
    if (this.learner.stepCount % config.publishEvery === 0) this.publish();
    this.server?.releaseHeld();
    const { frames, episodes } = this.drain();
    return { frames, episodes, metrics: { ...metrics, beta, ...this.statusMetrics() } };
  }

  checkpointContents(): CheckpointContents {
    return {
      models: { [APEX_CHECKPOINT.model]: this.online, [APEX_CHECKPOINT.target]: this.target },
      optimizers: { [APEX_CHECKPOINT.optimizer]: this.learner.optimizer },
      counters: {
        frames: this.framesDone,
        updates: this.learner.stepCount,
        paramsVersion: this.paramsVersion,
        replayInserted: this.replay.inserted,
      },
      rng: { [APEX_CHECKPOINT.rng]: this.rng.getState() },
      extra: { replay: 'not saved: a resumed learner refills replay from its actors' },
    };
  }

  async restore(checkpoint: LoadedCheckpoint): Promise<void> {
    try {
      for (const [name, model] of [
        [APEX_CHECKPOINT.model, this.online],
        [APEX_CHECKPOINT.target, this.target],
      ] as const) {
        const loaded = checkpoint.models[name];
        if (!loaded) {
          throw new Error(
            `checkpoint has no model '${name}' (models: ${Object.keys(checkpoint.models).join(', ')}); is it an Ape-X run?`,
          );
        }
        const weights = loaded.getWeights();
        if (weights.length !== model.getWeights().length) {
          throw new Error(
            `checkpoint model '${name}' has ${weights.length} weight tensors, this network ${model.getWeights().length}: different architecture`,
          );
        }
        model.setWeights(weights);
      }
      // Before the loaded models are disposed: slots are matched through their weights.
      await checkpoint.restoreOptimizer(
        APEX_CHECKPOINT.optimizer,
        this.learner.optimizer,
        this.online.trainableWeights.map((w) => w.read() as tf.Variable),
      );
    } finally {
      for (const m of Object.values(checkpoint.models)) m.dispose();
    }
    const { counters, rng } = checkpoint.manifest;
    this.framesDone = counters.frames ?? 0;
    this.learner.setSteps(counters.updates ?? 0);
    this.paramsVersion = counters.paramsVersion ?? -1;
    this.updatesAtStart = this.learner.stepCount; // the replay ratio counts from here
    this.insertedAtStart = this.replay.inserted;
    if (rng[APEX_CHECKPOINT.rng]) this.rng.setState(rng[APEX_CHECKPOINT.rng] as RngState);
    if (this.server) this.publish();
  }

  async close(): Promise<void> {
    await this.actors?.stop();
    await this.server?.close();
    this.learner.dispose();
    this.online.dispose();
    this.target.dispose();
  }
}
