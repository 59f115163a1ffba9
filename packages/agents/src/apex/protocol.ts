/**
 * The Ape-X wire protocol between actors and the learner, on ZeroMQ: actors hold a DEALER,
 * the learner a ROUTER. Every message is one header encoded with the gym bridge's codec
 * (`encodeMessage`: JSON frame 0, arrays as raw little-endian frames), so the same limits and
 * validation apply. Each actor request carries an `id` (increasing per connection); each reply
 * echoes it with either `ok` or `error: {type, message}`.
 *
 *   hello       -> ok {session, actorIndex, epsilon, spec}       join (or rejoin) the run
 *   experience  -> ok {accepted, version} | error Rejected        n-step transitions + priorities
 *   params      -> ok {version, weights?}                         weights when newer than `have`
 *   bye         -> ok {}                                          leaving; frees the epsilon slot
 *
 * Experience from an unknown session (e.g. sent to a learner that restarted since the hello)
 * gets `error UnknownSession`, and the actor says hello again. Parameters are pulled, not
 * pushed: an actor asks every `paramsEvery` steps, the learner answers with the newest version
 * (encoded once per version and shared by every actor).
 */
import type { EnvFactory } from '@coordconv/gym';
import type { NetworkConfig } from '../networks/config.js';
import type { ObsDtype } from './n-step.js';

export const APEX_PROTOCOL_VERSION = 1;

/** Error types in `{error: {type}}` replies. */
export const APEX_ERROR_TYPES = [
  'BadRequest',
  'Rejected',
  'UnknownSession',
  'UnsupportedVersion',
  'ServerClosing',
] as const;
export type ApexErrorType = (typeof APEX_ERROR_TYPES)[number];

/** What an actor needs to build its envs and network and to shape its experience. */
export interface ActorSpec {
  /** The environment every actor builds (a gym EnvFactory: module, exportName, args). */
  env: EnvFactory;
  obsShape: number[];
  obsDtype: ObsDtype;
  numActions: number;
  network: NetworkConfig;
  nSteps: number;
  gamma: number;
  rewardScale: number;
  rewardClip: number;
  envsPerActor: number;
  sendEvery: number;
  paramsEvery: number;
  maxInFlight: number;
  /** Seed for this actor's exploration and env resets. */
  seed: number;
}

export interface HelloRequest {
  type: 'hello';
  id: number;
  protocol: number;
  /** Free text for logs (host/pid/thread). */
  actor: string;
}

export interface WelcomeReply {
  session: string;
  actorIndex: number;
  epsilon: number;
  spec: ActorSpec;
  /** The learner's current parameter version (-1 before the first publication). */
  version: number;
}

/** One finished episode as actors report it. */
export interface EpisodeReport {
  return: number;
  length: number;
  win?: boolean;
}

export interface ParamsReply {
  version: number;
  /** Present when `version` is newer than the actor's `have`: the model's weights in order. */
  weights?: unknown[];
}

/** Largest experience batch a learner accepts (transitions), whatever sendEvery says. */
export const MAX_TRANSITIONS_PER_BATCH = 4096;
/** Largest episode list in one experience message. */
export const MAX_EPISODES_PER_BATCH = 1024;
