/** One benchmark line: JSON on stdout. `workload` and `backend` are always present. */
export type BenchLine = { workload: string; backend: string } & Record<
  string,
  number | string | boolean | null
>;

export interface BenchContext {
  /** Seconds of wall time per measured workload (`--seconds`, default 3). */
  seconds: number;
  /** Name of the active tfjs backend (after initBackend). */
  backend: string;
  /** Progress and notes for humans (stderr). */
  log(message: string): void;
}

export interface Benchmark {
  /** Line name(s) this benchmark prints, e.g. `painter-coordconv`. */
  name: string;
  /** Groups it belongs to, for `npm run bench -- GROUP` (e.g. `backend`, `pacman-env`). */
  groups: string[];
  /** Runs the benchmark and returns its lines (each must carry `workload` and `backend`). */
  run(ctx: BenchContext): Promise<BenchLine[]>;
}
