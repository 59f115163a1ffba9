/**
 * The options of `agent:train` (definition only, so tests can parse command lines without
 * starting a run): run options, environment options, and each algorithm's flags.
 */
import { defineCli } from '@coordconv/common';
import { APEX_OPTIONS } from './apex/options.js';
import { A2C_OPTIONS } from './a2c/options.js';
import { ENV_OPTIONS } from './env-spec.js';
import { RUN_OPTIONS } from './run-options.js';

export const TRAIN_CLI = defineCli({
  name: 'nx run agent:train --',
  description:
    'Trains an agent and writes OUT/config.json, metrics.jsonl (one line per log window), checkpoint/ ' +
    '(model + optimizer + counters + RNG, every --checkpoint-every updates and on Ctrl-C) and curve.png. ' +
    'Flags marked "a2c:" apply to A2C only; see the README for the Ape-X flags.',
  // Shared flags last: their a2c-specific definitions (no default) replace Ape-X's.
  options: { ...RUN_OPTIONS, ...ENV_OPTIONS, ...APEX_OPTIONS, ...A2C_OPTIONS },
  epilog: [
    'Examples:',
    '  npx nx run agent:train                                  # A2C on smallClassic, the newcomer demo',
    '  npx nx run agent:train -- --coordconv --seed 1          # the same with CoordConv',
    '  npx nx run agent:train -- --layout smallClassic --steps 1000000',
    '  npx nx run agent:train -- --env tcp://127.0.0.1:5555    # a served env (nx run pacman:serve)',
    '  npx nx run agent:train -- --resume runs/a2c-smallClassic-...   # continue after Ctrl-C',
  ].join('\n'),
});
