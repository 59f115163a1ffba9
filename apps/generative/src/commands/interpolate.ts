/**
 * `nx run generative:interpolate`: walks a trained generator's latent space (a closed loop
 * through random keyframes, norm-preserving interpolation as the CoordConv authors did) and
 * writes a GIF, optionally side by side with a second run on the same path; `--grid` writes a
 * PNG sweep of two latent dimensions instead. Rendering is @coordconv/animate's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend, tf } from '@coordconv/backend';
import { CliError, defineCli, onInterrupt, type CliValues } from '@coordconv/common';
import {
  INTERPOLATION_METHODS,
  renderGrid,
  renderInterpolation,
  type LabeledDecoder,
} from '@coordconv/animate';
import { loadRunModel, type RunModel } from '@coordconv/sort-of-clevr';

export const interpolateCli = defineCli({
  name: 'nx run generative:interpolate --',
  description:
    "Latent-interpolation GIF of a run's generator (GAN) or decoder (VAE), optionally next to a second run on the same latent path, with smoothness figures (mean pixel change per frame, jumps, frozen pixels). --grid writes a PNG sweep of two latent dimensions instead.",
  options: {
    run: { type: 'string', required: true, help: 'run directory (from train-gan or train-vae)' },
    compare: { type: 'string', help: 'a second run shown side by side on the same path' },
    frames: {
      type: 'int',
      default: 24,
      min: 1,
      max: 10_000,
      help: 'frames per segment between keyframes',
    },
    keyframes: {
      type: 'int',
      default: 4,
      min: 2,
      max: 1000,
      help: 'random keyframes of the closed loop',
    },
    seed: {
      type: 'int',
      default: 0,
      min: 0,
      help: 'seed of the keyframes (grid: of the base latent)',
    },
    method: {
      type: 'enum',
      choices: INTERPOLATION_METHODS,
      default: 'norm-preserving',
      help: 'interpolation between keyframes',
    },
    out: {
      type: 'string',
      help: 'output file (default RUN/interpolation.gif, or RUN/grid.png with --grid)',
    },
    grid: { type: 'boolean', help: 'write a PNG sweep of two latent dimensions instead of a GIF' },
    gridSize: {
      type: 'int',
      default: 8,
      min: 2,
      max: 64,
      help: 'rows and columns of the --grid sweep',
    },
    dims: {
      type: 'string',
      default: '0,1',
      help: 'the two latent dimensions --grid sweeps, e.g. 0,1',
    },
    scale: { type: 'int', default: 3, min: 1, max: 16, help: 'nearest upscaling of each panel' },
    delay: { type: 'int', default: 80, min: 10, max: 10_000, help: 'GIF frame delay in ms' },
  },
  epilog: [
    'Examples:',
    '  npx nx run generative:interpolate -- --run runs/gan-cc --compare runs/gan-plain --out runs/compare.gif',
    '  npx nx run generative:interpolate -- --run runs/gan-cc --grid',
  ].join('\n'),
});

export type InterpolateOptions = CliValues<typeof interpolateCli.options>;

function parseDims(text: string, zDim: number): [number, number] {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (
    parts.length !== 2 ||
    parts.some((d) => !Number.isInteger(d) || d < 0 || d >= zDim) ||
    parts[0] === parts[1]
  ) {
    throw new CliError(
      `--dims: expected two different latent dimensions in [0, ${zDim}) like 0,1, got ${JSON.stringify(text)}`,
    );
  }
  return parts as [number, number];
}

function labeled(m: RunModel): LabeledDecoder {
  const valueRange: [number, number] = m.scene.valueRange === 'tanh' ? [-1, 1] : [0, 1];
  const transform = m.transform;
  if (!transform) return { label: m.shortLabel, decode: m.model, options: { valueRange } };
  // A VAE decoder returns logits: decode to pixel means.
  const decode = (z: Float32Array, n: number, zDim: number) =>
    tf.tidy(() => transform(m.model.predict(tf.tensor2d(z, [n, zDim])) as tf.Tensor));
  return { label: m.shortLabel, decode, options: { valueRange, zDim: m.zDim } };
}

export async function interpolateMain(o: InterpolateOptions): Promise<void> {
  for (const [flag, dir] of [
    ['run', o.run],
    ['compare', o.compare],
  ] as const) {
    if (dir !== undefined && !existsSync(dir))
      throw new CliError(`--${flag}: ${dir} does not exist`);
  }
  await initBackend();
  const models: RunModel[] = [];
  const stop = onInterrupt('stopping after this frame; the GIF keeps the frames so far');
  try {
    models.push(await loadRunModel(o.run));
    if (o.compare) models.push(await loadRunModel(o.compare));
    const [a, b] = models;
    if (b && (a.zDim !== b.zDim || a.prior !== b.prior)) {
      throw new CliError(
        `--compare: the runs need the same latent space to share a path; ${a.label} has zDim ${a.zDim} (${a.prior}), ${b.label} has zDim ${b.zDim} (${b.prior})`,
      );
    }
    const decoders = models.map(labeled);
    const keyframe =
      a.prior === 'uniform'
        ? { distribution: 'uniform' as const }
        : { distribution: 'normal' as const };
    if (o.grid) {
      const out = o.out ?? join(o.run, 'grid.png');
      const range: [number, number] = a.prior === 'uniform' ? [-1, 1] : [-2.5, 2.5];
      await renderGrid({
        decoders,
        seed: o.seed,
        keyframe,
        dims: parseDims(o.dims, a.zDim),
        rows: o.gridSize,
        cols: o.gridSize,
        range,
        scale: Math.max(1, o.scale - 1),
        out,
      });
      process.stdout.write(
        `${JSON.stringify({ out, rows: o.gridSize, cols: o.gridSize, dims: o.dims })}\n`,
      );
      return;
    }
    const out = o.out ?? join(o.run, 'interpolation.gif');
    const result = await renderInterpolation({
      decoders,
      path: {
        kind: 'loop',
        keyframes: o.keyframes,
        framesPerSegment: o.frames,
        seed: o.seed,
        method: o.method,
        ...keyframe,
      },
      out,
      scale: o.scale,
      delayMs: o.delay,
      stillsOut: out.replace(/\.gif$/i, '') + '-stills.png',
      stop,
    });
    process.stdout.write(result.report + '\n');
    const summary = {
      out,
      frames: result.gif.frames,
      stopped: result.stopped,
      // Per-step changes stay out of the summary line (they are one number per frame).
      smoothness: Object.fromEntries(
        result.smoothness.map(({ label, figures: { steps: _steps, ...figures } }) => [
          label,
          figures,
        ]),
      ),
    };
    process.stdout.write(JSON.stringify(summary) + '\n');
  } finally {
    stop.dispose();
    models.forEach((m) => m.dispose());
  }
}
