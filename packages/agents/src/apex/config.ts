/**
 * The Ape-X DQN config: one typed object, a doc line per field, validated once by
 * `resolveApexConfig`. Paper values (Horgan et al. 2018, REFERENCES.md "Reinforcement
 * learning") are noted; where the CPU default differs, the field says why.
 */
import { ConfigError, checkEnum, checkKeys, checkNumber } from '../core/config-check.js';
import { resolveNetworkConfig, type NetworkConfig } from '../networks/config.js';

export const APEX_OPTIMIZERS = ['adam', 'rmsprop'] as const;
export type ApexOptimizer = (typeof APEX_OPTIMIZERS)[number];

export interface ApexConfig {
  // ---- actors
  /** Actor threads started by the learner process (local mode); 0 = actors only join remotely. */
  numActors: number;
  /**
   * N of the exploration schedule eps_i = epsilonBase^(1 + epsilonExponent * i / (N - 1)):
   * actor i (the lowest slot free when it joins; round robin when all are taken) explores with
   * eps_i. 0 = numActors, or 8 when there are no local actors (distributed runs): set it to
   * the total number of actors you expect.
   */
  epsilonSlots: number;
  /** Base of the schedule (0.4). */
  epsilonBase: number;
  /** Exponent span of the schedule (7). */
  epsilonExponent: number;
  /** Environments each actor steps together (one batched forward pass); the paper: 1. */
  envsPerActor: number;
  /** Transitions an actor buffers before sending them with their priorities (~50). */
  sendEvery: number;
  /** Actor steps (per env) between parameter pulls (the paper: ~400 frames). */
  paramsEvery: number;
  /** Experience batches an actor may have unacknowledged (back-pressure on a slow learner). */
  maxInFlight: number;
  /** Return length n of the n-step targets (3). */
  nSteps: number;
  /** Discount (0.99). */
  gamma: number;
  /** Rewards are multiplied by this before learning (Pac-Man's +-500 make 0.1 sensible); 1 = none. */
  rewardScale: number;
  /** Scaled rewards are clipped to [-rewardClip, rewardClip]; 0 = no clipping (DQN's Atari: 1). */
  rewardClip: number;
  // ---- replay
  /** Transitions kept (paper: 2M; CPU default 100k, about 2 x obs bytes each). */
  replayCapacity: number;
  /** Priority exponent (0.6). */
  alpha: number;
  /** Initial importance-sampling exponent, annealed linearly to 1 over the run (0.4). */
  beta: number;
  /** Added to |TD| in priorities (1e-6). */
  priorityEps: number;
  /** Transitions in replay before the learner starts (paper: 50k; CPU default 5k). */
  learningStarts: number;
  // ---- learner
  /** Transitions per update (paper: 512; CPU default 64, a quarter-second step on 2 cores). */
  batchSize: number;
  /** 'adam' (default) or 'rmsprop' (centred, the paper's). */
  optimizer: ApexOptimizer;
  /** Learning rate (Adam default 1e-4; the paper's RMSProp: 0.00025 / 4). */
  learningRate: number;
  /** Adam epsilon (1.5e-4 as Rainbow) or RMSProp epsilon (paper 1.5e-7). */
  optimizerEpsilon: number;
  /** Centred RMSProp decay (0.95). */
  rmsDecay: number;
  /** Global gradient-norm clip (40). */
  maxGradNorm: number;
  /**
   * Replay ratio limit: average times each transition is sampled (Acme/Reverb
   * `samples_per_insert`). When actors outrun the learner by more than this allows, their
   * acknowledgements are held so they pause. 0 = no limit (the paper: actors never wait).
   */
  samplesPerInsert: number;
  /** Learner updates between target-network syncs K (2500). */
  targetUpdateEvery: number;
  /** Learner updates between parameter publications P. */
  publishEvery: number;
  /** Torso choice and CoordConv. */
  network: NetworkConfig;
}

