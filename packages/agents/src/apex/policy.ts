/**
 * The greedy policy of a trained Ape-X run, for evaluation and play: the online Q network from
 * a checkpoint, acting with argmax Q (or epsilon-greedy with a small epsilon, as DQN papers
 * evaluate, when asked).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { ApexActor } from './actor.js';
import { APEX_CHECKPOINT } from './trainer.js';

/**
 * Loads the online Q network from `dir`: a run directory (uses dir/checkpoint) or a checkpoint
 * directory. `epsilon` (default 0) is what `selectActions` uses; `greedyActions` is always argmax.
 */
export async function loadApexPolicy(
  dir: string,
  options: { epsilon?: number; seed?: number } = {},
): Promise<ApexActor> {
  const checkpointDir = existsSync(join(dir, 'checkpoint', 'manifest.json'))
    ? join(dir, 'checkpoint')
    : dir;
  const checkpoint = await loadCheckpoint(checkpointDir);
  const model = checkpoint.models[APEX_CHECKPOINT.model];
  if (!model) {
    for (const m of Object.values(checkpoint.models)) m.dispose();
    throw new Error(
      `${checkpointDir} has no '${APEX_CHECKPOINT.model}' model (models: ${Object.keys(checkpoint.models).join(', ')}); is it an Ape-X run?`,
    );
  }
  for (const [name, m] of Object.entries(checkpoint.models))
    if (name !== APEX_CHECKPOINT.model) m.dispose();
  const obsShape = (model.inputs[0]!.shape as number[]).slice(1);
  const numActions = (model.outputs[1]!.shape as number[])[1] as number;
  return new ApexActor(
    model,
    obsShape,
    numActions,
    options.epsilon ?? 0,
    new Rng(options.seed ?? 0),
  );
}
