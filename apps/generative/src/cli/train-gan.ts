// Entry point of `npx nx run generative:train-gan`; the command lives in ../commands/train-gan.ts.
import { runCli } from '@coordconv/common';
import { trainGanCli, trainGanMain } from '../commands/train-gan.js';

await runCli(trainGanCli, trainGanMain);
