// Entry point of `npx nx run generative:train-vae`; the command lives in ../commands/train-vae.ts.
import { runCli } from '@coordconv/common';
import { trainVaeCli, trainVaeMain } from '../commands/train-vae.js';

await runCli(trainVaeCli, trainVaeMain);
