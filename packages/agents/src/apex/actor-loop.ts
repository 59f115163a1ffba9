/**
 * One Ape-X actor process or thread (Horgan et al. 2018, algorithm 1): join the learner, pull
 * parameters, then step its environments epsilon-greedily, build n-step transitions with
 * initial priorities, and send them every `sendEvery` transitions; pull newer parameters every
 * `paramsEvery` steps. Losing the learner (timeout, restart) is not an error: the actor opens
 * a fresh link, says hello again and carries on with its environments where they were.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { hostname } from 'node:os';
import { tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import {
  BridgeClosed,
  BridgeTimeout,
  WireArray,
  type CurveClientOptions,
  type Env,
  type Info,
} from '@coordconv/gym';
import { shapeReward } from '../core/rewards.js';
import { ApexActor, maxRow } from './actor.js';
import { ActorLink, ApexRemoteError } from './actor-link.js';
import {
  buildActorParts,
  defaultEnvModuleAllowed,
  disposeActorParts,
  partsKey,
  type ActorParts,
} from './actor-envs.js';
import { allocObs, ExperienceBuffer, NStepAccumulator, type ObsArray } from './n-step.js';
import {
  APEX_PROTOCOL_VERSION,
  type EpisodeReport,
  type ParamsReply,
  type WelcomeReply,
} from './protocol.js';

export interface RunActorOptions {
  /** The learner, e.g. `tcp://10.0.0.5:5600`. */
  connect: string;
  curve?: CurveClientOptions;
  /** Shown in the learner's log. */
  label?: string;
  /** Polled every step; the actor says bye and returns once set. */
  stop?: { readonly stopped: boolean };
  /** Reply timeout (ms, default 30 000): longer than the learner's slowest update. */
  timeoutMs?: number;
  /** Pause before reconnecting after losing the learner (ms, default 1000). */
  retryMs?: number;
  /** Which env modules the learner may make this actor import (default: @coordconv/*). */
  allowEnvModule?: (module: string) => boolean;
  log?: (message: string) => void;
}

export interface ActorStats {
  frames: number;
  transitionsSent: number;
  batchesRejected: number;
  episodes: number;
  /** Parameter version in use. */
  version: number;
  /** Times the actor (re)joined the learner. */
  joins: number;
}

/** Losing the learner: reconnect. Anything else (a bad env spec, a bug) ends the actor. */
function isLinkLoss(err: unknown): boolean {
  return (
    err instanceof BridgeTimeout ||
    err instanceof BridgeClosed ||
    (err instanceof ApexRemoteError &&
      (err.type === 'UnknownSession' || err.type === 'ServerClosing'))
  );
}

export async function runActor(options: RunActorOptions): Promise<ActorStats> {
  const stop = options.stop ?? { stopped: false };
  const log = options.log ?? (() => {});
  const label = options.label ?? `${hostname()}/${process.pid}`;
  const stats: ActorStats = {
    frames: 0,
    transitionsSent: 0,
    batchesRejected: 0,
    episodes: 0,
    version: -1,
    joins: 0,
  };
  let parts: ActorParts | undefined;
  let session: ActorSession | undefined;
  try {
    while (!stop.stopped) {
      const link = new ActorLink(options.connect, {
        curve: options.curve,
        timeoutMs: options.timeoutMs,
      });
      // A stop while waiting on the learner (e.g. it is gone) must not wait out the timeout:
      // after a short grace for the normal path (finish the step, say bye), close the link.
      let stopSeen = 0;
      const watch = setInterval(() => {
        if (!stop.stopped) return;
        stopSeen ||= Date.now();
        if (Date.now() - stopSeen > 1500) void link.close();
      }, 100);
      try {
        const welcome = (await link.request({
          type: 'hello',
          protocol: APEX_PROTOCOL_VERSION,
          actor: label,
        })) as WelcomeReply;
        stats.joins++;
        const rng = new Rng(welcome.spec.seed);
        if (!parts || parts.key !== partsKey(welcome.spec)) {
          await disposeActorParts(parts);
          parts = undefined;
          parts = await buildActorParts(
            welcome.spec,
            rng.split(),
            options.allowEnvModule ?? defaultEnvModuleAllowed,
          );
          session = new ActorSession(parts, rng, stats);
        }
        log(
          `apex actor ${label}: joined ${options.connect} as actor ${welcome.actorIndex} (epsilon ${welcome.epsilon.toPrecision(3)})`,
        );
        await (session as ActorSession).run(link, welcome, stop);
        await link.request({ type: 'bye', session: welcome.session }, 2000).catch(() => undefined);
      } catch (err) {
        if (!isLinkLoss(err)) throw err;
        if (stop.stopped) break;
        log(`apex actor ${label}: lost the learner (${(err as Error).message}); reconnecting`);
        await sleep(options.retryMs ?? 1000);
      } finally {
        clearInterval(watch);
        await link.close();
      }
    }
  } finally {
    await disposeActorParts(parts);
  }
  return stats;
}

