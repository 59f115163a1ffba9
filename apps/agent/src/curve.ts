/**
 * curve.png of a run: the mean return of the last 100 episodes against frames (from
 * metrics.jsonl), the min..max of those episodes as a band, and the random policy as a dashed
 * reference line when known.
 */
import { existsSync } from 'node:fs';
import { readJsonl } from '@coordconv/common';
import { runPaths } from '@coordconv/agents';
import { writeLineChart, type ReferenceLine } from './plot/line-chart.js';

interface MetricsLine {
  frames: number;
  meanReturn: number | string;
  minReturn: number | string;
  maxReturn: number | string;
}

const num = (v: number | string | undefined) => (typeof v === 'number' ? v : NaN);

export async function writeRunCurve(
  dir: string,
  title: string,
  randomReturn?: number,
): Promise<string | undefined> {
  const paths = runPaths(dir);
  if (!existsSync(paths.metrics)) return undefined;
  const lines = readJsonl<MetricsLine>(paths.metrics);
  if (lines.length === 0) return undefined;
  const reference: ReferenceLine[] =
    randomReturn === undefined
      ? []
      : [{ label: `random policy (${randomReturn.toFixed(1)})`, y: randomReturn }];
  await writeLineChart(paths.curve, {
    title,
    xLabel: 'frames',
    yLabel: 'return',
    series: [
      {
        label: 'mean return, last 100 episodes (band: min..max)',
        x: lines.map((l) => l.frames),
        y: lines.map((l) => num(l.meanReturn)),
        low: lines.map((l) => num(l.minReturn)),
        high: lines.map((l) => num(l.maxReturn)),
      },
    ],
    reference,
  });
  return paths.curve;
}
