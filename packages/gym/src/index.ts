// Env contract
export type {
  Env,
  SyncEnv,
  EnvMetadata,
  AutoresetMode,
  Info,
  ResetArgs,
  ResetResult,
  StepResult,
  RenderFrame,
  EnvObs,
  EnvAct,
} from './env.js';
export type { MaybePromise } from './maybe-promise.js';
export { isPromiseLike, thenMaybe, allMaybe } from './maybe-promise.js';
export {
  GymError,
  ResetNeeded,
  InvalidAction,
  InvalidSpace,
  ClosedEnvironment,
  UnsupportedRenderMode,
  EnvCheckError,
  VectorEnvError,
  VectorEnvTimeout,
} from './errors.js';

// Spaces
export type { Space, SpaceValue } from './spaces/space.js';
export { SpaceBase } from './spaces/space.js';
export { Discrete } from './spaces/discrete.js';
export { Box } from './spaces/box.js';
export type { BoxBound } from './spaces/box.js';
export type { BoxDtype, BoxArray, BoxArrayTypes } from './spaces/dtypes.js';
export { BOX_DTYPES, dtypeOf, allocArray, shapeSize } from './spaces/dtypes.js';
export { spaceFromJSON } from './spaces/from-json.js';
export type {
  SpaceJSON,
  DiscreteJSON,
  BoxJSON,
  MultiDiscreteJSON,
  DictJSON,
  TupleJSON,
  JsonBound,
} from './spaces/space-json.js';
export { MultiDiscrete } from './spaces/multi-discrete.js';
export { Dict } from './spaces/dict.js';
export type { DictValue, SpaceRecord } from './spaces/dict.js';
export { Tuple } from './spaces/tuple.js';
export type { TupleValue } from './spaces/tuple.js';
export { isSpace } from './spaces/space.js';

// Envs
export { EnvBase } from './env-base.js';
export { CartPoleEnv, makeCartPole, parseResetBounds } from './envs/cartpole.js';
export type { CartPoleOptions } from './envs/cartpole.js';

// Wrappers
export { Wrapper, ObservationWrapper, RewardWrapper, ActionWrapper } from './wrappers/wrapper.js';
export { TimeLimit } from './wrappers/time-limit.js';
export { RecordEpisodeStatistics } from './wrappers/record-episode-statistics.js';
export type { EpisodeStatistics } from './wrappers/record-episode-statistics.js';
export { FrameStack } from './wrappers/frame-stack.js';
export type { FrameStackOptions } from './wrappers/frame-stack.js';
export { ClipReward } from './wrappers/clip-reward.js';
export { OrderEnforcing } from './wrappers/order-enforcing.js';

// ZeroMQ bridge (PROTOCOL.md)
export * from './bridge/index.js';

// Vector envs
export type {
  VectorEnv,
  VectorEnvOptions,
  VectorResetArgs,
  VectorResetResult,
  VectorStepResult,
} from './vector/vector-env.js';
export { SyncVectorEnv } from './vector/sync-vector-env.js';
export { AsyncVectorEnv } from './vector/async-vector-env.js';
export type { AsyncVectorEnvOptions } from './vector/async-vector-env.js';
export type { EnvFactory } from './vector/env-factory.js';
export { makeEnvFromFactory, checkEnvFactory } from './vector/env-factory.js';
export type { Batch } from './vector/batch.js';
export { batchSpace, createBatch, writeBatch, readBatch, cloneBatch } from './vector/batch.js';

// Env checker
export {
  checkEnv,
  checkSpaces,
  checkResetReturn,
  checkResetSeedDeterminism,
  checkResetOptions,
  checkStepReturn,
  checkStepDeterminism,
  checkRender,
  checkClose,
  ENV_CHECKS,
} from './check/env-checker.js';
export type { CheckEnvOptions, EnvCheckFn } from './check/env-checker.js';
export { dataEquivalent } from './check/data-equivalence.js';
