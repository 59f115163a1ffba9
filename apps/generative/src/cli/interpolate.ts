// Entry point of `npx nx run generative:interpolate`; the command lives in ../commands/interpolate.ts.
import { runCli } from '@coordconv/common';
import { interpolateCli, interpolateMain } from '../commands/interpolate.js';

await runCli(interpolateCli, interpolateMain);