/** The actor's envs, accumulators and outgoing buffer; survives reconnects. */
class ActorSession {
  private readonly actor: ApexActor;
  private readonly E: number;
  private readonly obsSize: number;
  private readonly obs: ObsArray;
  private readonly acc: NStepAccumulator[];
  private readonly buffer: ExperienceBuffer;
  private readonly epReturn: Float64Array;
  private readonly epLength: Int32Array;
  private episodes: EpisodeReport[] = [];
  private framesSinceSend = 0;
  private started = false;

  constructor(
    private readonly parts: ActorParts,
    private readonly rng: Rng,
    private readonly stats: ActorStats,
  ) {
    const { spec } = parts;
    this.E = spec.envsPerActor;
    this.obsSize = spec.obsShape.reduce((a, b) => a * b, 1);
    this.actor = new ApexActor(parts.model, spec.obsShape, spec.numActions, 1, rng.split());
    this.obs = allocObs(spec.obsDtype, this.E * this.obsSize);
    this.acc = Array.from(
      { length: this.E },
      () => new NStepAccumulator(spec.nSteps, spec.gamma, this.obsSize, spec.obsDtype),
    );
    this.buffer = new ExperienceBuffer(
      spec.sendEvery + this.E * (spec.nSteps + 1),
      this.obsSize,
      spec.obsDtype,
    );
    this.epReturn = new Float64Array(this.E);
    this.epLength = new Int32Array(this.E);
  }

  private async resetEnv(i: number): Promise<void> {
    const [obs] = await (this.parts.envs[i] as Env).reset({ seed: this.rng.int(2 ** 31) });
    this.obs.set(obs as ArrayLike<number>, i * this.obsSize);
    this.epReturn[i] = 0;
    this.epLength[i] = 0;
  }

