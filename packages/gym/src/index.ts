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
