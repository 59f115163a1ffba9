/** One typed config for a convolutional VAE run (Kingma & Welling 2014), plain or CoordConv. */
import { SCENE_PRESETS, type ScenePreset } from '../dataset/scene-config.js';

/** Where CoordConv goes: AddCoords before the encoder's first conv, before every decoder transposed conv, both or neither. */
export type VaeCoordConv = 'encoder' | 'decoder' | 'both' | 'none';
export const VAE_COORDCONV: readonly VaeCoordConv[] = ['encoder', 'decoder', 'both', 'none'];

/** p(x|z): Bernoulli on [0, 1] pixels (logits), or Gaussian with fixed std around sigmoid(logits). */
export type Likelihood = 'bernoulli' | 'gaussian';
export const LIKELIHOODS: readonly Likelihood[] = ['bernoulli', 'gaussian'];

export interface VaeConfig {
  coordconv: VaeCoordConv;
  preset: ScenePreset;
  imageSize: 32 | 64;
  /** Latent size; prior N(0, I). */
  zDim: number;
  /** Base channel count: encoder convs w, 2w, 4w(, 8w); the decoder mirrors them. */
  width: number;
  kernelSize: number;
  likelihood: Likelihood;
  /** Standard deviation of the Gaussian likelihood (pixels in [0, 1]). */
  gaussianStd: number;
  /** Weight of the KL term in the loss (1 = the ELBO; the reported ELBO always uses 1). */
  klWeight: number;
  batchSize: number;
  /** Adam settings. */
  lr: number;
  beta1: number;
  beta2: number;
  seed: number;
}

export const DEFAULT_VAE_CONFIG: VaeConfig = {
  coordconv: 'both',
  preset: 'paper',
  imageSize: 32,
  zDim: 16,
  width: 16,
  kernelSize: 4,
  likelihood: 'bernoulli',
  gaussianStd: 0.1,
  klWeight: 1,
  batchSize: 32,
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  seed: 0,
};

export class VaeConfigError extends Error {
  override name = 'VaeConfigError';
}

export function resolveVaeConfig(overrides: Partial<VaeConfig> = {}): VaeConfig {
  const unknown = Object.keys(overrides).filter((k) => !(k in DEFAULT_VAE_CONFIG));
  if (unknown.length) {
    throw new VaeConfigError(
      `vae config: unknown field(s) ${unknown.join(', ')}; known: ${Object.keys(DEFAULT_VAE_CONFIG).join(', ')}`,
    );
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const cfg = { ...DEFAULT_VAE_CONFIG, ...defined } as VaeConfig;
  const bad = (field: string, allowed: string, v: unknown): never => {
    throw new VaeConfigError(`vae config ${field}: expected ${allowed}, got ${JSON.stringify(v)}`);
  };
  const oneOf = (field: keyof VaeConfig, allowed: readonly unknown[]) => {
    if (!allowed.includes(cfg[field])) bad(field, `one of ${allowed.join(', ')}`, cfg[field]);
  };
  const intIn = (field: keyof VaeConfig, min: number, max: number) => {
    const v = cfg[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      bad(field, `an integer in [${min}, ${max}]`, v);
  };
  const positive = (field: keyof VaeConfig, max = Infinity) => {
    const v = cfg[field];
    if (typeof v !== 'number' || !(v > 0) || !(v < max)) bad(field, `a number in (0, ${max})`, v);
  };
  oneOf('coordconv', VAE_COORDCONV);
  oneOf('preset', SCENE_PRESETS);
  oneOf('imageSize', [32, 64]);
  oneOf('likelihood', LIKELIHOODS);
  intIn('zDim', 1, 4096);
  intIn('width', 1, 1024);
  intIn('kernelSize', 2, 7);
  intIn('batchSize', 1, 4096);
  intIn('seed', 0, 2 ** 32 - 1);
  positive('gaussianStd');
  positive('lr', 1);
  positive('beta1', 1);
  positive('beta2', 1);
  if (typeof cfg.klWeight !== 'number' || !(cfg.klWeight >= 0))
    bad('klWeight', 'a number >= 0', cfg.klWeight);
  return cfg;
}
