// Entry point of `npx nx run generative:evaluate`; the command lives in ../commands/evaluate.ts.
import { runCli } from '@coordconv/common';
import { evaluateCli, evaluateMain } from '../commands/evaluate.js';

await runCli(evaluateCli, evaluateMain);
