/**
 * The one metrics sink: JSON lines, one object per line, appended and flushed as they come so a
 * crash loses at most the line being written. CLIs, plots and tests all read this format.
 */
import { appendFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';

export type MetricValue = number | string | boolean | null;
export type MetricsRecord = Record<string, MetricValue | MetricValue[]>;

/** Non-finite numbers are not JSON: they are written as the strings "NaN", "Infinity", "-Infinity". */
function encodeValue(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

export class MetricsWriter {
  readonly path: string;

  /** Opens `path` for appending (creates it and its directory). `truncate` starts afresh. */
  constructor(path: string, options: { truncate?: boolean } = {}) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    if (options.truncate || !existsSync(path))
      appendFileSync(path, '', { flag: options.truncate ? 'w' : 'a' });
  }

  write(record: MetricsRecord): void {
    appendFileSync(this.path, JSON.stringify(record, (_k, v) => encodeValue(v)) + '\n');
  }
}

/** Reads a JSON-lines file; a torn last line (crash mid-write) is ignored. */
export function readJsonl<T = MetricsRecord>(path: string): T[] {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n').filter((l) => l.trim().length > 0);
  const out: T[] = [];
  lines.forEach((line, i) => {
    try {
      out.push(JSON.parse(line) as T);
    } catch (err) {
      if (i !== lines.length - 1)
        throw new SyntaxError(`${path}:${i + 1}: invalid JSON line: ${(err as Error).message}`);
    }
  });
  return out;
}

/** Keeps the last `size` values and their mean, e.g. the return of the last 100 episodes. */
export class RollingMean {
  private readonly values: number[] = [];
  constructor(readonly size: number) {}
  push(v: number): void {
    this.values.push(v);
    if (this.values.length > this.size) this.values.shift();
  }
  get count(): number {
    return this.values.length;
  }
  mean(): number {
    return this.values.length ? this.values.reduce((a, b) => a + b, 0) / this.values.length : NaN;
  }
  min(): number {
    return this.values.length ? Math.min(...this.values) : NaN;
  }
  max(): number {
    return this.values.length ? Math.max(...this.values) : NaN;
  }
  toArray(): number[] {
    return [...this.values];
  }
}
