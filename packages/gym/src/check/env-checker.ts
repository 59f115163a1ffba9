/**
 * The checks of gymnasium's `utils/env_checker.check_env`, one exported function each so that a
 * user can run them one at a time. Each throws `EnvCheckError` (its `check` names the check) on a
 * contract violation and returns warnings for things that are legal but suspicious.
 */
import type { Env, Info } from '../env.js';
import { EnvCheckError, describeValue } from '../errors.js';
import { Box } from '../spaces/box.js';
import { dtypeOf } from '../spaces/dtypes.js';
import { isSpace } from '../spaces/space.js';
import type { Space } from '../spaces/space.js';
import { dataEquivalent } from './data-equivalence.js';

export type EnvCheckFn = (env: Env) => Promise<string[]>;

const SEED = 123;

function assert(cond: unknown, check: string, message: () => string): asserts cond {
  if (!cond) throw new EnvCheckError(check, message());
}

/** Throws unless `obs` is in the observation space; warns on a dtype mismatch or NaN/inf. */
function checkObs(obs: unknown, space: Space<unknown>, check: string, where: string): string[] {
  assert(
    space.contains(obs),
    check,
    () =>
      `the observation returned by ${where} is not in the observation space ${space}: ${describeValue(obs)}`,
  );
  const warnings: string[] = [];
  if (space instanceof Box) {
    const dtype = dtypeOf(obs);
    if (dtype !== space.dtype) {
      warnings.push(
        `${where} returned ${dtype ?? typeof obs} observations but the space's dtype is ${space.dtype} (expected a ${space.dtype} typed array)`,
      );
    }
    const arr = obs as ArrayLike<number>;
    for (let i = 0; i < arr.length; i++) {
      if (!Number.isFinite(arr[i])) {
        warnings.push(
          `${where} returned an observation with a non-finite value at index ${i}: ${arr[i]}`,
        );
        break;
      }
    }
  }
  return warnings;
}

function checkInfo(info: unknown, check: string, where: string): asserts info is Info {
  assert(
    typeof info === 'object' && info !== null && !Array.isArray(info),
    check,
    () => `${where} must return an info object, got ${describeValue(info)}`,
  );
}

/** Both spaces exist and are Spaces; metadata lists render modes. Warns on un-normalized Box actions. */
export async function checkSpaces(env: Env): Promise<string[]> {
  const check = 'checkSpaces';
  assert(
    isSpace(env.observationSpace),
    check,
    () =>
      `env.observationSpace must be a Space (Discrete, Box, ...), got ${describeValue(env.observationSpace)}`,
  );
  assert(
    isSpace(env.actionSpace),
    check,
    () =>
      `env.actionSpace must be a Space (Discrete, Box, ...), got ${describeValue(env.actionSpace)}`,
  );
  const md = env.metadata;
  assert(
    typeof md === 'object' && md !== null && Array.isArray(md.renderModes),
    check,
    () =>
      `env.metadata.renderModes must be an array of render-mode names, got metadata=${describeValue(md)}`,
  );
  const warnings: string[] = [];
  const a = env.actionSpace;
  if (a instanceof Box && (a.dtype === 'float32' || a.dtype === 'float64')) {
    const symmetric = a.low.every((v, i) => v === -a.high[i]!);
    if (!symmetric || Math.abs(a.high[0]!) !== 1) {
      warnings.push(
        `the Box action space ${a} is not normalized to [-1, 1]; most agents assume it is`,
      );
    }
  }
  if (md.renderModes.length > 0 && md.renderFps === undefined) {
    warnings.push('env.metadata.renderFps is not set although the env has render modes');
  }
  return warnings;
}

/** `reset()` returns `[obs, info]` with obs in the observation space and an info object. */
export async function checkResetReturn(env: Env): Promise<string[]> {
  const check = 'checkResetReturn';
  const result: unknown = await env.reset();
  assert(
    Array.isArray(result) && result.length === 2,
    check,
    () => `reset() must return [obs, info], got ${describeValue(result)}`,
  );
  const [obs, info] = result as [unknown, unknown];
  checkInfo(info, check, 'reset()');
  return checkObs(obs, env.observationSpace, check, 'reset()');
}

/** `reset({ seed: 123 })` twice gives equal observations (and generator states, when exposed). */
export async function checkResetSeedDeterminism(env: Env): Promise<string[]> {
  const check = 'checkResetSeedDeterminism';
  const [obs1] = await env.reset({ seed: SEED });
  const state1 = env.rng?.getState();
  const [obs2] = await env.reset({ seed: SEED });
  const state2 = env.rng?.getState();
  assert(
    dataEquivalent(obs1, obs2),
    check,
    () =>
      `reset({ seed: ${SEED} }) twice gave different observations, ${describeValue(obs1)} then ${describeValue(obs2)}: reset must reseed the env's generator with the seed`,
  );
  assert(
    state1 === undefined || dataEquivalent(state1, state2),
    check,
    () => `reset({ seed: ${SEED} }) twice left env.rng in different states: reset must reseed it`,
  );
  const [obs3] = await env.reset({ seed: SEED + 333 });
  const state3 = env.rng?.getState();
  const warnings = checkObs(obs3, env.observationSpace, check, `reset({ seed: ${SEED + 333} })`);
  if (state1 !== undefined && dataEquivalent(state1, state3)) {
    warnings.push(
      `reset({ seed: ${SEED} }) and reset({ seed: ${SEED + 333} }) left env.rng in the same state: is the seed used?`,
    );
  }
  return warnings;
}

