// Run from the repo root:
//   node --conditions=@coordconv/source --import tsx packages/not-so-clevr/examples/quickstart.ts
import { initBackend } from '@coordconv/backend';
import { coordinates, makeSplit, NUM_EXAMPLES, squareImages, train } from '@coordconv/not-so-clevr';

await initBackend();

// The dataset is plain typed arrays: 3136 centres, one-hot and 9x9-square images.
console.log(`${NUM_EXAMPLES} examples; example 0 is centred at (${coordinates([0]).join(', ')})`);
console.log(`pixels painted in its square image: ${squareImages([0]).reduce((a, b) => a + b, 0)}`);

// The quadrant split holds out every centre with both coordinates in 33..59.
const split = makeSplit('quadrant');
console.log(`quadrant split: ${split.train.length} train / ${split.test.length} test`);

// Train the paper's 7,553-parameter CoordConv painter until it paints every held-out centre.
const result = await train({
  task: 'classification',
  kind: 'coordconv',
  split,
  learningRate: 0.005,
  batchSize: 16,
  budgetS: 300,
  seed: 0,
  evalEvery: 0,
  evalEverySteps: 25,
  stopAt: 1,
  onEpoch: (r) =>
    r.test && console.log(`step ${r.step}: test accuracy ${(r.test.accuracy * 100).toFixed(1)}%`),
});
console.log(
  `${result.params} params, ${result.trainSeconds.toFixed(0)} s of training: ` +
    `train ${(result.train.accuracy * 100).toFixed(1)}%, test ${(result.test.accuracy * 100).toFixed(1)}%`,
);
result.model.dispose();
