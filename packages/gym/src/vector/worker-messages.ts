/** Messages between AsyncVectorEnv and its workers (structured-cloned by postMessage). */
import type { EnvMetadata, Info, RenderFrame } from '../env.js';
import type { SpaceJSON } from '../spaces/space-json.js';
import type { Batch } from './batch.js';
import type { EnvFactory } from './env-factory.js';
import type { VectorEnvOptions } from './vector-env.js';

/** `workerData` of an AsyncVectorEnv worker. */
export interface WorkerInit {
  factories: EnvFactory[];
  /** Global index of this worker's first env (row in the batch). */
  firstIndex: number;
  autoresetMode: NonNullable<VectorEnvOptions['autoresetMode']>;
}

export interface RemoteError {
  name: string;
  message: string;
  stack?: string;
  /** Global index of the sub-env that failed, when known. */
  envIndex?: number;
}

export type WorkerCommand =
  | { id: number; cmd: 'attach'; batch: Batch | null }
  | { id: number; cmd: 'reset'; seeds: (number | undefined)[]; options?: Record<string, unknown> }
  | { id: number; cmd: 'step'; actions: unknown[] }
  | { id: number; cmd: 'render' }
  | { id: number; cmd: 'close' };

/** A reset or step reply; `obs` only when observations do not travel in shared memory. */
export interface StepReply {
  rewards: number[];
  terminated: boolean[];
  truncated: boolean[];
  infos: Info[];
  obs?: unknown[];
}

export type WorkerReply =
  | {
      type: 'ready';
      spaces: { observation: SpaceJSON; action: SpaceJSON }[];
      metadata: EnvMetadata;
    }
  | { type: 'init-error'; error: RemoteError }
  | { type: 'reply'; id: number; ok: true; result: StepReply | RenderFrame[] | null }
  | { type: 'reply'; id: number; ok: false; error: RemoteError };

/** Serializes any thrown value into a RemoteError. */
export function toRemoteError(err: unknown, envIndex?: number): RemoteError {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, stack: err.stack, envIndex };
  }
  return { name: 'Error', message: String(err), envIndex };
}
