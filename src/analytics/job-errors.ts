import { toAppError } from '../db/neo4j-errors.js';
import { AppError } from '../errors.js';

/**
 * Why a job failed, as clients may branch on it. `analyticsJob.error` is readable and never a
 * raw driver or stack message (those name lock clients, query text and internals, to any role):
 * the details go to the server log under the job id.
 */
export type JobErrorCode = 'INTERRUPTED' | 'ABANDONED' | 'DATABASE_UNAVAILABLE' | 'RESOURCE_EXHAUSTED' | 'QUERY_TIMEOUT' | 'INTERNAL';

export interface JobFailure {
  code: JobErrorCode;
  message: string;
}

/** Database errors we can explain keep their explanation; anything else reads as INTERNAL. */
export function jobFailure(error: unknown, jobId: string): JobFailure {
  const mapped = toAppError(error);
  if (mapped instanceof AppError) {
    const code = mapped.extensions.code;
    if (code === 'DATABASE_UNAVAILABLE' || code === 'RESOURCE_EXHAUSTED') return { code, message: mapped.message };
    // A job's statements are held to ANALYTICS_TX_TIMEOUT_SECONDS, not the serving timeout: that is the knob.
    if (code === 'QUERY_TIMEOUT')
      return {
        code,
        message:
          'A step ran longer than the database allows one statement (ANALYTICS_TX_TIMEOUT_SECONDS): raise it, or run the job when the server is less busy.',
      };
  }
  return {
    code: 'INTERNAL',
    message: `The job failed unexpectedly; the server log has the details under job ${jobId}. Run it again; if it fails again, report it.`,
  };
}

export const interrupted = (reason: string): JobFailure => ({ code: 'INTERRUPTED', message: `Interrupted: ${reason}; run it again.` });

export const abandoned = (staleAfterMs: number): JobFailure => ({
  code: 'ABANDONED',
  message: `Abandoned: the process running this job stopped (no heartbeat for over ${Math.round(staleAfterMs / 1000)} s); run it again.`,
});
