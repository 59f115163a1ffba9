/**
 * Backend selection: `auto` tries tfjs-node-gpu, then tfjs-node (optional peer dependencies,
 * loaded with import()), then wasm, then cpu. The choice is made once per process and logged
 * once on stderr; later calls return the same info.
 */
import { availableParallelism } from 'node:os';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from './tf.js';
import { getCpuBackend } from './wasm/cpu-fallback.js';
import { registerWasmTrainingKernels } from './wasm/register-training-kernels.js';
import { registerFileIO } from './io/file-io.js';

export const BACKEND_NAMES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export const BACKEND_ENV_VAR = 'COORDCONV_BACKEND';
export const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;
export type NativePackage = (typeof NATIVE_PACKAGES)[number];

export interface BackendInfo {
  /** tfjs backend name: 'tensorflow' (tfjs-node / tfjs-node-gpu), 'wasm' or 'cpu'. */
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** Where kernels run. */
  device: 'gpu' | 'cpu';
  tfjsVersion: string;
  /** Kernels use SIMD (wasm SIMD build; libtensorflow is built with AVX). */
  simd: boolean;
  /** Kernel threads (wasm is single-threaded in Node). */
  threads: number;
}

/** Imports a native tfjs package (which registers backend 'tensorflow'); injectable for tests. */
export type NativeLoader = (pkg: NativePackage) => Promise<unknown>;

export interface InitBackendOptions {
  /** Backend to use. Default: env COORDCONV_BACKEND, else 'auto'. An explicit non-auto value wins over the env var. */
  backend?: BackendName;
  /** How to import tfjs-node(-gpu); tests inject failing or fake loaders. Default: import(). */
  importNative?: NativeLoader;
  /** Where the one-line reports go. Default: stderr. */
  log?: (line: string) => void;
}

const defaultLoader: NativeLoader = (pkg) => import(pkg);
const defaultLog = (line: string) => process.stderr.write(`${line}\n`);

// Kernels first, so even code that calls tf.setBackend('wasm') directly can train.
registerWasmTrainingKernels();

let active: BackendInfo | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Selects and initializes the tfjs backend. Idempotent: once a backend is active, calls with
 * no preference or 'auto' (or the active name) return the same info without logging. A call
 * that explicitly asks for a different backend switches to it (tfjs moves existing tensors to the
 * new backend on first use) and logs the new info; a backend that cannot load is an error.
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const requested = resolveRequest(options.backend);
  const run = queue.then(() => select(requested, options));
  queue = run.catch(() => undefined);
  return run;
}

/** The active backend's info, or undefined before initBackend. */
export function activeBackend(): BackendInfo | undefined {
  return active && tf.getBackend() === active.name ? active : undefined;
}

function resolveRequest(option: BackendName | undefined): BackendName {
  if (option !== undefined && !isBackendName(option)) {
    throw new Error(
      `initBackend: unknown backend '${String(option)}'; valid: ${BACKEND_NAMES.join(', ')}`,
    );
  }
  if (option !== undefined && option !== 'auto') return option;
  const env = process.env[BACKEND_ENV_VAR];
  if (env === undefined || env === '') return 'auto';
  if (!isBackendName(env)) {
    throw new Error(
      `${BACKEND_ENV_VAR}='${env}' is not a backend; valid: ${BACKEND_NAMES.join(', ')}`,
    );
  }
  return env;
}

function isBackendName(x: string): x is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(x);
}

async function select(requested: BackendName, options: InitBackendOptions): Promise<BackendInfo> {
  const current = activeBackend();
  if (current && (requested === 'auto' || requested === current.name)) return current;
  const log = options.log ?? defaultLog;
  const loader = options.importNative ?? defaultLoader;
  getCpuBackend(); // mutes tfjs-cpu's "install tfjs-node" advert before anything writes to it
  let info: BackendInfo | undefined;
  if (requested === 'auto' || requested === 'tensorflow') {
    const failures: string[] = [];
    info = await tryNative(loader, log, failures);
    if (!info && requested === 'tensorflow') {
      throw new Error(
        `initBackend: backend 'tensorflow' needs ${NATIVE_PACKAGES.join(' or ')} (npm install one of them); ` +
          failures.join('; '),
      );
    }
  }
  if (!info && (requested === 'auto' || requested === 'wasm'))
    info = await tryWasm(log, requested === 'wasm');
  info ??= await useCpu();
  registerFileIO(info.name);
  active = info;
  log(`[coordconv/backend] ${JSON.stringify(info)}`);
  return info;
}

async function tryNative(
  loader: NativeLoader,
  log: (l: string) => void,
  failures: string[],
): Promise<BackendInfo | undefined> {
  for (const pkg of NATIVE_PACKAGES) {
    try {
      await loader(pkg);
      if (!tf.findBackendFactory('tensorflow')) {
        throw new Error(
          `it did not register backend 'tensorflow' on this tfjs ${tf.version_core} (two copies of @tensorflow/tfjs?)`,
        );
      }
      if (!(await tf.setBackend('tensorflow')))
        throw new Error("backend 'tensorflow' failed to initialize");
      await tf.ready();
      return {
        name: 'tensorflow',
        device: pkg === '@tensorflow/tfjs-node-gpu' ? 'gpu' : 'cpu',
        tfjsVersion: tf.version_core,
        simd: true,
        threads: availableParallelism(),
      };
    } catch (err) {
      failures.push(`${pkg}: ${loadFailure(err)}`);
    }
  }
  // One line for all native packages: the common case (not installed) is no news.
  log(`[coordconv/backend] native backend not used: ${failures.join('; ')}`);
  return undefined;
}

/** "not installed" for a missing package, else the error's first line. */
function loadFailure(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return 'not installed';
  return firstLine(err);
}

async function tryWasm(
  log: (l: string) => void,
  required: boolean,
): Promise<BackendInfo | undefined> {
  registerWasmTrainingKernels();
  let ok = false;
  let reason = 'setBackend returned false';
  try {
    ok = await tf.setBackend('wasm');
  } catch (err) {
    reason = firstLine(err);
  }
  if (!ok) {
    if (required) throw new Error(`initBackend: backend 'wasm' failed to initialize: ${reason}`);
    log(`[coordconv/backend] wasm not used (${reason}); falling back to cpu`);
    return undefined;
  }
  await tf.ready();
  return {
    name: 'wasm',
    device: 'cpu',
    tfjsVersion: tf.version_core,
    simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
    threads: getThreadsCount(),
  };
}

async function useCpu(): Promise<BackendInfo> {
  if (!(await tf.setBackend('cpu')))
    throw new Error("initBackend: backend 'cpu' failed to initialize");
  await tf.ready();
  return { name: 'cpu', device: 'cpu', tfjsVersion: tf.version_core, simd: false, threads: 1 };
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const line = msg.split('\n')[0].trim();
  return line.length > 240 ? `${line.slice(0, 237)}...` : line;
}
