/**
 * The A2C config: one typed object, a doc line per field, defaults from OpenAI baselines /
 * stable-baselines3 (see REFERENCES.md "Reinforcement learning"), validated once by
 * `resolveA2CConfig`.
 */
import { checkBoolean, checkEnum, checkKeys, checkNumber } from '../core/config-check.js';
import { resolveNetworkConfig, type NetworkConfig } from '../networks/config.js';

export interface A2CConfig {
  /** Parallel environments; each update sees numEnvs * nSteps transitions (baselines: 16). */
  numEnvs: number;
  /** Steps per env between updates, the n of the n-step returns (baselines/SB3: 5). */
  nSteps: number;
  /** Discount factor. */
  gamma: number;
  /** GAE lambda; 1 gives the plain n-step returns of A2C (SB3's default for A2C). */
  gaeLambda: number;
  /** RMSProp learning rate (7e-4). */
  learningRate: number;
  /** 'linear' decays the learning rate to 0 over the run (baselines `lrschedule='linear'`). */
  lrSchedule: 'constant' | 'linear';
  /**
   * RMSProp discount of the squared-gradient average: tfjs `decay`, TF1 `decay`, PyTorch
   * `alpha`, Keras `rho` (0.99). See README "RMSProp" for the epsilon placement.
   */
  rmsDecay: number;
  /** RMSProp epsilon, added inside the square root as in TF1/baselines (1e-5). */
  rmsEpsilon: number;
  /** Entropy bonus coefficient (0.01). */
  entCoef: number;
  /** Value loss coefficient (0.5; rl-zoo Atari uses 0.25). */
  vfCoef: number;
  /** Global gradient-norm clip (0.5). */
  maxGradNorm: number;
  /**
   * Rewards are multiplied by this before returns are computed (episode statistics stay in raw
   * units). Pac-Man's +-500 rewards want ~0.01: A2C's defaults were tuned on clipped Atari
   * rewards in [-1, 1], and raw Pac-Man advantages swamp the entropy bonus at once.
   */
  rewardScale: number;
  /** Scaled rewards are clipped to [-rewardClip, rewardClip] (Atari's sign-like clipping); 0: off. */
  rewardClip: number;
  /** Normalize advantages per batch (SB3 A2C option, off by default). */
  normalizeAdvantage: boolean;
  /** Torso choice and CoordConv. */
  network: NetworkConfig;
}

export const DEFAULT_A2C_CONFIG: A2CConfig = {
  numEnvs: 16,
  nSteps: 5,
  gamma: 0.99,
  gaeLambda: 1,
  learningRate: 7e-4,
  lrSchedule: 'constant',
  rmsDecay: 0.99,
  rmsEpsilon: 1e-5,
  entCoef: 0.01,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  rewardScale: 1,
  rewardClip: 0,
  normalizeAdvantage: false,
  network: { torso: 'auto', coordConv: false },
};

const A2C_FIELDS = Object.keys(DEFAULT_A2C_CONFIG);

/** A partial config, as read from JSON or built by a CLI. */
export type A2CConfigInput = Partial<Omit<A2CConfig, 'network'>> & {
  network?: Partial<NetworkConfig>;
};

/** Merges `value` over the defaults and validates every field; errors name `a2c.<field>`. */
export function resolveA2CConfig(value: unknown = {}, path = 'a2c'): A2CConfig {
  const raw = checkKeys(path, value, A2C_FIELDS);
  const m = { ...DEFAULT_A2C_CONFIG, ...raw } as Record<string, unknown>;
  return {
    numEnvs: checkNumber(`${path}.numEnvs`, m.numEnvs, { integer: true, min: 1, max: 1024 }),
    nSteps: checkNumber(`${path}.nSteps`, m.nSteps, { integer: true, min: 1, max: 10_000 }),
    gamma: checkNumber(`${path}.gamma`, m.gamma, { min: 0, max: 1 }),
    gaeLambda: checkNumber(`${path}.gaeLambda`, m.gaeLambda, { min: 0, max: 1 }),
    learningRate: checkNumber(`${path}.learningRate`, m.learningRate, { above: 0, max: 1 }),
    lrSchedule: checkEnum(`${path}.lrSchedule`, m.lrSchedule, ['constant', 'linear'] as const),
    rmsDecay: checkNumber(`${path}.rmsDecay`, m.rmsDecay, { min: 0, max: 1 }),
    rmsEpsilon: checkNumber(`${path}.rmsEpsilon`, m.rmsEpsilon, { above: 0 }),
    entCoef: checkNumber(`${path}.entCoef`, m.entCoef, { min: 0 }),
    vfCoef: checkNumber(`${path}.vfCoef`, m.vfCoef, { min: 0 }),
    maxGradNorm: checkNumber(`${path}.maxGradNorm`, m.maxGradNorm, { above: 0 }),
    rewardScale: checkNumber(`${path}.rewardScale`, m.rewardScale, { above: 0 }),
    rewardClip: checkNumber(`${path}.rewardClip`, m.rewardClip, { min: 0 }),
    normalizeAdvantage: checkBoolean(`${path}.normalizeAdvantage`, m.normalizeAdvantage),
    network: resolveNetworkConfig(m.network, `${path}.network`),
  };
}