  /** Steps and sends until `stop`; throws on losing the learner. */
  async run(
    link: ActorLink,
    welcome: WelcomeReply,
    stop: { readonly stopped: boolean },
  ): Promise<void> {
    const { spec } = this.parts;
    const { E, obsSize } = this;
    const A = spec.numActions;
    this.actor.epsilon = welcome.epsilon;
    // Fresh parameters before acting (a rejoin may find a restarted learner at another version).
    await this.pullParams(link, welcome.session, -1, stop);
    if (!this.started) {
      for (let i = 0; i < E; i++) await this.resetEnv(i);
      this.started = true;
    }
    const inFlight: Promise<void>[] = [];
    let failure: unknown;
    let stepsSincePull = 0;
    const send = async () => {
      const b = this.buffer.take();
      const header = {
        type: 'experience',
        session: welcome.session,
        version: this.stats.version,
        frames: this.framesSinceSend,
        episodes: this.episodes,
        obs: new WireArray(spec.obsDtype, [b.count, ...spec.obsShape], b.obs),
        nextObs: new WireArray(spec.obsDtype, [b.count, ...spec.obsShape], b.nextObs),
        actions: b.actions,
        returns: b.returns,
        discounts: b.discounts,
        priorities: b.priorities,
      };
      this.framesSinceSend = 0;
      this.episodes = [];
      const p = link.request(header).then(
        () => void (this.stats.transitionsSent += b.count),
        (err: unknown) => {
          if (err instanceof ApexRemoteError && err.type === 'Rejected')
            this.stats.batchesRejected++;
          else failure ??= err;
        },
      );
      inFlight.push(p);
      while (inFlight.length >= spec.maxInFlight) await inFlight.shift();
    };
    while (!stop.stopped) {
      if (failure) throw failure;
      const q = await this.actor.qValues(this.obs, E);
      for (let i = 0; i < E; i++) {
        const acc = this.acc[i] as NStepAccumulator;
        if (acc.full)
          acc.bootstrap(
            this.obs.subarray(i * obsSize, (i + 1) * obsSize),
            maxRow(q, i, A),
            this.buffer,
          );
      }
      const actions = this.actor.epsilonGreedy(q, E);
      const truncatedFinals: { i: number; obs: ArrayLike<number> }[] = [];
      for (let i = 0; i < E; i++) {
        const a = actions[i] as number;
        const [next, reward, terminated, truncated, info] = await (this.parts.envs[i] as Env).step(
          a,
        );
        this.epReturn[i]! += reward;
        this.epLength[i]! += 1;
        const here = this.obs.subarray(i * obsSize, (i + 1) * obsSize);
        (this.acc[i] as NStepAccumulator).push(
          here,
          a,
          shapeReward(reward, this.parts.spec.rewardScale, this.parts.spec.rewardClip),
          q[i * A + a] as number,
        );
        if (terminated || truncated) {
          const report: EpisodeReport = {
            return: this.epReturn[i] as number,
            length: this.epLength[i] as number,
          };
          const win = (info as Info).win;
          if (typeof win === 'boolean') report.win = win;
          this.episodes.push(report);
          this.stats.episodes++;
          if (terminated) {
            (this.acc[i] as NStepAccumulator).endEpisode(
              next as ArrayLike<number>,
              true,
              0,
              this.buffer,
            );
            await this.resetEnv(i);
          } else {
            truncatedFinals.push({ i, obs: (next as ObsArray).slice() });
          }
        } else {
          this.obs.set(next as ArrayLike<number>, i * obsSize);
        }
      }
      if (truncatedFinals.length > 0) await this.endTruncated(truncatedFinals);
      this.stats.frames += E;
      this.framesSinceSend += E;
      if (this.buffer.count >= spec.sendEvery) await send();
      if (++stepsSincePull >= spec.paramsEvery) {
        stepsSincePull = 0;
        await this.pullParams(link, welcome.session, this.stats.version, stop);
      }
    }
    await Promise.all(inFlight);
  }

  /** Truncated episodes bootstrap from their final observation: one batched forward pass. */
  private async endTruncated(finals: { i: number; obs: ArrayLike<number> }[]): Promise<void> {
    const { obsSize } = this;
    const batch = allocObs(this.parts.spec.obsDtype, finals.length * obsSize);
    finals.forEach((f, k) => batch.set(f.obs, k * obsSize));
    const q = await this.actor.qValues(batch, finals.length);
    for (let k = 0; k < finals.length; k++) {
      const { i, obs } = finals[k]!;
      (this.acc[i] as NStepAccumulator).endEpisode(
        obs,
        false,
        maxRow(q, k, this.parts.spec.numActions),
        this.buffer,
      );
      await this.resetEnv(i);
    }
  }

  /** Asks for parameters newer than `have`; with none published yet, waits for the first. */
  private async pullParams(
    link: ActorLink,
    session: string,
    have: number,
    stop: { readonly stopped: boolean },
  ): Promise<void> {
    for (;;) {
      const reply = (await link.request({ type: 'params', session, have })) as ParamsReply;
      if (reply.weights !== undefined) {
        this.setWeights(reply.weights);
        this.stats.version = reply.version;
        return;
      }
      if (have >= 0 || stop.stopped) return;
      await sleep(200);
    }
  }

  private setWeights(weights: unknown[]): void {
    const model = this.parts.model;
    const expected = model.getWeights();
    if (weights.length !== expected.length) {
      throw new Error(
        `apex actor: the learner sent ${weights.length} weight arrays, this network has ${expected.length}`,
      );
    }
    const tensors = weights.map((w, k) => {
      const want = expected[k]!.shape;
      if (!(w instanceof WireArray) || w.dtype !== 'float32' || w.shape.join() !== want.join()) {
        throw new Error(`apex actor: weight ${k} should be float32 [${want.join(', ')}]`);
      }
      return tf.tensor(w.data as Float32Array, want, 'float32');
    });
    model.setWeights(tensors);
    tf.dispose(tensors);
  }
}
