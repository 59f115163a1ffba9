export { Rng } from './rng.js';
export type { RngState, Seed } from './rng.js';
export {
  writeFileAtomic,
  writeFileAtomicSync,
  writeJsonAtomic,
  replaceDirAtomic,
} from './atomic-write.js';
export { MetricsWriter, readJsonl, RollingMean } from './metrics.js';
export type { MetricsRecord, MetricValue } from './metrics.js';
export { Progress, formatMetrics } from './progress.js';
export type { ProgressOptions } from './progress.js';
export { defineCli, parseCli, runCli, formatHelp, CliError, toKebab } from './cli.js';
export type { CliDefinition, CliValues, OptionSpec, OptionSpecs } from './cli.js';
export { onInterrupt } from './interrupt.js';
export type { StopSignal } from './interrupt.js';
export { encodePng, decodePng, writePng, readPng, toRgba } from './png.js';
export type { Image8 } from './png.js';
export { siblingModuleUrl } from './worker-url.js';
export { spawnWorker } from './spawn-worker.js';
