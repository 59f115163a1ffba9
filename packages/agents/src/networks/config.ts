/**
 * The network part of every agent's config (A2C now, Ape-X later share it).
 */
import { checkBoolean, checkEnum, checkKeys } from '../core/config-check.js';

/**
 * Torsos:
 * - `mlp`: two dense 64 tanh (1-D Box observations; the baselines/SB3 default);
 * - `grid`: 3x3 conv 32 -> 3x3 conv 64 ('same', ReLU) -> dense 256 (Pac-Man grid observations,
 *   the `a2c` benchmark workload);
 * - `grid-small`: the same with 16 / 32 filters and dense 128, about 4x cheaper (CPU Ape-X runs);
 * - `nature`: the Nature DQN CNN, 8x8/4 32 -> 4x4/2 64 -> 3x3/1 64 -> dense 512, inputs / 255
 *   (pixel observations).
 */
export const TORSO_KINDS = ['mlp', 'grid', 'grid-small', 'nature'] as const;
export type TorsoKind = (typeof TORSO_KINDS)[number];

export interface NetworkConfig {
  /** Which torso; 'auto' picks from the observation space (see `chooseTorso`). */
  torso: 'auto' | TorsoKind;
  /** Replace the first convolution by CoordConv2D (Liu et al. 2018). Needs a conv torso. */
  coordConv: boolean;
}

export const DEFAULT_NETWORK_CONFIG: NetworkConfig = { torso: 'auto', coordConv: false };

const NETWORK_FIELDS = ['torso', 'coordConv'] as const;

/** Merges `value` over the defaults and validates it; errors name `path.field`. */
export function resolveNetworkConfig(value: unknown = {}, path = 'network'): NetworkConfig {
  const raw = checkKeys(path, value, NETWORK_FIELDS);
  const merged = { ...DEFAULT_NETWORK_CONFIG, ...raw };
  return {
    torso: checkEnum(`${path}.torso`, merged.torso, ['auto', ...TORSO_KINDS]),
    coordConv: checkBoolean(`${path}.coordConv`, merged.coordConv),
  };
}
