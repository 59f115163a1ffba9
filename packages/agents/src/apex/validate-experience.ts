/**
 * Experience from actors is not trusted: a batch is accepted only if every column has the
 * dtype and shape this run expects, every number is finite, discounts lie in [0, 1],
 * priorities are >= 0 and actions are valid action indices. Anything else is rejected with a
 * reason (the learner counts rejections per reason in its metrics) and never reaches replay.
 */
import { WireArray } from '@coordconv/gym';
import {
  MAX_EPISODES_PER_BATCH,
  MAX_TRANSITIONS_PER_BATCH,
  type EpisodeReport,
} from './protocol.js';
import type { ObsArray, ObsDtype } from './n-step.js';

/** Why a batch was rejected: the key under which it is counted. */
export type RejectReason =
  'decode' | 'fields' | 'dtype' | 'shape' | 'nonfinite' | 'range' | 'session';

export class RejectedBatch extends Error {
  override name = 'RejectedBatch';
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

export interface ExperienceExpectations {
  obsShape: readonly number[];
  obsDtype: ObsDtype;
  numActions: number;
  /** Cap on transitions per batch (default MAX_TRANSITIONS_PER_BATCH). */
  maxTransitions?: number;
}

/** A batch that passed every check. */
export interface ValidExperience {
  count: number;
  obs: ObsArray;
  nextObs: ObsArray;
  actions: Int32Array;
  returns: Float32Array;
  discounts: Float32Array;
  priorities: Float32Array;
  /** Env frames the actor stepped since its previous batch. */
  frames: number;
  episodes: EpisodeReport[];
  /** Parameter version the actor acted with. */
  version: number;
}

function reject(reason: RejectReason, message: string): never {
  throw new RejectedBatch(reason, message);
}

function column(
  h: Record<string, unknown>,
  name: string,
  dtype: string,
  shape: readonly number[],
): WireArray {
  const a = h[name];
  if (!(a instanceof WireArray)) reject('fields', `${name} must be an array, got ${describe(a)}`);
  if (a.dtype !== dtype) reject('dtype', `${name} must be ${dtype}, got ${a.dtype}`);
  if (a.shape.length !== shape.length || a.shape.some((d, i) => d !== shape[i])) {
    reject('shape', `${name} must have shape [${shape.join(', ')}], got [${a.shape.join(', ')}]`);
  }
  return a;
}

function allFinite(name: string, a: ArrayLike<number>): void {
  for (let k = 0; k < a.length; k++) {
    if (!Number.isFinite(a[k] as number)) reject('nonfinite', `${name}[${k}] is ${a[k]}`);
  }
}

function describe(x: unknown): string {
  if (x instanceof WireArray) return `${x.dtype} [${x.shape.join(', ')}]`;
  if (Array.isArray(x)) return 'a list';
  return x === null ? 'null' : typeof x;
}

function integerField(h: Record<string, unknown>, name: string, min: number, max: number): number {
  const v = h[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    reject('range', `${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
  }
  return v;
}

function episodes(x: unknown): EpisodeReport[] {
  if (x === undefined) return [];
  if (!Array.isArray(x)) reject('fields', `episodes must be a list, got ${describe(x)}`);
  if (x.length > MAX_EPISODES_PER_BATCH)
    reject('range', `episodes has ${x.length} entries, at most ${MAX_EPISODES_PER_BATCH} allowed`);
  return x.map((e, i) => {
    const r = e as Record<string, unknown> | null;
    if (typeof r !== 'object' || r === null) reject('fields', `episodes[${i}] must be an object`);
    if (typeof r.return !== 'number' || !Number.isFinite(r.return))
      reject(
        'nonfinite',
        `episodes[${i}].return must be a finite number, got ${JSON.stringify(r.return)}`,
      );
    if (typeof r.length !== 'number' || !Number.isInteger(r.length) || r.length < 1)
      reject(
        'range',
        `episodes[${i}].length must be an integer >= 1, got ${JSON.stringify(r.length)}`,
      );
    if (r.win !== undefined && typeof r.win !== 'boolean')
      reject('fields', `episodes[${i}].win must be true or false, got ${JSON.stringify(r.win)}`);
    const out: EpisodeReport = { return: r.return, length: r.length };
    if (typeof r.win === 'boolean') out.win = r.win;
    return out;
  });
}

/** Checks a decoded experience header; returns typed columns or throws RejectedBatch. */
export function validateExperience(
  header: unknown,
  expect: ExperienceExpectations,
): ValidExperience {
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    reject('fields', `experience must be an object, got ${describe(header)}`);
  const h = header as Record<string, unknown>;
  const maxTransitions = expect.maxTransitions ?? MAX_TRANSITIONS_PER_BATCH;
  const actionsCol = h.actions;
  if (!(actionsCol instanceof WireArray) || actionsCol.shape.length !== 1)
    reject('shape', `actions must be a 1-D array, got ${describe(actionsCol)}`);
  const count = actionsCol.shape[0] as number;
  if (count < 1 || count > maxTransitions)
    reject('range', `a batch must hold 1..${maxTransitions} transitions, got ${count}`);
  const obsShape = [count, ...expect.obsShape];
  const obs = column(h, 'obs', expect.obsDtype, obsShape);
  const nextObs = column(h, 'nextObs', expect.obsDtype, obsShape);
  const actions = column(h, 'actions', 'int32', [count]);
  const returns = column(h, 'returns', 'float32', [count]);
  const discounts = column(h, 'discounts', 'float32', [count]);
  const priorities = column(h, 'priorities', 'float32', [count]);
  if (expect.obsDtype === 'float32') {
    allFinite('obs', obs.data);
    allFinite('nextObs', nextObs.data);
  }
  allFinite('returns', returns.data);
  allFinite('discounts', discounts.data);
  allFinite('priorities', priorities.data);
  const a = actions.data;
  for (let j = 0; j < count; j++) {
    const v = a[j] as number;
    if (v < 0 || v >= expect.numActions)
      reject('range', `actions[${j}] = ${v} is not an action of Discrete(${expect.numActions})`);
    const d = discounts.data[j] as number;
    if (d < 0 || d > 1) reject('range', `discounts[${j}] = ${d} is outside [0, 1]`);
    if ((priorities.data[j] as number) < 0) reject('range', `priorities[${j}] is negative`);
  }
  return {
    count,
    obs: obs.data as ObsArray,
    nextObs: nextObs.data as ObsArray,
    actions: a as Int32Array,
    returns: returns.data as Float32Array,
    discounts: discounts.data as Float32Array,
    priorities: priorities.data as Float32Array,
    frames: integerField(h, 'frames', 0, 1_000_000),
    episodes: episodes(h.episodes),
    version: integerField(h, 'version', -1, Number.MAX_SAFE_INTEGER),
  };
}
