/** Errors of scene configuration: each message names the field, the value and what is allowed. */

/** An invalid scene configuration. */
export class SceneConfigError extends Error {
  override name = 'SceneConfigError';
}

/** Placement failed within `maxPlacementAttempts`: the config is (nearly) infeasible. */
export class PlacementError extends SceneConfigError {
  override name = 'PlacementError';
}
