/** Placing object centres so that every pair is at least `minDistance` apart. */
import type { Rng } from '@coordconv/common';
import type { SceneConfig } from './scene-config.js';
import { PlacementError } from './errors.js';

const DRAWS_PER_OBJECT = 100;

type PlacementFields = Pick<
  SceneConfig,
  'objectCount' | 'minDistance' | 'centreMin' | 'centreMax' | 'maxPlacementAttempts'
>;

/** Draws integer centres [x, y] in [centreMin, centreMax)^2, every pair >= minDistance apart. */
export function sampleCentres(rng: Rng, cfg: PlacementFields): Array<[number, number]> {
  const d2 = cfg.minDistance * cfg.minDistance;
  for (let attempt = 0; attempt < cfg.maxPlacementAttempts; attempt++) {
    const centres: Array<[number, number]> = [];
    let stuck = false;
    // As in the published generators: each new centre is redrawn until it is far from all
    // earlier ones; if one object cannot be placed, the whole scene is started again.
    for (let k = 0; k < cfg.objectCount && !stuck; k++) {
      let placed = false;
      for (let draw = 0; draw < DRAWS_PER_OBJECT; draw++) {
        const x = rng.integer(cfg.centreMin, cfg.centreMax);
        const y = rng.integer(cfg.centreMin, cfg.centreMax);
        if (centres.every(([cx, cy]) => (cx - x) ** 2 + (cy - y) ** 2 >= d2)) {
          centres.push([x, y]);
          placed = true;
          break;
        }
      }
      stuck = !placed;
    }
    if (!stuck) return centres;
  }
  throw new PlacementError(
    `impossible placement: could not place ${cfg.objectCount} objects >= ${cfg.minDistance} apart in the centre range [${cfg.centreMin}, ${cfg.centreMax}) after ${cfg.maxPlacementAttempts} attempts; lower objectCount or minDistance, or widen the range`,
  );
}
