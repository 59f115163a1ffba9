import { Rng } from '@coordconv/common';
import type { Env, EnvMetadata, RenderFrame, ResetArgs, ResetResult, StepResult } from './env.js';
import { UnsupportedRenderMode } from './errors.js';
import type { Space } from './spaces/space.js';
import { entropySeed } from './spaces/space.js';

/**
 * A convenient base for local (synchronous) envs, playing the part of gymnasium.Env's concrete
 * methods: it owns the env's generator (`rng`, gymnasium's `np_random`) and its seeding rule.
 * A subclass's `reset` starts with `this.seedRng(args?.seed)`, exactly where a gymnasium env calls
 * `super().reset(seed=seed)`.
 */
export abstract class EnvBase<Obs, Act> implements Env<Obs, Act> {
  abstract readonly observationSpace: Space<Obs>;
  abstract readonly actionSpace: Space<Act>;
  abstract readonly metadata: EnvMetadata;
  readonly renderMode: string | undefined;

  private ownRng: Rng | undefined;
  private ownRngSeed: number | undefined;

  constructor(renderMode?: string) {
    this.renderMode = renderMode;
  }

  /** The env's generator; seeded from entropy on first use unless `reset({ seed })` came first. */
  get rng(): Rng {
    if (this.ownRng === undefined) this.seedRng(entropySeed());
    return this.ownRng as Rng;
  }

  /** The seed the generator was last created from (gymnasium `np_random_seed`). */
  get rngSeed(): number | undefined {
    return this.ownRngSeed;
  }

  /**
   * With a seed, replaces the generator by a fresh one from that seed; without, keeps the current
   * stream (gymnasium's reset semantics).
   */
  protected seedRng(seed: number | undefined): void {
    if (seed === undefined) return;
    this.ownRng = new Rng(seed);
    this.ownRngSeed = seed;
  }

  /** Throws `UnsupportedRenderMode` unless `renderMode` is undefined or listed in metadata. */
  protected checkRenderMode(): void {
    const mode = this.renderMode;
    if (mode !== undefined && !this.metadata.renderModes.includes(mode)) {
      throw new UnsupportedRenderMode(
        `${this.constructor.name} renderMode must be one of ${JSON.stringify(this.metadata.renderModes)} or undefined, got ${JSON.stringify(mode)}`,
      );
    }
  }

  abstract reset(args?: ResetArgs): ResetResult<Obs>;
  abstract step(action: Act): StepResult<Obs>;

  /** No frame by default; envs with render modes override. */
  render(): RenderFrame {
    return undefined;
  }

  /** Nothing to release by default; safe to call any number of times. */
  close(): void {}

  toString(): string {
    return `<${this.constructor.name}>`;
  }
}
