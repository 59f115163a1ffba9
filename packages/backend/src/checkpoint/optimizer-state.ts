/**
 * Optimizer state capture and restore. tfjs optimizers create their slot variables lazily on the
 * first applyGradients and index them by POSITION in the gradient map (the order of the variable
 * list given to minimize, e.g. `model.trainableWeights`), naming them `${variable.name}/m` etc.
 * Variable names differ between processes (layer name counters), so a slot is tied to its model
 * weight by (model, index in trainableWeights) when the variable belongs to a saved model, and
 * restored positionally otherwise; shapes are checked either way.
 */
import * as tf from '../tf.js';
import type { OptimizerEntry, OptimizerWeightSpec } from './manifest.js';

/** Optimizer fields tfjs's getWeights omits but the update depends on (Adam's bias correction). */
const EXTRA_STATE_FIELDS = ['accBeta1', 'accBeta2'] as const;

type Named = { name: string; tensor: tf.Tensor };
type Ref = NonNullable<OptimizerWeightSpec['variable']>;

/** Maps each trainable variable name of `models` to (model, index). */
export function variableRefs(models: Record<string, tf.LayersModel>): Map<string, Ref> {
  const refs = new Map<string, Ref>();
  for (const [model, m] of Object.entries(models)) {
    m.trainableWeights.forEach((w, index) =>
      refs.set((w.read() as tf.Variable).name, { model, index }),
    );
  }
  return refs;
}

function slotVariableName(slotName: string): string {
  const cut = slotName.lastIndexOf('/');
  return cut > 0 ? slotName.slice(0, cut) : slotName;
}

function spec(n: Named, refs: Map<string, Ref>): OptimizerWeightSpec {
  if (n.tensor.dtype !== 'float32' && n.tensor.dtype !== 'int32') {
    throw new Error(
      `optimizer weight ${n.name} has dtype ${n.tensor.dtype}; only float32/int32 are saved`,
    );
  }
  const s: OptimizerWeightSpec = {
    name: n.name,
    shape: n.tensor.shape.slice(),
    dtype: n.tensor.dtype,
  };
  const ref = n.name === 'iter' ? undefined : refs.get(slotVariableName(n.name));
  if (ref) s.variable = ref;
  return s;
}

function extraState(optimizer: tf.Optimizer): Named[] {
  const holder = optimizer as unknown as Record<string, unknown>;
  return EXTRA_STATE_FIELDS.flatMap((f) => {
    const v = holder[f];
    return v instanceof tf.Variable ? [{ name: f, tensor: v as tf.Tensor }] : [];
  });
}

/** Reads the optimizer's state: the manifest entry (without `file`) and the raw bytes. */
export async function captureOptimizer(
  optimizer: tf.Optimizer,
  models: Record<string, tf.LayersModel>,
): Promise<{ entry: Omit<OptimizerEntry, 'file'>; bytes: Uint8Array }> {
  const weights = (await optimizer.getWeights()) as Named[];
  const state = extraState(optimizer);
  try {
    const refs = variableRefs(models);
    const all = [...weights, ...state];
    const chunks = await Promise.all(all.map((n) => n.tensor.data()));
    const byteLength = chunks.reduce((s, c) => s + c.byteLength, 0);
    const bytes = new Uint8Array(byteLength);
    let at = 0;
    for (const c of chunks) {
      bytes.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), at);
      at += c.byteLength;
    }
    return {
      entry: {
        className: optimizer.getClassName(),
        config: optimizer.getConfig() as Record<string, unknown>,
        byteLength,
        weights: weights.map((n) => spec(n, refs)),
        state: state.map((n) => spec(n, refs)),
      },
      bytes,
    };
  } finally {
    // getWeights returns a fresh 'iter' scalar; the slot variables belong to the optimizer.
    for (const n of weights) if (!(n.tensor instanceof tf.Variable)) n.tensor.dispose();
  }
}

function decode(
  specs: OptimizerWeightSpec[],
  bytes: Uint8Array,
  start: number,
  file: string,
): tf.Tensor[] {
  let at = start;
  return specs.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const end = at + n * 4;
    if (end > bytes.byteLength)
      throw new Error(`optimizer file ${file} is truncated at weight ${s.name}`);
    const copy = new Uint8Array(bytes.subarray(at, end)).buffer; // Buffer.slice would not copy
    at = end;
    const values = s.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy);
    return tf.tensor(values, s.shape, s.dtype);
  });
}

/**
 * Restores `entry` into `optimizer`. `vars` (the variables the optimizer will update, in the
 * order it sees them) renames the slots and, when they are weights of `models`, reorders them;
 * without `vars`, slots keep their saved order and are renamed after `models`' weights.
 */
