export { coordinateGrid, coordChannelCount, normalizedCoord } from './coord-grid.js';
export { CoordCache } from './coord-cache.js';
export type { DataFormat } from './coord-cache.js';
export {
  addCoords,
  addCoordsOutputShape,
  disposeSharedCoordCache,
  ADD_COORDS_RANKS,
} from './add-coords.js';
export type { AddCoordsOptions } from './add-coords.js';
export { AddCoords, addCoordsLayer } from './add-coords-layer.js';
export type { AddCoordsLayerArgs, LayerArgs } from './add-coords-layer.js';
export {
  CoordConv1D,
  CoordConv2D,
  CoordConv3D,
  CoordConv2DTranspose,
  coordConv1d,
  coordConv2d,
  coordConv3d,
  coordConv2dTranspose,
} from './coord-conv.js';
export type { CoordConvLayerArgs, ConvLayerArgs } from './coord-conv.js';
