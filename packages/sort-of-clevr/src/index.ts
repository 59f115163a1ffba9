// Dataset
export {
  BLACK,
  BLUE,
  GRAY,
  GREEN,
  ORANGE,
  ORIGINAL_COLORS,
  RED,
  WHITE,
  YELLOW,
  rgbDistance,
} from './dataset/colors.js';
export type { NamedColor, Rgb } from './dataset/colors.js';
export {
  OBJECT_SHAPES,
  SCENE_PRESETS,
  SceneConfigError,
  sceneConfig,
  validateSceneConfig,
} from './dataset/scene-config.js';
export type {
  ObjectShape,
  SceneConfig,
  SceneOverrides,
  ScenePreset,
  ValueRange,
} from './dataset/scene-config.js';
export {
  PlacementError,
  generateScenes,
  insideShape,
  renderScene,
  sampleScene,
  toByteValue,
  toFloatValue,
} from './dataset/scene.js';
export type { Scene, SceneBatch, SceneObject } from './dataset/scene.js';
export { imageGrid, writeImageGrid } from './dataset/grid.js';
export type { GridOptions } from './dataset/grid.js';
// Scene metrics
export { SceneParser, calibrateParser, parseScenes } from './metrics/parse-scene.js';
export type {
  InvalidReason,
  ParsedObject,
  ParsedScene,
  ParserCalibration,
  ParserOptions,
} from './metrics/parse-scene.js';
export { centreHistogram, jensenShannon, sceneMetrics } from './metrics/scene-metrics.js';
export type { SceneMetrics, SceneMetricsOptions } from './metrics/scene-metrics.js';
export { MeanImage, coverageFigure } from './metrics/coverage.js';
// Models
export {
  buildGenerator,
  buildDcganGenerator,
  buildPaperCoordConvGenerator,
} from './models/generators.js';
export { buildDiscriminator } from './models/discriminator.js';
export { buildDecoder, buildEncoder } from './models/vae-networks.js';
export { trainableParams, trainableVariables, pyramidChannels } from './models/layers.js';
// GAN
export {
  COORDCONV_PLACEMENTS,
  DEFAULT_GAN_CONFIG,
  GAN_ARCHS,
  GanConfigError,
  coordsIn,
  paperGanConfig,
  resolveGanConfig,
} from './gan/gan-config.js';
export type { CoordConvPlacement, GanArch, GanConfig } from './gan/gan-config.js';
export { GanUpdater } from './gan/gan-losses.js';
export type { DiscriminatorStepResult } from './gan/gan-losses.js';
export { fixedLatents, ganSceneConfig, trainGan } from './gan/train-gan.js';
export type { GanRunOptions, GanRunResult } from './gan/train-gan.js';
// VAE
export {
  DEFAULT_VAE_CONFIG,
  LIKELIHOODS,
  VAE_COORDCONV,
  VaeConfigError,
  resolveVaeConfig,
} from './vae/vae-config.js';
export type { Likelihood, VaeConfig, VaeCoordConv } from './vae/vae-config.js';
export { VaeUpdater, klToPrior, logLikelihood } from './vae/vae-losses.js';
export type { VaeStepResult } from './vae/vae-losses.js';
export { trainVae, vaeSceneConfig } from './vae/train-vae.js';
export type { VaeRunOptions, VaeRunResult } from './vae/train-vae.js';
// Training plumbing
export { DivergedError, runTrainingLoop } from './training/loop.js';
export type { LoopOptions, LoopResult, StopReason, TrainingHooks } from './training/loop.js';
export { decodeLatents, sampleLatents } from './training/latents.js';
export type { LatentPrior } from './training/latents.js';
export { readRunInfo, runPaths } from './training/run-dir.js';
export type { RunInfo } from './training/run-dir.js';
// Evaluation
export { evaluateRun } from './evaluate/evaluate-run.js';
export type { EvaluateOptions, EvaluationReport } from './evaluate/evaluate-run.js';
export { loadRunModel } from './evaluate/run-model.js';
export type { RunModel } from './evaluate/run-model.js';
