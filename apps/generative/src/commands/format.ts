/** Human-readable scene metrics. */
import type { EvaluationReport, SceneMetrics } from '@coordconv/sort-of-clevr';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const dist = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${pct(v)}`)
    .join(', ');

function lines(name: string, m: SceneMetrics): string[] {
  const reasons = Object.entries(m.invalidReasons)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${pct(v)}`)
    .join(', ');
  return [
    `${name}:`,
    `  valid scenes     ${pct(m.validRate)} of ${m.images}${reasons ? ` (invalid: ${reasons})` : ''}`,
    `  objects/image    ${m.meanObjects.toFixed(2)}`,
    `  centre JSD       ${m.centreJsd.toFixed(4)} bits   (0 = data's distribution, 1 = disjoint)`,
    `  by colour        ${Object.entries(m.centreJsdByColor)
      .map(([k, v]) => `${k} ${v.toFixed(4)}`)
      .join(', ')}`,
    `  centre coverage  ${pct(m.centreCoverage)} of the data's grid cells`,
    `  colours          ${dist(m.colorBalance)}`,
    `  shapes           ${dist(m.shapeBalance)}`,
  ];
}

export function formatEvaluation(r: EvaluationReport): string {
  return [
    `${r.label} (${r.run})`,
    ...lines('samples vs data', r.samples),
    ...lines('data vs data (parser ceiling, sampling noise)', r.data),
    `figures: ${r.files.coverage} (coverage: data | samples), ${r.files.samples}`,
  ].join('\n');
}
