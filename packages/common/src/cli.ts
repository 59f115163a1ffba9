/**
 * Command-line options for every CoordConv Lab CLI: typed, validated once at the edge, with
 * errors that name the option, the value and what is allowed, a generated `--help`, and
 * `--config FILE` (a JSON object whose keys are option names) for the same values from a file.
 * Command-line flags override the config file, which overrides the defaults.
 */
import { readFileSync } from 'node:fs';

interface BaseSpec {
  /** One line for --help. */
  help: string;
  /** Must be given (on the command line or in --config). */
  required?: boolean;
}
export interface IntSpec extends BaseSpec {
  type: 'int';
  default?: number;
  min?: number;
  max?: number;
}
export interface FloatSpec extends BaseSpec {
  type: 'float';
  default?: number;
  min?: number;
  max?: number;
}
export interface StringSpec extends BaseSpec {
  type: 'string';
  default?: string;
}
export interface EnumSpec<C extends string = string> extends BaseSpec {
  type: 'enum';
  choices: readonly C[];
  default?: C;
}
export interface BooleanSpec extends BaseSpec {
  type: 'boolean';
  default?: boolean;
}
/** A comma-separated list of choices, e.g. `--tasks classification,regression`. */
export interface ListSpec<C extends string = string> extends BaseSpec {
  type: 'list';
  choices: readonly C[];
  default?: readonly C[];
}

export type OptionSpec = IntSpec | FloatSpec | StringSpec | EnumSpec | BooleanSpec | ListSpec;
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S extends IntSpec | FloatSpec
  ? number
  : S extends EnumSpec<infer C>
    ? C
    : S extends ListSpec<infer C>
      ? C[]
      : S extends BooleanSpec
        ? boolean
        : string;
type HasValue<S extends OptionSpec> = S extends { default: unknown }
  ? true
  : S extends { required: true }
    ? true
    : S extends BooleanSpec
      ? true
      : false;

/** Parsed options: options with a default, `required` or boolean are always present. */
export type CliValues<S extends OptionSpecs> = {
  -readonly [K in keyof S as HasValue<S[K]> extends true ? K : never]: ValueOf<S[K]>;
} & {
  -readonly [K in keyof S as HasValue<S[K]> extends true ? never : K]?: ValueOf<S[K]>;
} & { /** Positional arguments. */ _: string[] };

export interface CliDefinition<S extends OptionSpecs> {
  /** Command name as the user types it, e.g. `nx run agent:train --`. */
  name: string;
  /** A paragraph for --help. */
  description: string;
  options: S;
  /** Extra text after the option list (examples). */
  epilog?: string;
  /** Accept `--config FILE`; default true. */
  configFile?: boolean;
}

/**
 * Declares a CLI with literal option types preserved (so parsed values are typed), e.g.
 * `const cli = defineCli({ name, description, options: { steps: { type: 'int', default: 10, help } } })`.
 */
export function defineCli<const S extends OptionSpecs>(def: CliDefinition<S>): CliDefinition<S> {
  return def;
}

/** A bad command line: the message names the option and what is allowed. */
export class CliError extends Error {
  override name = 'CliError';
}

