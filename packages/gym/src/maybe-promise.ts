/**
 * A value or a promise of it. The `Env` contract returns `MaybePromise` so that a local game env
 * stays synchronous (no microtask per step when called directly) while a `RemoteEnv` over ZeroMQ
 * or a worker-thread env can answer asynchronously. Generic callers always `await` the result;
 * wrappers use `thenMaybe` so that a wrapped synchronous env stays synchronous.
 */
export type MaybePromise<T> = T | Promise<T>;

/** True when `x` is a promise (or any thenable). */
export function isPromiseLike<T>(x: MaybePromise<T>): x is Promise<T> {
  return (
    typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function'
  );
}

/**
 * Applies `f` to `x`: immediately when `x` is a plain value, after it resolves when it is a
 * promise. Keeps synchronous pipelines synchronous.
 */
export function thenMaybe<T, U>(
  x: MaybePromise<T>,
  f: (value: T) => MaybePromise<U>,
): MaybePromise<U> {
  if (isPromiseLike(x)) return x.then(f);
  return f(x);
}

/** Resolves an array of maybe-promises; synchronous when none of them is a promise. */
export function allMaybe<T>(xs: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  for (const x of xs) if (isPromiseLike(x)) return Promise.all(xs);
  return xs as T[];
}
