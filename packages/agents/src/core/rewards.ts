/**
 * Rewards as a learner sees them, shared by A2C (a rollout at a time) and Ape-X actors (a step
 * at a time): scaled, then clipped to +-clip when clip > 0 (Atari's clipping; 0 turns it off).
 */
export function shapeReward(r: number, scale: number, clip: number): number {
  const s = r * scale;
  return clip > 0 ? Math.max(-clip, Math.min(clip, s)) : s;
}
