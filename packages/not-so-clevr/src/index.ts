export {
  CANVAS_SIZE,
  PIXELS,
  SQUARE_RADIUS,
  CENTRE_MIN,
  CENTRE_MAX,
  GRID_SIZE,
  NUM_EXAMPLES,
  centreRow,
  centreCol,
  centrePixel,
  exampleIndex,
  coordinates,
  centrePixels,
  oneHotImages,
  squareImages,
  allExamples,
} from './dataset.js';
export {
  SPLIT_NAMES,
  UNIFORM_TEST_SIZE,
  QUADRANT_THRESHOLD,
  makeSplit,
  uniformSplit,
  quadrantSplit,
  inHeldOutQuadrant,
  selectionHoldout,
  HOLDOUT_BAND,
} from './splits.js';
export type { Split, SplitName } from './splits.js';
export {
  coordinateBatch,
  normalizedCoordinateBatch,
  centrePixelBatch,
  oneHotImageBatch,
  oneHotTargetBatch,
  squareTargetBatch,
} from './batches.js';
export { pixelCorrect, regressionErrors, paintedIoU } from './metrics.js';
export { coordConvPainter, deconvPainter } from './models/painters.js';
export type { CoordConvPainterOptions, DeconvPainterOptions } from './models/painters.js';
export { coordConvRegressor, convRegressor, CONV_REGRESSOR_VARIANTS } from './models/regressors.js';
export type {
  RegressorOptions,
  ConvRegressorOptions,
  ConvRegressorVariant,
} from './models/regressors.js';
export { coordConvRenderer, SHARPEN_MODES } from './models/renderers.js';
export type { CoordConvRendererOptions, SharpenMode } from './models/renderers.js';
export {
  TASK_NAMES,
  MODEL_KINDS,
  TASKS,
  getTask,
  classification,
  regression,
  rendering,
  RENDERER_CENTRE_LOSS_WEIGHT,
} from './tasks.js';
export type { Task, TaskName, ModelKind, ModelOptions, Metrics } from './tasks.js';
export { train, evaluate, withSeededInit } from './train.js';
export { validateTrainConfig } from './train-config.js';
export type {
  TrainConfig,
  TrainResult,
  EpochRecord,
  StepInfo,
  StopReason,
} from './train-config.js';
