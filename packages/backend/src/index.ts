export * as tf from './tf.js';
export { initBackend } from './init-backend.js';
export type { BackendInfo, BackendName } from './init-backend.js';
