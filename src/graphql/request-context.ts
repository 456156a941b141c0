import type { Logger } from '../logger.js';
import type { Auth } from './auth.js';
import type { Locale } from './locale.js';

/**
 * What graphql/ needs of a request's context: who calls (limits are per key) and where to log.
 * The full context (loaders, services) is the composition root's (src/context.ts); graphql/
 * never imports a feature.
 */
export interface RequestContext {
  requestId: string;
  auth: Auth;
  logger: Logger;
  /** From Accept-Language: the language reasons are phrased in (./locale.ts). */
  locale: Locale;
}
