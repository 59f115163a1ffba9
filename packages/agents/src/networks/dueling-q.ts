/**
 * The Q network of Ape-X DQN: a shared torso (see torso.ts) and a dueling head (Wang et al.
 * 2016), Q(s, a) = V(s) + A(s, a) - mean_a A(s, a).
 *
 * The model's outputs are the two streams `[value [B, 1], advantage [B, A]]`; `qValues` adds
 * them up. Keeping the combination outside the layers graph means the saved model.json holds
 * only standard tfjs layers (no custom layer to register before loading a checkpoint), and the
 * greedy action is argmax of the advantage alone.
 */
import { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';
import type { NetworkConfig, TorsoKind } from './config.js';
import { initOrthogonal } from './actor-critic.js';
import { buildTorso, chooseTorso, type GainMap, type ObservationSpec } from './torso.js';

export interface DuelingQSpec {
  observation: ObservationSpec;
  numActions: number;
  network: NetworkConfig;
}

export interface DuelingQ {
  /** Inputs `[B, ...obsShape]` float32; outputs `[value [B, 1], advantage [B, A]]`. */
  model: tf.LayersModel;
  torso: TorsoKind;
}

/** Builds the network, initialized orthogonally from `rng` (gain sqrt 2 in the torso, 1 on the heads). */
export function buildDuelingQ(spec: DuelingQSpec, rng: Rng): DuelingQ {
  if (!Number.isInteger(spec.numActions) || spec.numActions < 2) {
    throw new RangeError(
      `buildDuelingQ: numActions must be an integer >= 2, got ${spec.numActions}`,
    );
  }
  const torso = chooseTorso(spec.observation, spec.network);
  const gains: GainMap = {};
  const input = tf.input({ shape: [...spec.observation.shape], name: 'obs' });
  const features = buildTorso(input, torso, spec.network, gains);
  const value = tf.layers.dense({ units: 1, name: 'q_value' }).apply(features) as tf.SymbolicTensor;
  const advantage = tf.layers
    .dense({ units: spec.numActions, name: 'q_advantage' })
    .apply(features) as tf.SymbolicTensor;
  gains.q_value = 1;
  gains.q_advantage = 1;
  const model = tf.model({
    inputs: input,
    outputs: [value, advantage],
    name: `dueling_q_${torso}`,
  });
  initOrthogonal(model, gains, rng);
  return { model, torso };
}

/** Q(s, .) `[B, A]` from the dueling streams; call inside tidy. */
export function combineDueling(value: tf.Tensor, advantage: tf.Tensor): tf.Tensor2D {
  return tf.add(value, tf.sub(advantage, tf.mean(advantage, 1, true))) as tf.Tensor2D;
}

/** Q(s, .) `[B, A]` of `model` for `obs` `[B, ...obsShape]`; call inside tidy. */
export function qValues(model: tf.LayersModel, obs: tf.Tensor, training = false): tf.Tensor2D {
  const [value, advantage] = model.apply(obs, { training }) as [tf.Tensor, tf.Tensor];
  return combineDueling(value, advantage);
}
