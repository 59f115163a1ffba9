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