/** `budgetS` -> `budget-s`. */
export function toKebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
function toCamel(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function describeAllowed(spec: OptionSpec): string {
  switch (spec.type) {
    case 'int':
    case 'float': {
      const kind = spec.type === 'int' ? 'an integer' : 'a number';
      if (spec.min !== undefined && spec.max !== undefined)
        return `${kind} in [${spec.min}, ${spec.max}]`;
      if (spec.min !== undefined) return `${kind} >= ${spec.min}`;
      if (spec.max !== undefined) return `${kind} <= ${spec.max}`;
      return kind;
    }
    case 'enum':
      return `one of ${spec.choices.join(', ')}`;
    case 'list':
      return `a comma-separated list of ${spec.choices.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a string';
  }
}

function coerce(flag: string, spec: OptionSpec, raw: unknown): unknown {
  const bad = (): never => {
    throw new CliError(`--${flag}: expected ${describeAllowed(spec)}, got ${JSON.stringify(raw)}`);
  };
  switch (spec.type) {
    case 'int':
    case 'float': {
      const v =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw.replace(/_/g, ''))
            : NaN;
      // Allow 1e6 style for integers too.
      if (!Number.isFinite(v)) bad();
      if (spec.type === 'int' && !Number.isInteger(v)) bad();
      if (spec.min !== undefined && v < spec.min) bad();
      if (spec.max !== undefined && v > spec.max) bad();
      return v;
    }
    case 'enum': {
      if (typeof raw !== 'string' || !spec.choices.includes(raw)) bad();
      return raw;
    }
    case 'list': {
      const items = Array.isArray(raw)
        ? raw
        : typeof raw === 'string'
          ? raw
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : bad();
      if (items.length === 0) bad();
      for (const it of items) {
        if (typeof it !== 'string' || !spec.choices.includes(it)) {
          throw new CliError(
            `--${flag}: ${JSON.stringify(it)} is not allowed; expected ${describeAllowed(spec)}`,
          );
        }
      }
      return [...new Set(items)];
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === '1' || raw === 'yes') return true;
      if (raw === 'false' || raw === '0' || raw === 'no') return false;
      return bad();
    }
    case 'string': {
      if (typeof raw !== 'string' || raw === '') bad();
      return raw;
    }
  }
}

/** The --help text. */
export function formatHelp<S extends OptionSpecs>(def: CliDefinition<S>): string {
  const rows: [string, string][] = [];
  for (const [key, spec] of Object.entries(def.options)) {
    const flag = `--${toKebab(key)}`;
    const left =
      spec.type === 'boolean'
        ? flag
        : `${flag} ${spec.type === 'enum' || spec.type === 'list' ? spec.choices.join('|') : spec.type.toUpperCase()}`;
    let right = spec.help;
    if (spec.default !== undefined)
      right += ` (default: ${Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default)})`;
    if (spec.required) right += ' (required)';
    rows.push([left, right]);
  }
  if (def.configFile !== false)
    rows.push([
      '--config FILE',
      'read options from a JSON object {"option": value}; flags given here win',
    ]);
  rows.push(['--help', 'show this help']);
  const width = Math.min(40, Math.max(...rows.map(([l]) => l.length)) + 2);
  const lines = rows.map(([l, r]) =>
    l.length + 2 > width ? `  ${l}\n  ${' '.repeat(width)}${r}` : `  ${l.padEnd(width)}${r}`,
  );
  return (
    [
      `Usage: ${def.name} [options]`,
      '',
      def.description,
      '',
      'Options:',
      ...lines,
      ...(def.epilog ? ['', def.epilog] : []),
    ].join('\n') + '\n'
  );
}

/** Parses argv (without node and script). Throws CliError on bad input; returns null for --help. */
export function parseCli<const S extends OptionSpecs>(
  def: CliDefinition<S>,
  argv: readonly string[],
): CliValues<S> | null {
  const specs = def.options as OptionSpecs;
  const byFlag = new Map<string, string>();
  for (const key of Object.keys(specs)) byFlag.set(toKebab(key), key);
  const given: Record<string, unknown> = {};
  const positional: string[] = [];
  let configPath: string | undefined;
  const valid = () => [...byFlag.keys()].map((f) => `--${f}`).join(', ');

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    if (arg === '--help' || arg === '-h') return null;
    let flag = arg.slice(2);
    let inline: string | undefined;
    const eq = flag.indexOf('=');
    if (eq >= 0) {
      inline = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    if (flag === 'config' && def.configFile !== false) {
      configPath = inline ?? argv[++i];
      if (!configPath) throw new CliError('--config: expected a path to a JSON file');
      continue;
    }
    let key = byFlag.get(flag);
    if (
      !key &&
      flag.startsWith('no-') &&
      specs[byFlag.get(flag.slice(3)) ?? '']?.type === 'boolean'
    ) {
      given[byFlag.get(flag.slice(3)) as string] = false;
      continue;
    }
    if (!key) {
      // Accept camelCase spellings too (--budgetS), but suggest the kebab form in errors.
      key = Object.keys(specs).find((k) => k === flag || k === toCamel(flag));
      if (!key) throw new CliError(`unknown option --${flag}; valid options: ${valid()}`);
    }
    const spec = specs[key] as OptionSpec;
    if (spec.type === 'boolean' && inline === undefined) {
      const next = argv[i + 1];
      if (next === 'true' || next === 'false') {
        given[key] = coerce(toKebab(key), spec, next);
        i++;
      } else given[key] = true;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined)
      throw new CliError(`--${toKebab(key)}: missing value; expected ${describeAllowed(spec)}`);
    given[key] = coerce(toKebab(key), spec, raw);
  }

  const out: Record<string, unknown> = { _: positional };
  if (configPath) {
    let cfg: unknown;
    try {
      cfg = JSON.parse(readFileSync(configPath, 'utf8'));
    } catch (err) {
      throw new CliError(`--config: cannot read ${configPath}: ${(err as Error).message}`);
    }
    if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg))
      throw new CliError(`--config: ${configPath} must hold a JSON object`);
    for (const [rawKey, v] of Object.entries(cfg)) {
      const key = specs[rawKey] ? rawKey : (byFlag.get(rawKey) ?? byFlag.get(toKebab(rawKey)));
      if (!key)
        throw new CliError(
          `--config: unknown option "${rawKey}" in ${configPath}; valid options: ${valid()}`,
        );
      out[key] = coerce(toKebab(key), specs[key] as OptionSpec, v);
    }
  }
  for (const [key, spec] of Object.entries(specs)) {
    if (key in given) out[key] = given[key];
    else if (!(key in out)) {
      if (spec.default !== undefined)
        out[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
      else if (spec.type === 'boolean') out[key] = false;
    }
    if (spec.required && out[key] === undefined)
      throw new CliError(`--${toKebab(key)} is required: ${spec.help}`);
  }
  return out as CliValues<S>;
}

/**
 * Parses `process.argv`, prints help or a one-line error (exit code 2) and otherwise runs `main`.
 * Errors thrown by `main` are printed without a stack unless COORDCONV_DEBUG is set.
 */
export async function runCli<const S extends OptionSpecs>(
  def: CliDefinition<S>,
  main: (options: CliValues<S>) => Promise<void> | void,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  let options: CliValues<S> | null;
  try {
    options = parseCli(def, argv);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(
        `${def.name}: error: ${err.message}\nRun with --help for the options.\n`,
      );
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  if (options === null) {
    process.stdout.write(formatHelp(def));
    return;
  }
  try {
    await main(options);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${def.name}: error: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (process.env.COORDCONV_DEBUG) throw err;
    process.stderr.write(`${def.name}: error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
