/**
 * The actor-critic network of A2C: a shared torso, a policy head (logits, one per discrete
 * action) and a value head, as one tfjs `LayersModel` with outputs `[logits, value]`.
 */
import { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';
import type { NetworkConfig, TorsoKind } from './config.js';
import { orthogonalMatrix } from './orthogonal.js';
import { buildTorso, chooseTorso, type GainMap, type ObservationSpec } from './torso.js';

export interface ActorCriticSpec {
  observation: ObservationSpec;
  numActions: number;
  network: NetworkConfig;
}

export interface ActorCritic {
  /** Inputs `[B, ...obsShape]` float32; outputs `[logits [B, A], value [B, 1]]`. */
  model: tf.LayersModel;
  torso: TorsoKind;
}

/** Builds the model and initializes it orthogonally from `rng` (reproducible for a seed). */
export function buildActorCritic(spec: ActorCriticSpec, rng: Rng): ActorCritic {
  if (!Number.isInteger(spec.numActions) || spec.numActions < 2) {
    throw new RangeError(
      `buildActorCritic: numActions must be an integer >= 2, got ${spec.numActions}`,
    );
  }
  const torso = chooseTorso(spec.observation, spec.network);
  const gains: GainMap = {};
  const input = tf.input({ shape: [...spec.observation.shape], name: 'obs' });
  const features = buildTorso(input, torso, spec.network, gains);
  const logits = tf.layers
    .dense({ units: spec.numActions, name: 'policy_logits' })
    .apply(features) as tf.SymbolicTensor;
  const value = tf.layers.dense({ units: 1, name: 'value' }).apply(features) as tf.SymbolicTensor;
  gains.policy_logits = 0.01;
  gains.value = 1;
  const model = tf.model({
    inputs: input,
    outputs: [logits, value],
    name: `actor_critic_${torso}`,
  });
  initOrthogonal(model, gains, rng);
  return { model, torso };
}

/**
 * Orthogonal kernels with per-layer gains, zero biases (SB3 `ActorCriticPolicy.init_weights`).
 * Layers not in `gains` keep their tfjs initialization.
 */
export function initOrthogonal(model: tf.LayersModel, gains: GainMap, rng: Rng): void {
  for (const layer of model.layers) {
    const gain = gains[layer.name];
    if (gain === undefined) continue;
    const values = layer.getWeights().map((w) => {
      const shape = w.shape;
      if (shape.length === 1) return tf.zeros(shape);
      const cols = shape[shape.length - 1] as number;
      const rows = w.size / cols;
      return tf.tensor(orthogonalMatrix(rows, cols, gain, rng), shape);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}
