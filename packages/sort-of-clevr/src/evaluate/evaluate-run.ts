/**
 * Scores a run: draws samples from its generator/decoder, parses them and fresh data scenes with
 * the same parser, and writes the scene metrics, the coverage picture (data | samples) and a
 * sample grid into `<run>/eval/`.
 */
import { join } from 'node:path';
import { Rng, writeJsonAtomic, writePng } from '@coordconv/common';
import { generateScenes } from '../dataset/scene.js';
import { writeImageGrid } from '../dataset/grid.js';
import { coverageFigure, MeanImage } from '../metrics/coverage.js';
import { SceneParser, type ParsedScene, type ParserOptions } from '../metrics/parse-scene.js';
import { sceneMetrics, type SceneMetrics } from '../metrics/scene-metrics.js';
import { decodeLatents, sampleLatents } from '../training/latents.js';
import { runPaths } from '../training/run-dir.js';
import { loadRunModel } from './run-model.js';

export interface EvaluateOptions {
  /** Samples (and data scenes) to score; the authors' coverage picture uses 1,000. */
  samples?: number;
  seed?: number;
  batchSize?: number;
  gridCells?: number;
  parser?: ParserOptions;
  /** Where to write figures and metrics.json; default `<run>/eval`. */
  outDir?: string;
}

export interface EvaluationReport {
  run: string;
  kind: 'gan' | 'vae';
  label: string;
  step: number;
  /** Samples against data. */
  samples: SceneMetrics;
  /** Fresh data against data: the parser's ceiling and the sampling noise floor of the JSD. */
  data: SceneMetrics;
  files: { metrics: string; coverage: string; samples: string };
}

export async function evaluateRun(
  dir: string,
  options: EvaluateOptions = {},
): Promise<EvaluationReport> {
  const count = options.samples ?? 1000;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`evaluate: samples must be an integer >= 1, got ${count}`);
  const seed = options.seed ?? 0;
  const outDir = options.outDir ?? runPaths(dir).eval;
  const run = await loadRunModel(dir);
  try {
    const { scene } = run;
    const parser = new SceneParser(scene, options.parser);
    const size = scene.imageSize;
    const stride = size * size * 3;
    const parseAll = (images: Float32Array, n: number): ParsedScene[] =>
      Array.from({ length: n }, (_, k) => parser.parse(images, k * stride));

    const z = sampleLatents(new Rng(`${seed}:eval-z`), count, run.zDim, run.prior);
    const gen = await decodeLatents(
      run.model,
      z,
      count,
      run.zDim,
      options.batchSize ?? 50,
      run.transform,
    );
    // Two independent data sets: one the reference, one scored like the samples.
    const reference = generateScenes(new Rng(`${seed}:eval-data`), scene, count);
    const heldOut = generateScenes(new Rng(`${seed}:eval-data-2`), scene, count);
    const refParsed = parseAll(reference.images, count);
    const metricsOpts = { gridCells: options.gridCells };
    const samples = sceneMetrics(parseAll(gen.images, count), refParsed, scene, metricsOpts);
    const data = sceneMetrics(parseAll(heldOut.images, count), refParsed, scene, metricsOpts);

    const dataMean = new MeanImage(size, size, 3);
    dataMean.add(reference.images, count);
    const genMean = new MeanImage(size, size, 3);
    genMean.add(gen.images, count);
    const files = {
      metrics: join(outDir, 'metrics.json'),
      coverage: join(outDir, 'coverage.png'),
      samples: join(outDir, 'samples.png'),
    };
    await writePng(
      files.coverage,
      coverageFigure([dataMean, genMean], Math.max(1, Math.round(128 / size))),
    );
    const shown = Math.min(count, 100);
    await writeImageGrid(
      files.samples,
      gen.images.subarray(0, shown * stride),
      [shown, size, size, 3],
      { valueRange: scene.valueRange },
    );
    const report: EvaluationReport = {
      run: dir,
      kind: run.info.kind,
      label: run.label,
      step: run.step,
      samples,
      data,
      files,
    };
    await writeJsonAtomic(files.metrics, report);
    return report;
  } finally {
    run.dispose();
  }
}
