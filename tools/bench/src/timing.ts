/**
 * Measures a step function the way BENCHMARKS.md asks: `warmup` untimed calls, then as many
 * calls as fit in `seconds` of wall time. The step must finish its work before returning (await
 * the data it needs), so the time covers the whole step.
 */
export interface TimedResult {
  steps: number;
  seconds: number;
  stepMs: number;
}

export async function timeSteps(
  step: () => Promise<void> | void,
  seconds: number,
  warmup = 3,
): Promise<TimedResult> {
  for (let i = 0; i < warmup; i++) await step();
  const t0 = performance.now();
  let steps = 0;
  const deadline = t0 + seconds * 1000;
  do {
    await step();
    steps++;
  } while (performance.now() < deadline);
  const elapsed = (performance.now() - t0) / 1000;
  return { steps, seconds: elapsed, stepMs: (elapsed * 1000) / steps };
}

/** Rounds for printing: 4 significant digits. */
export function round4(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}
