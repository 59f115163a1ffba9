/**
 * n-step transitions as Ape-X actors build them (Horgan et al. 2018, section 3): from the
 * steps of one environment, (s_t, a_t, R_t = sum_{k<m} gamma^k r_{t+k}, gamma_t, s_{t+m}) with
 * m = n, or fewer at the end of an episode, and gamma_t = gamma^m, or 0 when the episode
 * terminated inside the window (no bootstrap past a terminal state; a truncated episode still
 * bootstraps from its final observation).
 *
 * Each transition carries its initial priority |R_t + gamma_t max_a Q(s_{t+m}, a) - Q(s_t, a_t)|
 * from the actor's own Q estimates, so the learner need not compute priorities for new data.
 */

/** Observations travel and are stored as their env gives them: float32 (grid) or uint8 (pixels). */
export type ObsDtype = 'float32' | 'uint8';
export type ObsArray = Float32Array | Uint8Array;

export function allocObs(dtype: ObsDtype, n: number): ObsArray {
  return dtype === 'uint8' ? new Uint8Array(n) : new Float32Array(n);
}

/** Where finished transitions go (an `ExperienceBuffer`). */
export interface TransitionSink {
  add(
    obs: ArrayLike<number>,
    action: number,
    ret: number,
    discount: number,
    nextObs: ArrayLike<number>,
    priority: number,
  ): void;
}

/** The last n steps of one environment, waiting for their bootstrap observation. */
export class NStepAccumulator {
  private readonly obs: ObsArray[];
  private readonly actions: Int32Array;
  private readonly rewards: Float64Array;
  private readonly qTaken: Float64Array;
  private head = 0;
  private count = 0;

  constructor(
    readonly n: number,
    readonly gamma: number,
    readonly obsSize: number,
    obsDtype: ObsDtype = 'float32',
  ) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`NStepAccumulator: n must be an integer >= 1, got ${n}`);
    this.obs = Array.from({ length: n }, () => allocObs(obsDtype, obsSize));
    this.actions = new Int32Array(n);
    this.rewards = new Float64Array(n);
    this.qTaken = new Float64Array(n);
  }

  /** Steps held (0..n). */
  get length(): number {
    return this.count;
  }

  /** True when n steps wait: the next observation completes the oldest one. */
  get full(): boolean {
    return this.count === this.n;
  }

  /** Records step t: its observation, action, (scaled) reward and Q(s_t, a_t). */
  push(obs: ArrayLike<number>, action: number, reward: number, qTaken: number): void {
    if (this.count === this.n) {
      throw new Error('NStepAccumulator.push: already holds n steps; call bootstrap() first');
    }
    const k = (this.head + this.count) % this.n;
    (this.obs[k] as ObsArray).set(obs);
    this.actions[k] = action;
    this.rewards[k] = reward;
    this.qTaken[k] = qTaken;
    this.count++;
  }

  /**
   * With n steps held, emits the oldest as an n-step transition bootstrapped from `nextObs`
   * (the observation after the newest step) whose max_a Q is `maxQNext`. Returns whether it did.
   */
  bootstrap(nextObs: ArrayLike<number>, maxQNext: number, sink: TransitionSink): boolean {
    if (this.count < this.n) return false;
    this.emitOldest(nextObs, false, maxQNext, sink);
    return true;
  }

  /**
   * The episode ended after the newest step: emits every held step with the rewards up to the
   * end, bootstrapped from `finalObs` (max Q `maxQFinal`) unless `terminated`. Leaves it empty.
   */
  endEpisode(
    finalObs: ArrayLike<number>,
    terminated: boolean,
    maxQFinal: number,
    sink: TransitionSink,
  ): void {
    while (this.count > 0) this.emitOldest(finalObs, terminated, maxQFinal, sink);
  }

  /** Drops held steps without emitting them (e.g. on a parameter reset of the actor). */
  clear(): void {
    this.count = 0;
  }

  private emitOldest(
    nextObs: ArrayLike<number>,
    terminated: boolean,
    maxQNext: number,
    sink: TransitionSink,
  ): void {
    const m = this.count;
    let ret = 0;
    let g = 1;
    for (let k = 0; k < m; k++) {
      ret += g * (this.rewards[(this.head + k) % this.n] as number);
      g *= this.gamma;
    }
    const discount = terminated ? 0 : g; // g = gamma^m
    const q = this.qTaken[this.head] as number;
    const priority = Math.abs(ret + discount * maxQNext - q);
    sink.add(
      this.obs[this.head] as ObsArray,
      this.actions[this.head] as number,
      ret,
      discount,
      nextObs,
      priority,
    );
    this.head = (this.head + 1) % this.n;
    this.count--;
  }
}

/** Transitions an actor has built but not sent yet: typed-array columns ready to encode. */
export class ExperienceBuffer implements TransitionSink {
  readonly obs: ObsArray;
  readonly nextObs: ObsArray;
  readonly actions: Int32Array;
  readonly returns: Float32Array;
  readonly discounts: Float32Array;
  readonly priorities: Float32Array;
  private used = 0;

  constructor(
    readonly capacity: number,
    readonly obsSize: number,
    obsDtype: ObsDtype = 'float32',
  ) {
    this.obs = allocObs(obsDtype, capacity * obsSize);
    this.nextObs = allocObs(obsDtype, capacity * obsSize);
    this.actions = new Int32Array(capacity);
    this.returns = new Float32Array(capacity);
    this.discounts = new Float32Array(capacity);
    this.priorities = new Float32Array(capacity);
  }

  get count(): number {
    return this.used;
  }

  add(
    obs: ArrayLike<number>,
    action: number,
    ret: number,
    discount: number,
    nextObs: ArrayLike<number>,
    priority: number,
  ): void {
    if (this.used >= this.capacity)
      throw new RangeError(`ExperienceBuffer is full (${this.capacity} transitions)`);
    const j = this.used++;
    this.obs.set(obs, j * this.obsSize);
    this.nextObs.set(nextObs, j * this.obsSize);
    this.actions[j] = action;
    this.returns[j] = ret;
    this.discounts[j] = discount;
    this.priorities[j] = priority;
  }

  /** Copies of the first `count` transitions, and the buffer is empty again. */
  take(): {
    count: number;
    obs: ObsArray;
    nextObs: ObsArray;
    actions: Int32Array;
    returns: Float32Array;
    discounts: Float32Array;
    priorities: Float32Array;
  } {
    const n = this.used;
    this.used = 0;
    return {
      count: n,
      obs: this.obs.slice(0, n * this.obsSize),
      nextObs: this.nextObs.slice(0, n * this.obsSize),
      actions: this.actions.slice(0, n),
      returns: this.returns.slice(0, n),
      discounts: this.discounts.slice(0, n),
      priorities: this.priorities.slice(0, n),
    };
  }
}