/** `reset()` accepts `options` (an empty object must be fine). */
export async function checkResetOptions(env: Env): Promise<string[]> {
  const check = 'checkResetOptions';
  try {
    await env.reset({ options: {} });
  } catch (err) {
    throw new EnvCheckError(
      check,
      `reset({ options: {} }) threw ${describeValue(String(err))}: reset must accept an options object`,
    );
  }
  return [];
}

/** `step()` returns a 5-tuple: obs in space, a numeric reward, boolean flags and an info object. */
export async function checkStepReturn(env: Env): Promise<string[]> {
  const check = 'checkStepReturn';
  await env.reset({ seed: SEED });
  env.actionSpace.seed(SEED);
  const action = env.actionSpace.sample();
  const result: unknown = await env.step(action);
  assert(
    Array.isArray(result) && result.length === 5,
    check,
    () =>
      `step() must return [obs, reward, terminated, truncated, info], got ${describeValue(result)}`,
  );
  const [obs, reward, terminated, truncated, info] = result as unknown[];
  assert(
    typeof reward === 'number',
    check,
    () => `step() reward must be a number, got ${describeValue(reward)}`,
  );
  assert(
    typeof terminated === 'boolean',
    check,
    () =>
      `step() terminated must be a boolean, got ${describeValue(terminated)} (${typeof terminated})`,
  );
  assert(
    typeof truncated === 'boolean',
    check,
    () =>
      `step() truncated must be a boolean, got ${describeValue(truncated)} (${typeof truncated})`,
  );
  checkInfo(info, check, 'step()');
  const warnings = checkObs(obs, env.observationSpace, check, 'step()');
  if (!Number.isFinite(reward)) warnings.push(`step() returned a non-finite reward: ${reward}`);
  return warnings;
}

/** The same seed and actions give the same step results (obs, reward, flags, info). */
export async function checkStepDeterminism(env: Env): Promise<string[]> {
  const check = 'checkStepDeterminism';
  env.actionSpace.seed(SEED);
  const action = env.actionSpace.sample();
  await env.reset({ seed: SEED });
  const first = await env.step(action);
  await env.reset({ seed: SEED });
  const second = await env.step(action);
  const names = ['obs', 'reward', 'terminated', 'truncated', 'info'];
  names.forEach((name, i) => {
    assert(
      dataEquivalent(first[i], second[i]),
      check,
      () =>
        `after reset({ seed: ${SEED} }), step(${describeValue(action)}) gave different ${name}: ${describeValue(first[i])} then ${describeValue(second[i])}`,
    );
  });
  return [];
}

/** `render()` works in the env's render mode (skipped when there is none). */
export async function checkRender(env: Env): Promise<string[]> {
  const check = 'checkRender';
  if (env.renderMode === undefined) return [];
  assert(
    env.metadata.renderModes.includes(env.renderMode),
    check,
    () =>
      `env.renderMode ${JSON.stringify(env.renderMode)} is not in metadata.renderModes ${JSON.stringify(env.metadata.renderModes)}`,
  );
  await env.reset({ seed: SEED });
  const frame = await env.render();
  if (env.renderMode === 'rgb_array') {
    const f = frame as
      { width?: number; height?: number; channels?: number; data?: ArrayLike<number> } | undefined;
    assert(
      f &&
        typeof f.width === 'number' &&
        typeof f.height === 'number' &&
        f.data &&
        f.data.length === f.width * f.height * (f.channels ?? 3),
      check,
      () =>
        `render() in rgb_array mode must return an image {width, height, channels, data}, got ${describeValue(frame)}`,
    );
  }
  if (env.renderMode === 'ansi') {
    assert(
      typeof frame === 'string',
      check,
      () => `render() in ansi mode must return a string, got ${describeValue(frame)}`,
    );
  }
  return [];
}

/** `close()` may be called twice. Run it last: the env is closed afterwards. */
export async function checkClose(env: Env): Promise<string[]> {
  const check = 'checkClose';
  await env.close();
  try {
    await env.close();
  } catch (err) {
    throw new EnvCheckError(
      check,
      `calling close() a second time threw ${describeValue(String(err))}; close must be idempotent`,
    );
  }
  return [];
}

/** Every check, in the order `checkEnv` runs them. */
export const ENV_CHECKS: readonly { name: string; run: EnvCheckFn }[] = [
  { name: 'checkSpaces', run: checkSpaces },
  { name: 'checkResetReturn', run: checkResetReturn },
  { name: 'checkResetSeedDeterminism', run: checkResetSeedDeterminism },
  { name: 'checkResetOptions', run: checkResetOptions },
  { name: 'checkStepReturn', run: checkStepReturn },
  { name: 'checkStepDeterminism', run: checkStepDeterminism },
  { name: 'checkRender', run: checkRender },
  { name: 'checkClose', run: checkClose },
];

export interface CheckEnvOptions {
  /** Skip `checkRender` (gymnasium `skip_render_check`). */
  skipRenderCheck?: boolean;
  /** Skip `checkClose`, leaving the env open. */
  skipCloseCheck?: boolean;
}

/**
 * Runs every check (gymnasium `check_env`); throws the first `EnvCheckError` and returns the
 * warnings otherwise. Closes the env at the end unless `skipCloseCheck`.
 */
export async function checkEnv(
  env: Env,
  options: CheckEnvOptions = {},
): Promise<{ warnings: string[] }> {
  const warnings: string[] = [];
  for (const { name, run } of ENV_CHECKS) {
    if (name === 'checkRender' && options.skipRenderCheck) continue;
    if (name === 'checkClose' && options.skipCloseCheck) continue;
    try {
      warnings.push(...(await run(env)).map((w) => `${name}: ${w}`));
    } catch (err) {
      if (err instanceof EnvCheckError) throw err;
      const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new EnvCheckError(name, `the env threw ${msg}`);
    }
  }
  return { warnings };
}
