/**
 * `file://` model IO for the wasm and cpu backends (tfjs-node registers its own handlers):
 * `model.save('file://dir')` writes dir/model.json + dir/weights.bin, replacing the directory
 * atomically; `tf.loadLayersModel('file://dir/model.json')` (or 'file://dir') reads it back.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, dirname, basename, resolve } from 'node:path';
import { replaceDirAtomic, writeFileAtomic } from '@coordconv/common';
import * as tf from '../tf.js';

export const FILE_SCHEME = 'file://';
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** Files that a model directory may hold; anything else makes `save` refuse to replace it. */
const OWN_FILES = new Set([MODEL_JSON, WEIGHTS_BIN]);

/** Concatenates tfjs WeightData (one buffer or several) into one byte array. */
export function weightBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (data == null) return new Uint8Array(0);
  return new Uint8Array(tf.io.CompositeArrayBuffer.join(data));
}

/** The model.json object for `artifacts` whose weights live in `weightsPath`. */
export function modelJson(artifacts: tf.io.ModelArtifacts, weightsPath: string): tf.io.ModelJSON {
  const json: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
    weightsManifest: [{ paths: [weightsPath], weights: artifacts.weightSpecs ?? [] }],
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
  };
  if (artifacts.trainingConfig) json.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata) json.userDefinedMetadata = artifacts.userDefinedMetadata;
  if (artifacts.signature) json.signature = artifacts.signature;
  if (artifacts.modelInitializer) json.modelInitializer = artifacts.modelInitializer;
  return json;
}

/** Writes model.json + weights.bin into `dir` (a directory being filled, not yet visible). */
export async function writeModelFiles(dir: string, artifacts: tf.io.ModelArtifacts): Promise<void> {
  if (!artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error('file:// save: only JSON model topologies (LayersModel) are supported');
  }
  await writeFileAtomic(join(dir, WEIGHTS_BIN), weightBytes(artifacts.weightData));
  await writeFileAtomic(join(dir, MODEL_JSON), JSON.stringify(modelJson(artifacts, WEIGHTS_BIN)));
}

/** Reads model.json at `jsonPath` and the weight files it lists, with errors naming the file. */
export async function readModelFiles(jsonPath: string): Promise<tf.io.ModelArtifacts> {
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch (err) {
    throw new Error(`cannot read model file ${jsonPath}: ${(err as Error).message}`);
  }
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(text) as tf.io.ModelJSON;
  } catch (err) {
    throw new Error(`model file ${jsonPath} is not valid JSON: ${(err as Error).message}`);
  }
  if (json == null || typeof json !== 'object' || json.modelTopology == null) {
    throw new Error(`model file ${jsonPath} has no modelTopology`);
  }
  const dir = dirname(jsonPath);
  return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: Uint8Array[] = [];
    for (const group of manifest) {
      specs.push(...group.weights);
      for (const p of group.paths) {
        const file = join(dir, p);
        const buf = await readFile(file).catch((err: Error) => {
          throw new Error(
            `cannot read weights file ${file} (listed in ${jsonPath}): ${err.message}`,
          );
        });
        buffers.push(buf);
      }
    }
    const bytes = concat(buffers);
    const expected = specs.reduce((n, s) => n + specBytes(s), 0);
    if (bytes.byteLength !== expected) {
      throw new Error(
        `weights of ${jsonPath} hold ${bytes.byteLength} bytes, the manifest needs ${expected}: corrupt or truncated`,
      );
    }
    return [specs, bytes.buffer as ArrayBuffer];
  });
}

/** Byte size of one weight spec (float32/int32: 4, bool/uint8: 1; quantized: per quantization). */
export function specBytes(spec: tf.io.WeightsManifestEntry): number {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const q = spec.quantization;
  if (q) return n * (q.dtype === 'uint8' ? 1 : 2);
  return n * (spec.dtype === 'bool' ? 1 : 4);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Refuses to replace a directory that holds files other than a saved model's. */
async function assertReplaceable(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new Error(`file:// save: ${dir} exists and is not a directory`);
  const foreign = (await readdir(dir)).filter((f) => !OWN_FILES.has(f));
  if (foreign.length) {
    throw new Error(
      `file:// save: ${dir} holds other files (${foreign.slice(0, 5).join(', ')}); ` +
        'saving replaces the whole directory, so save into an empty or new directory',
    );
  }
}

/** IOHandler for a local path: a directory for save; model.json or its directory for load. */
export function fileSystem(path: string): tf.io.IOHandler {
  const target = resolve(path);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const dir = basename(target) === MODEL_JSON ? dirname(target) : target;
      await assertReplaceable(dir);
      await replaceDirAtomic(dir, (tmp) => writeModelFiles(tmp, artifacts));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const isDir = (await stat(target).catch(() => undefined))?.isDirectory() ?? false;
      return readModelFiles(isDir ? join(target, MODEL_JSON) : target);
    },
  };
}

type IORouter = Parameters<typeof tf.io.registerSaveRouter>[0];

// tfjs routers return null for URLs they do not handle (its typings omit the null).
const route = ((url: string | string[]): tf.io.IOHandler | null => {
  if (Array.isArray(url) || !url.startsWith(FILE_SCHEME)) return null;
  return fileSystem(url.slice(FILE_SCHEME.length));
}) as IORouter;

let registered = false;

/**
 * Registers the `file://` routers unless the active backend is tfjs-node's (which brings its own)
 * or some handler already claims file:// (two matching routers make tfjs throw).
 */
export function registerFileIO(backendName: string): void {
  if (registered || backendName === 'tensorflow') return;
  registered = true;
  const probe = `${FILE_SCHEME}/coordconv-probe`;
  if (tf.io.getSaveHandlers(probe).length === 0) tf.io.registerSaveRouter(route);
  if (tf.io.getLoadHandlers(probe).length === 0) tf.io.registerLoadRouter(route);
}
