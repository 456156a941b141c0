import type { Logger } from '../logger.js';

/** The process must be gone this long after the first signal, whatever hangs. */
export const SHUTDOWN_DEADLINE_MS = 15_000;

/**
 * One Ctrl-C reaches us more than once: the terminal signals the whole process group, and
 * npm and tsx each relay it to their child as well (seen 31 ms apart). A signal this soon after
 * the first is that echo, not a second Ctrl-C from a person.
 */
const ECHO_WINDOW_MS = 1_000;

/**
 * The one owner of SIGINT/SIGTERM for a long-running process (the API). The first signal runs
 * `stop` (finish requests, interrupt jobs, close the driver, stop the Neo4j we started) and
 * exits 0; if `stop` fails or passes the deadline the process exits 1 anyway, so a supervisor
 * never has to SIGKILL us. A second signal (a second Ctrl-C, not the first one's echo) exits at once.
 *
 * Libraries must not install their own handlers next to this one: Apollo's
 * `stopOnTerminationSignals` is off for that reason (two concurrent `server.stop()` calls
 * waited on each other for ever in @apollo/server 5.5).
 */
export function handleTerminationSignals(logger: Logger, stop: (signal: NodeJS.Signals) => Promise<void>, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  let firstSignalAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt !== null) {
      if (Date.now() - firstSignalAt < ECHO_WINDOW_MS) return;
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    const started = Date.now();
    firstSignalAt = started;
    logger.info({ signal }, 'shutting down');
    // unref: the timer must not be what keeps a finished process alive.
    setTimeout(() => {
      logger.error({ ms: Date.now() - started }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, deadlineMs).unref();
    stop(signal).then(
      () => {
        logger.info({ ms: Date.now() - started }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
