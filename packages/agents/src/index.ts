// Roles and shared math
export type {
  Actor,
  Learner,
  Saveable,
  Trainer,
  EpisodeRecord,
  IterationReport,
} from './core/roles.js';
export { nStepReturns, gaeAdvantages } from './core/returns.js';
export type { RolloutReturnsInput, AdvantagesAndReturns } from './core/returns.js';
export {
  ConfigError,
  checkNumber,
  checkEnum,
  checkBoolean,
  checkString,
  checkKeys,
} from './core/config-check.js';
export type { NumberRule } from './core/config-check.js';

// Networks
export { TORSO_KINDS, DEFAULT_NETWORK_CONFIG, resolveNetworkConfig } from './networks/config.js';
export type { NetworkConfig, TorsoKind } from './networks/config.js';
export { buildTorso, chooseTorso } from './networks/torso.js';
export type { ObservationSpec, GainMap } from './networks/torso.js';
export { buildActorCritic, initOrthogonal } from './networks/actor-critic.js';
export type { ActorCritic, ActorCriticSpec } from './networks/actor-critic.js';
export { orthogonalMatrix } from './networks/orthogonal.js';
export { clipByGlobalNorm } from './core/clip-grads.js';
export { useFastWasmMatMul } from './core/wasm-matmul.js';

// A2C
export { DEFAULT_A2C_CONFIG, resolveA2CConfig } from './a2c/config.js';
export type { A2CConfig, A2CConfigInput } from './a2c/config.js';
export { a2cLoss } from './a2c/loss.js';
export type { A2CLossInputs, A2CLossCoefficients, A2CLossTerms } from './a2c/loss.js';
export { A2CActor, observationTensor } from './a2c/actor.js';
export type { ActionsAndValues } from './a2c/actor.js';
export { A2CLearner, normalizeAdvantages } from './a2c/learner.js';
export type { A2CBatch, A2CUpdateMetrics } from './a2c/learner.js';
export { RolloutBuffer, RolloutCollector } from './a2c/rollout.js';
export { A2CTrainer, A2C_CHECKPOINT, describeSpaces } from './a2c/trainer.js';
export type { A2CTrainerOptions } from './a2c/trainer.js';
export { loadA2CPolicy } from './a2c/policy.js';

// Training-run shell
export { runTraining, runPaths } from './run/training-run.js';
export type { TrainingRunOptions, TrainingRunResult, RunPaths } from './run/training-run.js';
export { EpisodeWindow } from './run/episode-window.js';
export type { EpisodeSummary } from './run/episode-window.js';

// Prioritized replay (pure typed arrays)
export { PrioritizedReplay, annealedBeta } from './replay/prioritized-replay.js';
export type {
  PrioritizedReplayOptions,
  ReplayFields,
  ReplayFieldSpec,
  ReplayDType,
  ReplayColumns,
  ReplayInput,
  ReplaySample,
} from './replay/prioritized-replay.js';
export { PriorityTree } from './replay/segment-tree.js';

// Ape-X DQN
export { buildDuelingQ, combineDueling, qValues } from './networks/dueling-q.js';
export type { DuelingQ, DuelingQSpec } from './networks/dueling-q.js';
export {
  DEFAULT_APEX_CONFIG,
  APEX_OPTIMIZERS,
  resolveApexConfig,
  actorEpsilon,
} from './apex/config.js';
export type { ApexConfig, ApexConfigInput, ApexOptimizer } from './apex/config.js';
export { doubleDqnTargets, gatherActions, huber, weightedHuberLoss } from './apex/double-dqn.js';
export { CenteredRMSProp } from './apex/centered-rmsprop.js';
export { ApexLearner } from './apex/learner.js';
export type { ApexBatch, ApexUpdateMetrics } from './apex/learner.js';
export { ApexActor } from './apex/actor.js';
export { NStepAccumulator, ExperienceBuffer } from './apex/n-step.js';
export type { TransitionSink, ObsDtype } from './apex/n-step.js';
export { ApexTrainer, APEX_CHECKPOINT } from './apex/trainer.js';
export type { ApexTrainerOptions } from './apex/trainer.js';
export { ApexServer, encodeParams } from './apex/learner-server.js';
export type { ApexServerOptions, ApexServerStats } from './apex/learner-server.js';
export { ActorLink, ApexRemoteError } from './apex/actor-link.js';
export { runActor } from './apex/actor-loop.js';
export type { RunActorOptions, ActorStats } from './apex/actor-loop.js';
export { startActorThreads } from './apex/actor-threads.js';
export type { ActorThreads, ActorThreadsOptions } from './apex/actor-threads.js';
export { validateExperience, RejectedBatch } from './apex/validate-experience.js';
export type { RejectReason, ValidExperience } from './apex/validate-experience.js';
export { APEX_PROTOCOL_VERSION } from './apex/protocol.js';
export type { ActorSpec } from './apex/protocol.js';
export { loadApexPolicy } from './apex/policy.js';
export { FlattenObservation, makeFlattenedEnv } from './apex/flatten-env.js';