export async function restoreOptimizerState(
  name: string,
  entry: OptimizerEntry,
  bytes: Uint8Array,
  optimizer: tf.Optimizer,
  models: Record<string, tf.LayersModel>,
  file: string,
  vars?: tf.Variable[],
): Promise<void> {
  if (optimizer.getClassName() !== entry.className) {
    throw new Error(
      `restoreOptimizer('${name}'): checkpoint holds a ${entry.className} optimizer, got ${optimizer.getClassName()}`,
    );
  }
  if (bytes.byteLength !== entry.byteLength) {
    throw new Error(
      `optimizer file ${file} has ${bytes.byteLength} bytes, manifest says ${entry.byteLength}: corrupt`,
    );
  }
  const specs = entry.weights;
  const tensors = decode([...specs, ...entry.state], bytes, 0, file);
  const weights = tensors.slice(0, specs.length);
  const state = tensors.slice(specs.length);
  try {
    const order = slotOrder(name, specs, models, vars);
    const named: Named[] = order.map((i, k) => ({ name: order.names[k], tensor: weights[i] }));
    const previous = ((await optimizer.getWeights()) as Named[]).map((n) => n.tensor);
    await optimizer.setWeights(named);
    // setWeights replaces the slot variables without disposing the old ones.
    tf.dispose(previous);
    const holder = optimizer as unknown as Record<string, unknown>;
    entry.state.forEach((s, i) => {
      const target = holder[s.name];
      if (target instanceof tf.Variable) target.assign(state[i]);
    });
  } finally {
    tf.dispose(tensors);
  }
}

/** Indices into the saved weights in the order to restore, plus the names to give them. */
function slotOrder(
  name: string,
  specs: OptimizerWeightSpec[],
  models: Record<string, tf.LayersModel>,
  vars: tf.Variable[] | undefined,
): number[] & { names: string[] } {
  const slots = specs.length - 1; // after 'iter'
  const fail = (msg: string): never => {
    throw new Error(`restoreOptimizer('${name}'): ${msg}`);
  };
  if (specs[0]?.name !== 'iter') fail(`first saved weight is '${specs[0]?.name}', expected 'iter'`);
  const nVars = countVariables(specs);
  if (slots === 0) return Object.assign([0], { names: ['iter'] });
  const perVar = slots / nVars;
  // Which saved variable (0..nVars-1) each target position takes.
  let pick: number[] = Array.from({ length: nVars }, (_, i) => i);
  let targetNames: (string | undefined)[] = pick.map((i) => {
    const ref = specs[1 + i].variable;
    return (
      ref &&
      (models[ref.model]?.trainableWeights[ref.index]?.read() as tf.Variable | undefined)?.name
    );
  });
  let targetShapes: (number[] | undefined)[] = pick.map((i) => {
    const ref = specs[1 + i].variable;
    return ref && models[ref.model]?.trainableWeights[ref.index]?.read().shape;
  });
  if (vars) {
    if (vars.length !== nVars)
      fail(`checkpoint has state for ${nVars} variables, got ${vars.length} vars`);
    const loaded = variableRefs(models);
    const savedIndex = new Map(pick.map((i) => [refKey(specs[1 + i].variable), i]));
    const byRef = vars.map((v) => savedIndex.get(refKey(loaded.get(v.name))));
    if (byRef.every((i) => i !== undefined) && new Set(byRef).size === nVars)
      pick = byRef as number[];
    targetNames = vars.map((v) => v.name);
    targetShapes = vars.map((v) => v.shape);
  }
  const order: number[] = [0];
  const names = ['iter'];
  for (let g = 0; g < perVar; g++) {
    pick.forEach((src, k) => {
      const s = specs[1 + g * nVars + src];
      const suffix = s.name.slice(slotVariableName(s.name).length);
      const shape = targetShapes[k];
      if (shape && shape.join('x') !== s.shape.join('x')) {
        fail(
          `slot ${s.name} has shape [${s.shape}], its variable ${targetNames[k]} has [${shape}]`,
        );
      }
      order.push(1 + g * nVars + src);
      names.push(targetNames[k] ? `${targetNames[k]}${suffix}` : s.name);
    });
  }
  return Object.assign(order, { names });
}

function refKey(ref: OptimizerWeightSpec['variable'] | undefined): string | undefined {
  return ref ? `${ref.model}\u0000${ref.index}` : undefined;
}

/** Slots come in groups (Adam: all m, then all v) of one entry per variable; the first group ends
 *  where the slot suffix changes. */
function countVariables(specs: OptimizerWeightSpec[]): number {
  const slots = specs.slice(1);
  if (slots.length === 0) return 0;
  const suffixOf = (n: string) => n.slice(slotVariableName(n).length);
  const first = suffixOf(slots[0].name);
  let n = 0;
  while (n < slots.length && suffixOf(slots[n].name) === first) n++;
  if (slots.length % n !== 0) {
    throw new Error(`optimizer has ${slots.length} slot tensors, not a multiple of ${n} variables`);
  }
  return n;
}
