/**
 * A progress line for long jobs on stderr: done/total, rate, ETA and the latest metrics.
 * On a TTY it redraws one line; elsewhere (CI, pipes) it prints a line at most every
 * `intervalMs` so logs stay readable.
 */
export interface ProgressOptions {
  /** Total units of work (steps, frames); 0 or undefined when unknown. */
  total?: number;
  /** What is counted, e.g. "frames". */
  unit?: string;
  /** Label printed first. */
  label?: string;
  /** Where to write; default process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Minimum time between redraws (TTY) or lines (non-TTY). */
  intervalMs?: number;
  /** Units already done when the bar starts (a resumed run): not counted in the rate. */
  start?: number;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return v.toFixed(0);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

export function formatMetrics(metrics: Record<string, unknown>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : String(v)}`)
    .join(' ');
}

export class Progress {
  private readonly total: number;
  private readonly unit: string;
  private readonly label: string;
  private readonly stream: NodeJS.WriteStream;
  private readonly intervalMs: number;
  private readonly startCount: number;
  private readonly t0 = performance.now();
  private lastDraw = 0;
  private current = 0;
  private metrics: Record<string, unknown> = {};

  constructor(options: ProgressOptions = {}) {
    this.total = options.total ?? 0;
    this.unit = options.unit ?? 'steps';
    this.label = options.label ?? '';
    this.stream = options.stream ?? process.stderr;
    this.startCount = options.start ?? 0;
    this.current = this.startCount;
    this.intervalMs = options.intervalMs ?? (this.stream.isTTY ? 200 : 10_000);
  }

  /** Seconds since the bar started. */
  get elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Units per second since the bar started. */
  get rate(): number {
    return (this.current - this.startCount) / Math.max(this.elapsed, 1e-9);
  }

  update(done: number, metrics?: Record<string, unknown>): void {
    this.current = done;
    if (metrics) this.metrics = { ...this.metrics, ...metrics };
    const now = performance.now();
    if (now - this.lastDraw >= this.intervalMs) {
      this.lastDraw = now;
      this.draw(false);
    }
  }

  /** The current line, without drawing. */
  render(): string {
    const rate = this.rate;
    const parts: string[] = [];
    if (this.label) parts.push(this.label);
    if (this.total > 0) {
      const frac = Math.min(1, this.current / this.total);
      const width = 20;
      const filled = Math.round(frac * width);
      parts.push(
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(1)}%`,
      );
      parts.push(`${this.current}/${this.total} ${this.unit}`);
    } else {
      parts.push(`${this.current} ${this.unit}`);
    }
    parts.push(`${formatNumber(rate)} ${this.unit}/s`);
    parts.push(`elapsed ${formatDuration(this.elapsed)}`);
    if (this.total > 0) parts.push(`ETA ${formatDuration((this.total - this.current) / rate)}`);
    const m = formatMetrics(this.metrics);
    if (m) parts.push(m);
    return parts.join(' | ');
  }

  private draw(final: boolean): void {
    const line = this.render();
    if (this.stream.isTTY) {
      const cols = this.stream.columns || 120;
      this.stream.write(`\r\x1b[2K${line.slice(0, cols - 1)}${final ? '\n' : ''}`);
    } else {
      this.stream.write(line + '\n');
    }
  }

  /** Draws the final state and ends the line. */
  finish(metrics?: Record<string, unknown>): void {
    if (metrics) this.metrics = { ...this.metrics, ...metrics };
    this.draw(true);
  }
}
