/**
 * Validation of typed configs, once, at the edge: every error names the field (with its path,
 * e.g. `a2c.nSteps`), the value received and what is allowed.
 */

/** A config value that failed validation. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  /** Exclusive lower bound (e.g. a learning rate must be > 0). */
  above?: number;
}

function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  const parts: string[] = [];
  if (rule.above !== undefined) parts.push(`> ${rule.above}`);
  if (rule.min !== undefined) parts.push(`>= ${rule.min}`);
  if (rule.max !== undefined) parts.push(`<= ${rule.max}`);
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}

export function checkNumber(path: string, value: unknown, rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.above === undefined || value > rule.above);
  if (!ok)
    throw new ConfigError(`${path} must be ${describeRule(rule)}, got ${JSON.stringify(value)}`);
  return value as number;
}

export function checkEnum<C extends string>(
  path: string,
  value: unknown,
  choices: readonly C[],
): C {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ConfigError(
      `${path} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as C;
}

export function checkBoolean(path: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new ConfigError(`${path} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function checkString(path: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError(`${path} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Rejects keys that `allowed` does not list (a typo would otherwise be silently ignored). */
export function checkKeys(
  path: string,
  value: unknown,
  allowed: readonly string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${path} must be an object, got ${JSON.stringify(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(
        `${path}.${key} is not a known field; known fields: ${allowed.join(', ')}`,
      );
    }
  }
  return value as Record<string, unknown>;
}
