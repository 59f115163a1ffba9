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
