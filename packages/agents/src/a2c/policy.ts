/**
 * The policy of a trained A2C run, for evaluation and play: the actor-critic network from a
 * checkpoint. `selectActions` samples from pi(.|s) (how it was trained), `greedyActions` takes
 * the most probable action.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { A2CActor } from './actor.js';
import { A2C_CHECKPOINT } from './trainer.js';

/** Loads from `dir`: a run directory (uses dir/checkpoint) or a checkpoint directory. */
export async function loadA2CPolicy(
  dir: string,
  options: { seed?: number } = {},
): Promise<A2CActor> {
  const checkpointDir = existsSync(join(dir, 'checkpoint', 'manifest.json'))
    ? join(dir, 'checkpoint')
    : dir;
  const checkpoint = await loadCheckpoint(checkpointDir);
  const model = checkpoint.models[A2C_CHECKPOINT.model];
  for (const [name, m] of Object.entries(checkpoint.models))
    if (name !== A2C_CHECKPOINT.model) m.dispose();
  if (!model) {
    throw new Error(
      `${checkpointDir} has no '${A2C_CHECKPOINT.model}' model (models: ${Object.keys(checkpoint.models).join(', ')}); is it an A2C run?`,
    );
  }
  const obsShape = (model.inputs[0]!.shape as number[]).slice(1);
  const numActions = (model.outputs[0]!.shape as number[])[1] as number;
  return new A2CActor(model, obsShape, numActions, new Rng(options.seed ?? 0));
}
