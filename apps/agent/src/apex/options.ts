/**
 * The Ape-X options of `agent:train --algo apex` (apex-only flags; the environment, run
 * directory and seed options are shared with A2C) and their mapping onto `ApexConfig`.
 */
import { DEFAULT_APEX_CONFIG as D, resolveApexConfig, type ApexConfig } from '@coordconv/agents';

export const APEX_OPTIONS = {
  actors: {
    type: 'int',
    default: D.numActors,
    min: 0,
    help: 'local actor threads (0: only remote actors via agent:actor)',
  },
  listen: {
    type: 'string',
    help: 'where the learner listens for actors, e.g. tcp://0.0.0.0:5600 (default: a free loopback port; non-loopback only when given here)',
  },
  curve: {
    type: 'boolean',
    help: 'encrypt actor traffic with CURVE; keys in OUT/curve.json, actors need --server-key (printed)',
  },
  epsilonSlots: {
    type: 'int',
    default: D.epsilonSlots,
    min: 0,
    help: 'N of eps_i = 0.4^(1 + 7 i / (N - 1)): all actors you expect (0: --actors, or 8 with --actors 0)',
  },
  envsPerActor: {
    type: 'int',
    default: D.envsPerActor,
    min: 1,
    help: 'envs each actor steps together',
  },
  sendEvery: {
    type: 'int',
    default: D.sendEvery,
    min: 1,
    help: 'transitions an actor buffers before sending',
  },
  paramsEvery: {
    type: 'int',
    default: D.paramsEvery,
    min: 1,
    help: 'actor steps between parameter pulls',
  },
  nSteps: { type: 'int', default: D.nSteps, min: 1, help: 'n of the n-step targets' },
  gamma: { type: 'float', default: D.gamma, min: 0, max: 1, help: 'discount' },
  rewardScale: {
    type: 'float',
    default: 0.1,
    min: 0,
    help: 'rewards are multiplied by this (Pac-Man +-500: 0.1)',
  },
  rewardClip: {
    type: 'float',
    default: 1,
    min: 0,
    help: 'clip scaled rewards to +-this, 0: off (apex 1, as DQN; Pac-Man: food 0.9, step -0.1, caught -1)',
  },
  replayCapacity: {
    type: 'int',
    default: D.replayCapacity,
    min: 1,
    help: 'replay transitions (paper: 2M)',
  },
  learningStarts: {
    type: 'int',
    default: D.learningStarts,
    min: 1,
    help: 'replay size before the first update',
  },
  alpha: { type: 'float', default: D.alpha, min: 0, help: 'priority exponent' },
  beta: {
    type: 'float',
    default: D.beta,
    min: 0,
    max: 1,
    help: 'initial importance-sampling exponent (annealed to 1)',
  },
  batchSize: { type: 'int', default: D.batchSize, min: 1, help: 'learner batch (paper: 512)' },
  optimizer: {
    type: 'enum',
    choices: ['adam', 'rmsprop'],
    default: D.optimizer,
    help: 'adam or centred rmsprop',
  },
  lr: { type: 'float', default: D.learningRate, min: 0, help: 'learning rate' },
  maxGradNorm: { type: 'float', default: D.maxGradNorm, min: 0, help: 'global gradient-norm clip' },
  samplesPerInsert: {
    type: 'float',
    default: D.samplesPerInsert,
    min: 0,
    help: 'replay ratio limit: actors pause while each transition would be sampled fewer times than this (0: no limit)',
  },
  targetUpdate: {
    type: 'int',
    default: D.targetUpdateEvery,
    min: 1,
    help: 'updates between target-network syncs',
  },
  publishEvery: {
    type: 'int',
    default: D.publishEvery,
    min: 1,
    help: 'updates between parameter publications',
  },
} as const;

export interface ApexCliValues {
  actors: number;
  epsilonSlots: number;
  envsPerActor: number;
  sendEvery: number;
  paramsEvery: number;
  nSteps?: number;
  gamma?: number;
  rewardScale?: number;
  rewardClip?: number;
  replayCapacity: number;
  learningStarts: number;
  alpha: number;
  beta: number;
  batchSize: number;
  optimizer: 'adam' | 'rmsprop';
  lr?: number;
  maxGradNorm?: number;
  samplesPerInsert: number;
  targetUpdate: number;
  publishEvery: number;
  torso: string;
  coordConv: boolean;
}

/** Flags shared with other algorithms may arrive undefined: Ape-X's defaults apply then. */
export function apexConfigFromCli(v: ApexCliValues): ApexConfig {
  return resolveApexConfig({
    numActors: v.actors,
    epsilonSlots: v.epsilonSlots,
    envsPerActor: v.envsPerActor,
    sendEvery: v.sendEvery,
    paramsEvery: v.paramsEvery,
    nSteps: v.nSteps ?? D.nSteps,
    gamma: v.gamma ?? D.gamma,
    rewardScale: v.rewardScale ?? 0.1,
    rewardClip: v.rewardClip ?? 1,
    replayCapacity: v.replayCapacity,
    learningStarts: v.learningStarts,
    alpha: v.alpha,
    beta: v.beta,
    batchSize: v.batchSize,
    optimizer: v.optimizer,
    learningRate: v.lr ?? D.learningRate,
    maxGradNorm: v.maxGradNorm ?? D.maxGradNorm,
    samplesPerInsert: v.samplesPerInsert,
    targetUpdateEvery: v.targetUpdate,
    publishEvery: v.publishEvery,
    network: { torso: v.torso, coordConv: v.coordConv },
  });
}
