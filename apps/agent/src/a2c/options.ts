/**
 * The A2C flags of `agent:train` and their mapping onto `A2CConfig`. Flags whose default
 * differs between algorithms (--n-steps, --gamma, --lr, --max-grad-norm, --reward-scale) have
 * none here: the algorithm's own default applies when they are not given.
 */
import { DEFAULT_A2C_CONFIG as D, resolveA2CConfig, type A2CConfig } from '@coordconv/agents';

export const A2C_OPTIONS = {
  envs: { type: 'int', default: D.numEnvs, min: 1, max: 1024, help: 'a2c: parallel environments' },
  workers: {
    type: 'int',
    default: 1,
    min: 0,
    max: 64,
    help: 'a2c: worker threads stepping the envs (0: the main thread)',
  },
  nSteps: {
    type: 'int',
    min: 1,
    help: `steps per env between updates / n of the n-step targets (a2c ${D.nSteps})`,
  },
  gamma: { type: 'float', min: 0, max: 1, help: `discount (a2c ${D.gamma})` },
  lr: { type: 'float', min: 0, help: `learning rate (a2c RMSProp ${D.learningRate})` },
  maxGradNorm: { type: 'float', min: 0, help: `global gradient-norm clip (a2c ${D.maxGradNorm})` },
  rewardScale: {
    type: 'float',
    min: 0,
    help: 'rewards are multiplied by this (a2c: 0.1 on Pac-Man, else 1)',
  },
  rewardClip: {
    type: 'float',
    min: 0,
    help: 'clip scaled rewards to +-this, 0: off (a2c: 1 on Pac-Man, else off)',
  },
  gaeLambda: {
    type: 'float',
    default: D.gaeLambda,
    min: 0,
    max: 1,
    help: 'a2c: GAE lambda (1: plain n-step returns)',
  },
  entCoef: { type: 'float', default: D.entCoef, min: 0, help: 'a2c: entropy bonus coefficient' },
  vfCoef: { type: 'float', default: D.vfCoef, min: 0, help: 'a2c: value loss coefficient' },
  lrSchedule: {
    type: 'enum',
    choices: ['constant', 'linear'],
    default: D.lrSchedule,
    help: 'a2c: learning-rate schedule',
  },
  normalizeAdvantage: { type: 'boolean', help: 'a2c: normalize advantages per batch' },
} as const;

export interface A2CCliValues {
  envs: number;
  workers: number;
  nSteps?: number;
  gamma?: number;
  lr?: number;
  maxGradNorm?: number;
  rewardScale?: number;
  rewardClip?: number;
  gaeLambda: number;
  entCoef: number;
  vfCoef: number;
  lrSchedule: 'constant' | 'linear';
  normalizeAdvantage: boolean;
  coordconv: boolean;
  torso: 'auto' | 'mlp' | 'grid' | 'grid-small' | 'nature';
}

/**
 * Pac-Man's rewards as A2C sees them: scaled by 0.1 and clipped to +-1 (food 0.9, a step -0.1,
 * caught -1), the Atari recipe A2C's defaults were tuned with. Unclipped (+-500 -> +-5), the
 * agent mostly learns to be caught later and its score does not beat the random policy's
 * within the demo budget (see the README). Other envs keep their rewards.
 */
export const PACMAN_REWARD_SCALE = 0.1;
export const PACMAN_REWARD_CLIP = 1;

export function a2cConfigFromCli(v: A2CCliValues, pacman: boolean): A2CConfig {
  return resolveA2CConfig({
    numEnvs: v.envs,
    nSteps: v.nSteps ?? D.nSteps,
    gamma: v.gamma ?? D.gamma,
    learningRate: v.lr ?? D.learningRate,
    maxGradNorm: v.maxGradNorm ?? D.maxGradNorm,
    rewardScale: v.rewardScale ?? (pacman ? PACMAN_REWARD_SCALE : 1),
    rewardClip: v.rewardClip ?? (pacman ? PACMAN_REWARD_CLIP : D.rewardClip),
    gaeLambda: v.gaeLambda,
    entCoef: v.entCoef,
    vfCoef: v.vfCoef,
    lrSchedule: v.lrSchedule,
    normalizeAdvantage: v.normalizeAdvantage,
    network: { torso: v.torso, coordConv: v.coordconv },
  });
}
