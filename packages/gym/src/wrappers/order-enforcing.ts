import type { Env, RenderFrame, ResetArgs, ResetResult, StepResult } from '../env.js';
import { ResetNeeded } from '../errors.js';
import type { MaybePromise } from '../maybe-promise.js';
import { thenMaybe } from '../maybe-promise.js';
import { Wrapper } from './wrapper.js';

/**
 * Throws `ResetNeeded` when `step()` (or `render()`, unless disabled) is called before the first
 * `reset()` (gymnasium OrderEnforcing).
 */
export class OrderEnforcing<Obs, Act> extends Wrapper<Obs, Act> {
  private hasReset = false;
  private readonly enforceRender: boolean;

  constructor(env: Env<Obs, Act>, options: { disableRenderOrderEnforcing?: boolean } = {}) {
    super(env);
    this.enforceRender = !options.disableRenderOrderEnforcing;
  }

  get hasResetYet(): boolean {
    return this.hasReset;
  }

  override reset(args?: ResetArgs): MaybePromise<ResetResult<Obs>> {
    return thenMaybe(this.env.reset(args), (result) => {
      this.hasReset = true;
      return result;
    });
  }

  override step(action: Act): MaybePromise<StepResult<Obs>> {
    if (!this.hasReset) throw new ResetNeeded('Cannot call env.step() before calling env.reset()');
    return this.env.step(action);
  }

  override render(): MaybePromise<RenderFrame> {
    if (this.enforceRender && !this.hasReset) {
      throw new ResetNeeded(
        'Cannot call env.render() before calling env.reset(); pass disableRenderOrderEnforcing to allow it',
      );
    }
    return this.env.render();
  }
}