export const DEFAULT_APEX_CONFIG: ApexConfig = {
  numActors: 2,
  epsilonSlots: 0,
  epsilonBase: 0.4,
  epsilonExponent: 7,
  envsPerActor: 1,
  sendEvery: 50,
  paramsEvery: 400,
  maxInFlight: 4,
  nSteps: 3,
  gamma: 0.99,
  rewardScale: 1,
  rewardClip: 0,
  replayCapacity: 100_000,
  alpha: 0.6,
  beta: 0.4,
  priorityEps: 1e-6,
  learningStarts: 5_000,
  batchSize: 64,
  optimizer: 'adam',
  learningRate: 1e-4,
  optimizerEpsilon: 1.5e-4,
  rmsDecay: 0.95,
  maxGradNorm: 40,
  samplesPerInsert: 0,
  targetUpdateEvery: 2500,
  publishEvery: 25,
  network: { torso: 'auto', coordConv: false },
};

const APEX_FIELDS = Object.keys(DEFAULT_APEX_CONFIG);

export type ApexConfigInput = Partial<Omit<ApexConfig, 'network'>> & {
  network?: Partial<NetworkConfig>;
};

/** Merges `value` over the defaults and validates every field; errors name `apex.<field>`. */
export function resolveApexConfig(value: unknown = {}, path = 'apex'): ApexConfig {
  const raw = checkKeys(path, value, APEX_FIELDS);
  const m = { ...DEFAULT_APEX_CONFIG, ...raw } as Record<string, unknown>;
  const int = (k: string, min: number, max: number) =>
    checkNumber(`${path}.${k}`, m[k], { integer: true, min, max });
  const num = (k: string, rule: Parameters<typeof checkNumber>[2]) =>
    checkNumber(`${path}.${k}`, m[k], rule);
  const config: ApexConfig = {
    numActors: int('numActors', 0, 256),
    epsilonSlots: int('epsilonSlots', 0, 4096),
    epsilonBase: num('epsilonBase', { min: 0, max: 1 }),
    epsilonExponent: num('epsilonExponent', { min: 0 }),
    envsPerActor: int('envsPerActor', 1, 256),
    sendEvery: int('sendEvery', 1, 10_000),
    paramsEvery: int('paramsEvery', 1, 1e9),
    maxInFlight: int('maxInFlight', 1, 1024),
    nSteps: int('nSteps', 1, 1000),
    gamma: num('gamma', { min: 0, max: 1 }),
    rewardScale: num('rewardScale', { above: 0 }),
    rewardClip: num('rewardClip', { min: 0 }),
    replayCapacity: int('replayCapacity', 1, 2 ** 30),
    alpha: num('alpha', { min: 0 }),
    beta: num('beta', { min: 0, max: 1 }),
    priorityEps: num('priorityEps', { above: 0 }),
    learningStarts: int('learningStarts', 1, 2 ** 30),
    batchSize: int('batchSize', 1, 65_536),
    optimizer: checkEnum(`${path}.optimizer`, m.optimizer, APEX_OPTIMIZERS),
    learningRate: num('learningRate', { above: 0, max: 1 }),
    optimizerEpsilon: num('optimizerEpsilon', { above: 0 }),
    rmsDecay: num('rmsDecay', { min: 0, max: 1 }),
    maxGradNorm: num('maxGradNorm', { above: 0 }),
    samplesPerInsert: num('samplesPerInsert', { min: 0 }),
    targetUpdateEvery: int('targetUpdateEvery', 1, 1e9),
    publishEvery: int('publishEvery', 1, 1e9),
    network: resolveNetworkConfig(m.network, `${path}.network`),
  };
  if (config.learningStarts > config.replayCapacity) {
    throw new ConfigError(
      `${path}.learningStarts (${config.learningStarts}) must not exceed ${path}.replayCapacity (${config.replayCapacity})`,
    );
  }
  if (config.batchSize > config.replayCapacity) {
    throw new ConfigError(
      `${path}.batchSize (${config.batchSize}) must not exceed ${path}.replayCapacity (${config.replayCapacity})`,
    );
  }
  return config;
}

/**
 * Exploration of actor `i` of `n` (Horgan et al. 2018): eps_i = base^(1 + exponent i / (n - 1)),
 * so actor 0 explores with 0.4 and actor n-1 with 0.4^8 ~ 0.00066; a lone actor gets `base`.
 */
export function actorEpsilon(i: number, n: number, base = 0.4, exponent = 7): number {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`actorEpsilon: n must be an integer >= 1, got ${n}`);
  if (!Number.isInteger(i) || i < 0 || i >= n)
    throw new RangeError(`actorEpsilon: i must be an integer in [0, ${n - 1}], got ${i}`);
  if (n === 1) return base;
  return base ** (1 + (exponent * i) / (n - 1));
}
