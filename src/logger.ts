import { pino, type Logger } from 'pino';

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
