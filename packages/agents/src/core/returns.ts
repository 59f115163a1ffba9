/**
 * Returns and advantages of an on-policy rollout, as pure functions over typed arrays.
 *
 * Layout: every per-step array is `[numSteps, numEnvs]` row-major (index `t * numEnvs + i`),
 * the order a vector env produces them in.
 *
 * Episode ends come in two kinds (gymnasium 1.x): `terminated` (a terminal state: the future is
 * worth 0, no bootstrap) and `truncated` (a time limit cut the episode: the state still had a
 * future, so the return bootstraps from V(final observation)). Treating truncation as
 * termination biases the value of every state near the time limit; stable-baselines3 fixed this
 * by bootstrapping at timeouts (DLR-RM/stable-baselines3 issue #633, `on_policy_algorithm.py`),
 * and so do we: `finalValues[t, i]` holds V(final obs) wherever `truncated[t, i]`.
 */

export interface RolloutReturnsInput {
  numSteps: number;
  numEnvs: number;
  /** r_t, `[T, N]`. */
  rewards: Float32Array;
  /** V(s_t) under the policy that acted, `[T, N]`. */
  values: Float32Array;
  /** 1 where the episode ended in a terminal state at step t, `[T, N]`. */
  terminated: Uint8Array;
  /** 1 where the episode was cut (time limit) at step t, `[T, N]`. */
  truncated: Uint8Array;
  /** V(final observation) where `truncated`; ignored elsewhere, `[T, N]`. */
  finalValues: Float32Array;
  /** V(s_T), the observation after the last step, `[N]`. */
  lastValues: Float32Array;
  /** Discount factor in [0, 1]. */
  gamma: number;
}

export interface AdvantagesAndReturns {
  /** A_t, `[T, N]`. */
  advantages: Float32Array;
  /** Value targets R_t = A_t + V(s_t), `[T, N]`. */
  returns: Float32Array;
}

function checkInput(input: RolloutReturnsInput): number {
  const { numSteps: T, numEnvs: N } = input;
  if (!Number.isInteger(T) || T < 1 || !Number.isInteger(N) || N < 1) {
    throw new RangeError(
      `returns: numSteps and numEnvs must be positive integers, got ${T} and ${N}`,
    );
  }
  const size = T * N;
  for (const key of ['rewards', 'values', 'terminated', 'truncated', 'finalValues'] as const) {
    if (input[key].length !== size) {
      throw new RangeError(
        `returns: ${key}.length must be numSteps * numEnvs = ${size}, got ${input[key].length}`,
      );
    }
  }
  if (input.lastValues.length !== N) {
    throw new RangeError(
      `returns: lastValues.length must be numEnvs = ${N}, got ${input.lastValues.length}`,
    );
  }
  if (!(input.gamma >= 0 && input.gamma <= 1))
    throw new RangeError(`returns: gamma must be in [0, 1], got ${input.gamma}`);
  return size;
}

/** What the step after t is worth: 0 at a terminal, V(final obs) at a truncation, else `next`. */
function bootstrap(input: RolloutReturnsInput, k: number, next: number): number {
  if (input.terminated[k]) return 0;
  if (input.truncated[k]) return input.finalValues[k] as number;
  return next;
}

/**
 * n-step bootstrapped returns as in A2C (Mnih et al. 2016; OpenAI baselines `discount_with_dones`):
 * R_t = r_t + gamma * R_{t+1}, starting from V(s_T), cut at episode ends. Advantages are
 * R_t - V(s_t).
 */
export function nStepReturns(input: RolloutReturnsInput): AdvantagesAndReturns {
  const size = checkInput(input);
  const { numSteps: T, numEnvs: N, gamma } = input;
  const returns = new Float32Array(size);
  const advantages = new Float32Array(size);
  for (let i = 0; i < N; i++) {
    let next = input.lastValues[i] as number;
    for (let t = T - 1; t >= 0; t--) {
      const k = t * N + i;
      const ret = (input.rewards[k] as number) + gamma * bootstrap(input, k, next);
      returns[k] = ret;
      advantages[k] = ret - (input.values[k] as number);
      next = ret;
    }
  }
  return { advantages, returns };
}

/**
 * Generalized advantage estimation (Schulman et al. 2016), as stable-baselines3's
 * `RolloutBuffer.compute_returns_and_advantage`: delta_t = r_t + gamma V_{t+1} - V_t,
 * A_t = delta_t + gamma lambda A_{t+1}, cut at episode ends. lambda = 1 gives exactly the
 * n-step returns of `nStepReturns`; lambda = 0 the one-step TD error.
 */
export function gaeAdvantages(input: RolloutReturnsInput, lambda: number): AdvantagesAndReturns {
  const size = checkInput(input);
  if (!(lambda >= 0 && lambda <= 1))
    throw new RangeError(`gaeAdvantages: lambda must be in [0, 1], got ${lambda}`);
  const { numSteps: T, numEnvs: N, gamma } = input;
  const returns = new Float32Array(size);
  const advantages = new Float32Array(size);
  for (let i = 0; i < N; i++) {
    let nextValue = input.lastValues[i] as number;
    let nextAdvantage = 0;
    for (let t = T - 1; t >= 0; t--) {
      const k = t * N + i;
      const value = input.values[k] as number;
      const ended = input.terminated[k] || input.truncated[k];
      const delta = (input.rewards[k] as number) + gamma * bootstrap(input, k, nextValue) - value;
      const adv = delta + (ended ? 0 : gamma * lambda * nextAdvantage);
      advantages[k] = adv;
      returns[k] = adv + value;
      nextValue = value;
      nextAdvantage = adv;
    }
  }
  return { advantages, returns };
}
