/**
 * Learning curves of several seeds on one frame axis: mean, min and max at each logged point.
 * Runs of one configuration log at the same frame counts, so points align by index; a shorter
 * run (stopped early) truncates the aggregate to its length.
 */
export interface Curve {
  frames: number[];
  values: number[];
}

export interface AggregateCurve {
  frames: number[];
  mean: number[];
  min: number[];
  max: number[];
}

export function aggregateCurves(curves: readonly Curve[]): AggregateCurve {
  const n = curves.length
    ? Math.min(...curves.map((c) => Math.min(c.frames.length, c.values.length)))
    : 0;
  const out: AggregateCurve = { frames: [], mean: [], min: [], max: [] };
  for (let i = 0; i < n; i++) {
    const vals = curves.map((c) => c.values[i] as number).filter(Number.isFinite);
    out.frames.push(curves[0]!.frames[i] as number);
    out.mean.push(vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN);
    out.min.push(vals.length ? Math.min(...vals) : NaN);
    out.max.push(vals.length ? Math.max(...vals) : NaN);
  }
  return out;
}
