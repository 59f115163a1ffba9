/**
 * Small deterministic envs for the bridge tests and benchmark (not part of the published build):
 * `GridTestEnv` has a grid-shaped float32 observation like Pac-Man's `[H, W, 6]`, `Discrete(5)`
 * actions and both render modes; `MixedTestEnv` exercises Dict/Tuple/MultiDiscrete/Box values.
 */
import { EnvBase } from '../env-base.js';
import type { EnvMetadata, RenderFrame, ResetArgs, ResetResult, StepResult } from '../env.js';
import { Box } from '../spaces/box.js';
import { Dict } from '../spaces/dict.js';
import { Discrete } from '../spaces/discrete.js';
import { MultiDiscrete } from '../spaces/multi-discrete.js';
import type { Space } from '../spaces/space.js';
import { Tuple } from '../spaces/tuple.js';

/** Moves a marker on an H x W grid; channel 0 holds the marker, channel 1 a seeded noise pattern. */
export class GridTestEnv extends EnvBase<Float32Array, number> {
  readonly observationSpace: Box<'float32'>;
  readonly actionSpace = new Discrete(5);
  readonly metadata: EnvMetadata = { renderModes: ['rgb_array', 'ansi'], renderFps: 10 };
  private row = 0;
  private col = 0;
  private steps = 0;
  private noise: Float32Array;
  closeCount = 0;

  constructor(
    readonly height = 11,
    readonly width = 20,
    readonly channels = 6,
    renderMode?: string,
    readonly maxSteps = 100,
  ) {
    super(renderMode);
    this.observationSpace = new Box(0, 1, [height, width, channels], 'float32');
    this.noise = new Float32Array(height * width);
  }

  private obs(): Float32Array {
    const { width: w, channels: c } = this;
    const out = new Float32Array(this.height * w * c);
    for (let i = 0; i < this.height * w; i++) out[i * c + 1] = this.noise[i]!;
    out[(this.row * w + this.col) * c] = 1;
    return out;
  }

  reset(args?: ResetArgs): ResetResult<Float32Array> {
    this.seedRng(args?.seed);
    for (let i = 0; i < this.noise.length; i++) this.noise[i] = Math.fround(this.rng.random());
    const start = args?.options?.start as [number, number] | undefined;
    this.row = start?.[0] ?? this.rng.int(this.height);
    this.col = start?.[1] ?? this.rng.int(this.width);
    this.steps = 0;
    return [this.obs(), { row: this.row, col: this.col }];
  }

  step(action: number): StepResult<Float32Array> {
    const [dr, dc] = [
      [-1, 0],
      [1, 0],
      [0, 1],
      [0, -1],
      [0, 0],
    ][action]!;
    this.row = Math.min(this.height - 1, Math.max(0, this.row + dr!));
    this.col = Math.min(this.width - 1, Math.max(0, this.col + dc!));
    this.steps++;
    const terminated = this.row === 0 && this.col === 0;
    const truncated = !terminated && this.steps >= this.maxSteps;
    return [
      this.obs(),
      terminated ? 10 : -1,
      terminated,
      truncated,
      { row: this.row, col: this.col, best: -Infinity },
    ];
  }

  override render(): RenderFrame {
    if (this.renderMode === 'ansi') {
      const lines = Array.from({ length: this.height }, (_, r) =>
        Array.from({ length: this.width }, (_, c) =>
          r === this.row && c === this.col ? 'P' : '.',
        ).join(''),
      );
      return lines.join('\n');
    }
    if (this.renderMode === 'rgb_array') {
      const data = new Uint8Array(this.height * this.width * 3);
      data.set([255, 255, 0], (this.row * this.width + this.col) * 3);
      return { width: this.width, height: this.height, channels: 3, data };
    }
    return undefined;
  }

  override close(): void {
    this.closeCount++;
  }
}

type MixedObs = { pos: Float64Array; tags: [number, Int32Array] };

/** Composite spaces: Dict observation, Box action (float64, 2 values); echoes the action. */
export class MixedTestEnv extends EnvBase<MixedObs, Float64Array> {
  readonly observationSpace = new Dict({
    pos: new Box(-Infinity, Infinity, [2], 'float64'),
    tags: new Tuple([new Discrete(3, -1), new MultiDiscrete([2, 5])]),
  }) as unknown as Space<MixedObs>;
  readonly actionSpace = new Box(-1, 1, [2], 'float64');
  readonly metadata: EnvMetadata = { renderModes: [] };
  private pos = new Float64Array(2);

  reset(args?: ResetArgs): ResetResult<MixedObs> {
    this.seedRng(args?.seed);
    this.pos = Float64Array.from([this.rng.normal(), this.rng.normal()]);
    return [this.obs(0), {}];
  }

  step(action: Float64Array): StepResult<MixedObs> {
    if (action[0] === 1 && action[1] === 1) throw new Error('the corner (1, 1) is cursed');
    this.pos[0]! += action[0]!;
    this.pos[1]! += action[1]!;
    return [
      this.obs(1),
      action[0]! + action[1]!,
      false,
      false,
      { action: Float64Array.from(action) },
    ];
  }

  private obs(tag: number): MixedObs {
    return { pos: Float64Array.from(this.pos), tags: [tag, Int32Array.from([1, 4])] };
  }
}
