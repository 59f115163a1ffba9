/**
 * Ctrl-C without losing work: the first SIGINT/SIGTERM sets a flag that training loops poll
 * between steps (so they can write a checkpoint and exit cleanly); a second one exits at once.
 */
export interface StopSignal {
  /** True once the user asked to stop. */
  readonly stopped: boolean;
  /** Removes the signal handlers. */
  dispose(): void;
}

export function onInterrupt(
  message = 'stopping after this step; press Ctrl-C again to abort',
): StopSignal {
  let stopped = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopped) {
      process.stderr.write(`\n${signal} again: aborting\n`);
      process.exit(130);
    }
    stopped = true;
    process.stderr.write(`\n${signal}: ${message}\n`);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    get stopped() {
      return stopped;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
