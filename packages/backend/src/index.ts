export * as tf from './tf.js';
export {
  initBackend,
  activeBackend,
  BACKEND_NAMES,
  BACKEND_ENV_VAR,
  NATIVE_PACKAGES,
} from './init-backend.js';
export type {
  BackendInfo,
  BackendName,
  InitBackendOptions,
  NativeLoader,
  NativePackage,
} from './init-backend.js';
export { fileSystem } from './io/file-io.js';
export { saveCheckpoint, loadCheckpoint, readCheckpointManifest } from './checkpoint/checkpoint.js';
export type { CheckpointContents, LoadedCheckpoint } from './checkpoint/checkpoint.js';
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './checkpoint/manifest.js';
export type {
  CheckpointManifest,
  OptimizerEntry,
  OptimizerWeightSpec,
} from './checkpoint/manifest.js';
