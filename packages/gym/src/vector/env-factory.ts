import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Env } from '../env.js';
import { GymError, describeValue } from '../errors.js';

/**
 * How to build an env anywhere, including inside a worker thread (functions cannot cross
 * threads): import `module`, take its export `exportName`, and call it with `args`. A class is
 * constructed with `new`, any other function is called; either may return a promise.
 */
export interface EnvFactory {
  /**
   * A package specifier (`'@coordconv/gym'`), a `file:` URL or an absolute path. Relative paths
   * are rejected (relative to what, in a worker?): use
   * `new URL('./my-env.ts', import.meta.url).href`.
   */
  module: string;
  /** Export to use; default `'default'`. */
  exportName?: string;
  /** Arguments (structured-cloneable: JSON-like values, typed arrays). */
  args?: readonly unknown[];
}

/** Validates a factory spec; errors name the field. */
export function checkEnvFactory(factory: EnvFactory, where = 'EnvFactory'): void {
  if (typeof factory !== 'object' || factory === null) {
    throw new GymError(
      `${where} must be {module, exportName?, args?}, got ${describeValue(factory)}`,
    );
  }
  if (typeof factory.module !== 'string' || factory.module === '') {
    throw new GymError(
      `${where}.module must be a non-empty string, got ${describeValue(factory.module)}`,
    );
  }
  if (factory.module.startsWith('./') || factory.module.startsWith('../')) {
    throw new GymError(
      `${where}.module must be a package name, file: URL or absolute path, got the relative path ${JSON.stringify(factory.module)}; use new URL(path, import.meta.url).href`,
    );
  }
  if (factory.exportName !== undefined && typeof factory.exportName !== 'string') {
    throw new GymError(
      `${where}.exportName must be a string, got ${describeValue(factory.exportName)}`,
    );
  }
  if (factory.args !== undefined && !Array.isArray(factory.args)) {
    throw new GymError(`${where}.args must be an array, got ${describeValue(factory.args)}`);
  }
}

/** Imports the factory's module and builds the env. */
export async function makeEnvFromFactory(factory: EnvFactory): Promise<Env> {
  checkEnvFactory(factory);
  const specifier = isAbsolute(factory.module)
    ? pathToFileURL(factory.module).href
    : factory.module;
  const name = factory.exportName ?? 'default';
  const mod = (await import(specifier)) as Record<string, unknown>;
  const exported = mod[name];
  if (typeof exported !== 'function') {
    const available = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new GymError(
      `EnvFactory: ${factory.module} has no function or class export ${JSON.stringify(name)}; function exports: ${available.join(', ') || '(none)'}`,
    );
  }
  const args = factory.args ?? [];
  const isClass = Function.prototype.toString.call(exported).startsWith('class');
  const env = isClass
    ? new (exported as new (...a: unknown[]) => unknown)(...args)
    : await (exported as (...a: unknown[]) => unknown)(...args);
  if (!isEnvLike(env)) {
    throw new GymError(
      `EnvFactory: ${factory.module}#${name}(${args.map((a) => describeValue(a)).join(', ')}) did not return an Env (needs reset, step, observationSpace, actionSpace), got ${describeValue(env)}`,
    );
  }
  return env;
}

function isEnvLike(x: unknown): x is Env {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  return (
    typeof e.reset === 'function' &&
    typeof e.step === 'function' &&
    e.observationSpace !== undefined &&
    e.actionSpace !== undefined
  );
}
