/**
 * One typed config for a GAN run: architecture, where CoordConv goes, optimizer and schedule.
 * Defaults follow DCGAN (Radford et al.: Adam 2e-4, beta1 0.5, init N(0, 0.02)) sized for a
 * ~15-minute CPU budget; `paperGanConfig()` gives the CoordConv authors' settings (REFERENCES.md).
 */
import { SCENE_PRESETS, type ScenePreset } from '../dataset/scene-config.js';

/** `dcgan`: DCGAN generator (dense + stride-2 transposed convs); `paper-coordconv`: the authors' CoordConv generator (tiled z + coordinates, 1x1 convs). */
export type GanArch = 'dcgan' | 'paper-coordconv';
export const GAN_ARCHS: readonly GanArch[] = ['dcgan', 'paper-coordconv'];

/** Where CoordConv goes: generator, discriminator, both or neither. */
export type CoordConvPlacement = 'g' | 'd' | 'both' | 'none';
export const COORDCONV_PLACEMENTS: readonly CoordConvPlacement[] = ['g', 'd', 'both', 'none'];

export interface GanConfig {
  arch: GanArch;
  /** CoordConv in G (AddCoords before every transposed conv), in D (before the first conv), both or none. */
  coordconv: CoordConvPlacement;
  /** Scene preset of the training data. */
  preset: ScenePreset;
  /** Image side: 32 or 64 (the presets' geometry is rescaled). */
  imageSize: 32 | 64;
  /** Latent size; z ~ U(-1, 1). */
  zDim: number;
  /** Base channel count: DCGAN's 64 gives G 512-256-128-64 at 64x64; the authors' G scales 512..64 by width/64. */
  width: number;
  /** Kernel side of the stride-2 (transposed) convs: 4 (our benchmark) or 5 (DCGAN, the authors). */
  kernelSize: number;
  /** Batch norm after G's dense layer: per channel after the reshape, or per feature (the authors' count of 6,428,675 implies per feature). */
  denseBatchNorm: 'channel' | 'feature';
  batchSize: number;
  /** Generator steps after each discriminator step: 2 as the authors did, or 1. */
  gStepsPerD: 1 | 2;
  /** Adam learning rates and betas. */
  lrG: number;
  lrD: number;
  beta1: number;
  beta2: number;
  /** Seed of everything: weights, data stream, noise, fixed sample z. */
  seed: number;
}

export const DEFAULT_GAN_CONFIG: GanConfig = {
  arch: 'dcgan',
  coordconv: 'both',
  preset: 'paper',
  imageSize: 32,
  zDim: 256,
  width: 16,
  kernelSize: 4,
  denseBatchNorm: 'channel',
  batchSize: 32,
  gStepsPerD: 1,
  lrG: 2e-4,
  lrD: 2e-4,
  beta1: 0.5,
  beta2: 0.999,
  seed: 0,
};

/** The CoordConv authors' GAN settings at 64x64 (batch 16, lr G 1e-4 / D 5e-4, one D step then two G steps, 5x5 kernels). */
export function paperGanConfig(overrides: Partial<GanConfig> = {}): GanConfig {
  return resolveGanConfig({
    arch: 'paper-coordconv',
    coordconv: 'both',
    imageSize: 64,
    width: 64,
    kernelSize: 5,
    denseBatchNorm: 'feature',
    batchSize: 16,
    gStepsPerD: 2,
    lrG: 1e-4,
    lrD: 5e-4,
    ...overrides,
  });
}

/** A bad GAN config: names the field, the value and what is allowed. */
export class GanConfigError extends Error {
  override name = 'GanConfigError';
}

function oneOf<T>(field: string, v: unknown, allowed: readonly T[]): void {
  if (!allowed.includes(v as T)) {
    throw new GanConfigError(
      `gan config ${field}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`,
    );
  }
}

function intIn(field: string, v: unknown, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new GanConfigError(
      `gan config ${field}: expected an integer in [${min}, ${max}], got ${JSON.stringify(v)}`,
    );
  }
}

function positive(field: string, v: unknown, max = Infinity): void {
  if (typeof v !== 'number' || !(v > 0) || !(v < max)) {
    throw new GanConfigError(
      `gan config ${field}: expected a number in (0, ${max}), got ${JSON.stringify(v)}`,
    );
  }
}

/** Defaults merged with overrides, validated. Unknown keys are rejected. */
export function resolveGanConfig(overrides: Partial<GanConfig> = {}): GanConfig {
  const unknown = Object.keys(overrides).filter((k) => !(k in DEFAULT_GAN_CONFIG));
  if (unknown.length) {
    throw new GanConfigError(
      `gan config: unknown field(s) ${unknown.join(', ')}; known: ${Object.keys(DEFAULT_GAN_CONFIG).join(', ')}`,
    );
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const cfg = { ...DEFAULT_GAN_CONFIG, ...defined } as GanConfig;
  oneOf('arch', cfg.arch, GAN_ARCHS);
  oneOf('coordconv', cfg.coordconv, COORDCONV_PLACEMENTS);
  oneOf('preset', cfg.preset, SCENE_PRESETS);
  oneOf('imageSize', cfg.imageSize, [32, 64]);
  oneOf('denseBatchNorm', cfg.denseBatchNorm, ['channel', 'feature']);
  oneOf('gStepsPerD', cfg.gStepsPerD, [1, 2]);
  intIn('zDim', cfg.zDim, 1, 4096);
  intIn('width', cfg.width, 1, 1024);
  intIn('kernelSize', cfg.kernelSize, 2, 7);
  intIn('batchSize', cfg.batchSize, 1, 4096);
  intIn('seed', cfg.seed, 0, 2 ** 32 - 1);
  positive('lrG', cfg.lrG, 1);
  positive('lrD', cfg.lrD, 1);
  positive('beta1', cfg.beta1, 1);
  positive('beta2', cfg.beta2, 1);
  if (cfg.arch === 'paper-coordconv' && (cfg.coordconv === 'none' || cfg.coordconv === 'd')) {
    // A tiled z without coordinates gives every pixel the same input: the generator cannot place anything.
    throw new GanConfigError(
      `gan config coordconv: arch paper-coordconv always has CoordConv in G (tiled z carries no position); use coordconv g or both, got ${cfg.coordconv}`,
    );
  }
  return cfg;
}

/** Whether the generator / discriminator gets coordinate channels. */
export function coordsIn(cfg: Pick<GanConfig, 'coordconv'>): { g: boolean; d: boolean } {
  return {
    g: cfg.coordconv === 'g' || cfg.coordconv === 'both',
    d: cfg.coordconv === 'd' || cfg.coordconv === 'both',
  };
}
