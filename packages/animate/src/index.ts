// Latent paths
export {
  lerp,
  slerp,
  normLerp,
  dot,
  norm,
  interpolator,
  INTERPOLATION_METHODS,
  PARALLEL_EPS,
} from './vector.js';
export type { InterpolationMethod, PointInterpolator } from './vector.js';
export {
  interpolatePath,
  loopPath,
  randomLoop,
  randomKeyframes,
  gridSweep,
  latentAt,
  latentBatch,
} from './paths.js';
export type {
  LatentPath,
  GridPath,
  GridSweepOptions,
  KeyframeOptions,
  LoopOptions,
} from './paths.js';
export { pathToTensor, pathFromTensor } from './path-tensor.js';

// Decoding
export { createDecoder, batchToImages, toBytes, DECODER_MODEL_NAMES } from './decode.js';
export type {
  Decoder,
  DecoderOptions,
  DecoderSource,
  DecodeFn,
  ImageBatch,
  ValueRange,
} from './decode.js';
export { openDecoders } from './decoders.js';
export type { LabeledDecoder, DecoderSet } from './decoders.js';

// Encoding
export { GifWriter } from './gif-writer.js';
export type { GifWriterOptions, GifFrame, GifSummary } from './gif-writer.js';
export { buildPalette, PaletteMapper, distinctColors, paletteFromColors } from './palette.js';
export type { Palette, QuantizeFormat } from './gifenc.js';
export { writeStills } from './stills.js';

// Layout and images
export { PanelComposer, contactSheet, frameCounterText } from './layout.js';
export type { PanelLayoutOptions, ContactSheetOptions } from './layout.js';
export { drawText, measureText, GLYPH_WIDTH, GLYPH_HEIGHT, GLYPH_ADVANCE } from './font.js';
export { rgbCanvas, blit, upscaleNearest, toRgb, writeRgba } from './image.js';
export type { Rgb } from './image.js';

// Smoothness
export {
  SmoothnessMeter,
  smoothness,
  formatSmoothness,
  formatSmoothnessTable,
} from './smoothness.js';
export type { SmoothnessFigures, SmoothnessOptions } from './smoothness.js';

// One-call figures
export { renderInterpolation, resolvePath, spreadIndices } from './render-interpolation.js';
export type {
  RenderInterpolationOptions,
  InterpolationResult,
  PathSpec,
  LoopPathSpec,
  BetweenPathSpec,
} from './render-interpolation.js';
export { renderGrid } from './render-grid.js';
export type { RenderGridOptions, GridResult } from './render-grid.js';
