/**
 * The one checkpoint format of the toolkit. Layout (the whole directory is replaced atomically):
 *   dir/manifest.json              format tag, version, config, counters, rng, extra, names, specs
 *   dir/<model>/model.json         tfjs LayersModel topology + weights manifest
 *   dir/<model>/weights.bin
 *   dir/optimizers/<name>.bin      optimizer tensors, specs in manifest.optimizers[name]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  replaceDirAtomic,
  writeFileAtomic,
  writeJsonAtomic,
  type RngState,
} from '@coordconv/common';
import * as tf from '../tf.js';
import { MODEL_JSON, readModelFiles, writeModelFiles } from '../io/file-io.js';
import {
  assertSafeName,
  checkManifest,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  MANIFEST_FILE,
  OPTIMIZERS_DIR,
  type CheckpointManifest,
  type OptimizerEntry,
} from './manifest.js';
import { captureOptimizer, restoreOptimizerState } from './optimizer-state.js';

export interface CheckpointContents {
  models: Record<string, tf.LayersModel>;
  optimizers?: Record<string, tf.Optimizer>;
  config?: unknown;
  counters?: Record<string, number>;
  rng?: Record<string, RngState>;
  extra?: Record<string, unknown>;
}

export interface LoadedCheckpoint {
  manifest: CheckpointManifest;
  models: Record<string, tf.LayersModel>;
  /**
   * Restores optimizer `name` into `optimizer` (same class). Pass `vars` (the variables it will
   * update, in minimize's order) when they are not the loaded models' trainable weights.
   */
  restoreOptimizer(name: string, optimizer: tf.Optimizer, vars?: tf.Variable[]): Promise<void>;
}

/** Saves models, optimizer state and bookkeeping into `dir`, replacing it atomically. */
export async function saveCheckpoint(dir: string, contents: CheckpointContents): Promise<void> {
  const models = contents.models ?? {};
  const optimizers = contents.optimizers ?? {};
  for (const name of Object.keys(models)) assertSafeName('model', name);
  for (const name of Object.keys(optimizers)) assertSafeName('optimizer', name);
  const counters = contents.counters ?? {};
  for (const [k, v] of Object.entries(counters)) {
    if (!Number.isFinite(v))
      throw new Error(`saveCheckpoint: counter '${k}' is ${v}, not a finite number`);
  }
  // Read optimizer state before touching the disk, so a failure leaves the old checkpoint.
  const captured = await Promise.all(
    Object.entries(optimizers).map(async ([name, opt]) => ({
      name,
      ...(await captureOptimizer(opt, models)),
    })),
  );
  await replaceDirAtomic(dir, async (tmp) => {
    for (const [name, model] of Object.entries(models)) {
      await model.save(
        tf.io.withSaveHandler(async (artifacts) => {
          await writeModelFiles(join(tmp, name), artifacts);
          return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
        }),
      );
    }
    const optimizerEntries: Record<string, OptimizerEntry> = {};
    for (const { name, entry, bytes } of captured) {
      const file = `${OPTIMIZERS_DIR}/${name}.bin`;
      await writeFileAtomic(join(tmp, file), bytes);
      optimizerEntries[name] = { ...entry, file };
    }
    const manifest: CheckpointManifest = {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      savedAt: new Date().toISOString(),
      tfjsVersion: tf.version_core,
      backend: tf.getBackend(),
      config: contents.config,
      counters,
      rng: contents.rng ?? {},
      extra: contents.extra ?? {},
      models: Object.keys(models),
      optimizers: optimizerEntries,
    };
    await writeJsonAtomic(join(tmp, MANIFEST_FILE), manifest);
  });
}

/** Reads the manifest of the checkpoint in `dir` (errors name the missing or corrupt file). */
export async function readCheckpointManifest(dir: string): Promise<CheckpointManifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'not found (is this a checkpoint directory?)' : (err as Error).message;
    throw new Error(`checkpoint manifest ${file}: ${why}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`checkpoint manifest ${file}: invalid JSON (${(err as Error).message})`);
  }
  return checkManifest(parsed, file);
}

/** Loads a checkpoint: models now, optimizer state on request. Register custom layers first. */
export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const manifest = await readCheckpointManifest(dir);
  const models: Record<string, tf.LayersModel> = {};
  try {
    for (const name of manifest.models) {
      const jsonPath = join(dir, name, MODEL_JSON);
      models[name] = await tf
        .loadLayersModel({ load: () => readModelFiles(jsonPath) })
        .catch((err: Error) => {
          throw new Error(
            `checkpoint model '${name}' (${jsonPath}): ${err.message}` + customLayerHint(err),
          );
        });
    }
  } catch (err) {
    for (const m of Object.values(models)) m.dispose();
    throw err;
  }
  return {
    manifest,
    models,
    async restoreOptimizer(name, optimizer, vars) {
      const entry = manifest.optimizers[name];
      if (!entry) {
        const known = Object.keys(manifest.optimizers);
        throw new Error(
          `checkpoint ${dir} has no optimizer '${name}'; it has: ${known.join(', ') || 'none'}`,
        );
      }
      const file = join(dir, entry.file);
      const bytes = await readFile(file).catch((err: Error) => {
        throw new Error(`optimizer file ${file}: ${err.message}`);
      });
      await restoreOptimizerState(name, entry, bytes, optimizer, models, file, vars);
    },
  };
}

function customLayerHint(err: Error): string {
  return /Unknown (layer|class)/i.test(err.message)
    ? ' (register custom layer classes, e.g. import the package that defines them, before loading)'
    : '';
}
