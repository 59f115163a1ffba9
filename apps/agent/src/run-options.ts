/**
 * Options every `agent:train` run has, whatever the algorithm: where outputs go, resume, the
 * frame budget, seed, backend, logging and checkpoint cadence, and the network choice.
 */
import { join } from 'node:path';
import { BACKEND_NAMES, type BackendName } from '@coordconv/backend';

export const RUN_OPTIONS = {
  algo: {
    type: 'enum',
    choices: ['a2c', 'apex'],
    default: 'a2c',
    help: 'algorithm: a2c (synchronous advantage actor-critic) or apex (Ape-X DQN)',
  },
  coordconv: {
    type: 'boolean',
    help: 'replace the first convolution by CoordConv2D (Liu et al. 2018)',
  },
  torso: {
    type: 'enum',
    choices: ['auto', 'mlp', 'grid', 'grid-small', 'nature'],
    default: 'auto',
    help: 'network torso (auto: grid planes -> grid, pixels -> nature, vectors -> mlp)',
  },
  steps: {
    type: 'int',
    min: 1,
    help: 'environment frames to train for (default depends on the layout; see README)',
  },
  seed: { type: 'int', default: 0, min: 0, help: 'seed of weights, exploration and env resets' },
  out: { type: 'string', help: 'output directory (default runs/<algo>-<layout>-<time>)' },
  resume: {
    type: 'string',
    help: 'continue the run in DIR from its checkpoint (its config.json wins; --steps may extend it)',
  },
  backend: { type: 'enum', choices: [...BACKEND_NAMES], default: 'auto', help: 'tfjs backend' },
  logEvery: { type: 'int', min: 1, help: 'updates per metrics.jsonl line (a2c default 50)' },
  checkpointEvery: {
    type: 'int',
    default: 500,
    min: 1,
    help: 'updates between checkpoints (one is also written at the end and on Ctrl-C)',
  },
  quiet: { type: 'boolean', help: 'no progress line on stderr' },
} as const;

export interface RunCliValues {
  algo: 'a2c' | 'apex';
  coordconv: boolean;
  torso: 'auto' | 'mlp' | 'grid' | 'grid-small' | 'nature';
  steps?: number;
  seed: number;
  out?: string;
  resume?: string;
  backend: BackendName;
  logEvery?: number;
  checkpointEvery: number;
  quiet: boolean;
}

/** runs/a2c-smallClassic-coordconv-20260130-141502 */
export function defaultRunDir(
  algo: string,
  label: string,
  coordConv: boolean,
  now = new Date(),
): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return join('runs', `${algo}-${label}${coordConv ? '-coordconv' : ''}-${stamp}`);
}
