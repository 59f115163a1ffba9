/** The checkpoint manifest (dir/manifest.json): everything but the tensors. */
import type { RngState } from '@coordconv/common';

export const CHECKPOINT_FORMAT = 'coordconv-checkpoint';
export const CHECKPOINT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const OPTIMIZERS_DIR = 'optimizers';

/** One saved optimizer tensor, in the order `optimizer.getWeights()` returned it. */
export interface OptimizerWeightSpec {
  /** tfjs name: 'iter', or `${variableName}/${slot}` (e.g. 'dense_Dense1/kernel/m'). */
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  /** Which model weight the slot belongs to (position in `model.trainableWeights`), if known. */
  variable?: { model: string; index: number };
}

export interface OptimizerEntry {
  /** tfjs class name, e.g. 'Adam', 'RMSProp'. Restoring into another class is an error. */
  className: string;
  /** `optimizer.getConfig()` at save time (learning rate, betas, centered, ...). */
  config: Record<string, unknown>;
  /** Path of the raw little-endian tensor data, relative to the checkpoint dir. */
  file: string;
  byteLength: number;
  weights: OptimizerWeightSpec[];
  /** Extra state tfjs's getWeights omits (Adam's accBeta1/accBeta2), same file after weights. */
  state: OptimizerWeightSpec[];
}

export interface CheckpointManifest {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  /** ISO time of the save. */
  savedAt: string;
  tfjsVersion: string;
  /** Backend active when saving (the data is backend-independent). */
  backend: string;
  config?: unknown;
  counters: Record<string, number>;
  rng: Record<string, RngState>;
  extra: Record<string, unknown>;
  /** Model names; each is a subdirectory with model.json + weights.bin. */
  models: string[];
  optimizers: Record<string, OptimizerEntry>;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const RESERVED = new Set([OPTIMIZERS_DIR, MANIFEST_FILE]);

/** Model and optimizer names become file names: letters, digits, '_', '.', '-'. */
export function assertSafeName(kind: string, name: string): void {
  if (!SAFE_NAME.test(name) || RESERVED.has(name)) {
    throw new Error(
      `checkpoint ${kind} name '${name}' is not allowed: use letters, digits, '_', '.', '-' ` +
        `(starting with a letter or digit), not ${[...RESERVED].join(' or ')}`,
    );
  }
}

/** Validates a parsed manifest.json; errors name the file and the field. */
export function checkManifest(value: unknown, file: string): CheckpointManifest {
  const fail = (what: string): never => {
    throw new Error(`checkpoint manifest ${file}: ${what}`);
  };
  if (value == null || typeof value !== 'object') fail('not a JSON object');
  const m = value as Partial<CheckpointManifest>;
  if (m.format !== CHECKPOINT_FORMAT)
    fail(`format is '${String(m.format)}', expected '${CHECKPOINT_FORMAT}'`);
  if (typeof m.version !== 'number' || m.version > CHECKPOINT_VERSION) {
    fail(
      `version ${String(m.version)} is not supported (this build reads up to ${CHECKPOINT_VERSION})`,
    );
  }
  if (!Array.isArray(m.models)) fail('models is not an array');
  if (m.optimizers == null || typeof m.optimizers !== 'object') fail('optimizers is not an object');
  for (const name of m.models ?? []) assertSafeName('model', name);
  for (const [name, entry] of Object.entries(m.optimizers ?? {})) {
    assertSafeName('optimizer', name);
    if (
      !Array.isArray(entry.weights) ||
      !Array.isArray(entry.state) ||
      typeof entry.file !== 'string'
    ) {
      fail(`optimizers.${name} lacks weights/state/file`);
    }
  }
  return { counters: {}, rng: {}, extra: {}, ...m } as CheckpointManifest;
}
