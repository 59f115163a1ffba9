/**
 * Sort-of-CLEVR in a minute: draw scenes, save a PNG grid, read them back with the scene parser,
 * then train a tiny CoordConv GAN for a few steps and score its samples.
 *   node --conditions=@coordconv/source --import tsx packages/sort-of-clevr/examples/quickstart.ts [OUT_DIR]
 */
import { initBackend } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import {
  evaluateRun,
  generateScenes,
  parseScenes,
  sceneConfig,
  sceneMetrics,
  trainGan,
  writeImageGrid,
} from '@coordconv/sort-of-clevr';

const out = process.argv[2] ?? 'tmp/sort-of-clevr-quickstart';

// 1. Scenes: the CoordConv authors' preset (64x64, a blue and a red object), deterministic.
const cfg = sceneConfig('paper');
const batch = generateScenes(new Rng(0), cfg, 16);
console.log('first scene:', JSON.stringify(batch.scenes[0].objects));
await writeImageGrid(`${out}/paper-scenes.png`, batch.images, batch.shape, { cols: 4 });
const original = sceneConfig('original');
const six = generateScenes(new Rng(0), original, 16);
await writeImageGrid(`${out}/original-scenes.png`, six.images, six.shape, { cols: 4 });

// 2. The parser reads them back: colour, shape and centre of every object.
const parsed = parseScenes(batch.images, 16, cfg);
console.log(
  'parsed first scene:',
  JSON.stringify(parsed[0].objects.map((o) => [o.color, o.shape, o.x, o.y])),
);
const reference = generateScenes(new Rng(1), cfg, 16);
const m = sceneMetrics(parsed, parseScenes(reference.images, 16, cfg), cfg);
console.log(`data: ${(100 * m.validRate).toFixed(0)}% valid scenes`);

// 3. A tiny GAN (DCGAN with CoordConv in G and D at 32x32) for 20 steps, then its scene metrics.
await initBackend();
const run = await trainGan(
  { width: 8, zDim: 32, batchSize: 16 },
  { outDir: `${out}/gan`, steps: 20, sampleEvery: 10 },
);
const report = await evaluateRun(run.outDir, { samples: 200 });
console.log(
  `GAN after ${run.step} steps: ${(100 * report.samples.validRate).toFixed(1)}% valid scenes, centre JSD ${report.samples.centreJsd.toFixed(3)}`,
);
console.log(`figures in ${out}/ (scene grids) and ${out}/gan/ (samples/, eval/coverage.png)`);
