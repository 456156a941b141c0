import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

/**
 * One root logger per process. Logs go to stderr so CLI results on stdout stay clean.
 * PII never belongs in logs; redaction is a second line of defence, not the first.
 */
export function createLogger(level: string, name = 'profile-graph', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      name,
      level,
      redact: ['*.password', '*.email', '*.phone', 'password', 'email', 'phone'],
    },
    destination,
  );
}

/**
 * Where a process's logs go: stderr, as JSON lines, unless `pretty` (LOG_FORMAT, config.ts) asks
 * for readable lines and stderr is a terminal: a person reads those, a collector reads the rest.
 * Formatted in this thread (no transport worker): development volumes, and lines stay in order
 * with the CLI's progress bars.
 */
export function logDestination(log: { pretty: boolean }): pino.DestinationStream {
  if (!log.pretty || !process.stderr.isTTY) return pino.destination(2);
  return PinoPretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}
