import { AppError, BadInputError } from '../errors.js';
import type { JobSpec, TaskContext } from './task.js';
import type { AnalyticsBackendName, AnalyticsKind } from './jobs.js';

/** A job as asked for by either entry point (runAnalytics, `analytics run`): unset means default. */
export interface JobRequest {
  kinds: readonly AnalyticsKind[];
  backend?: AnalyticsBackendName | null;
  seed?: number | null;
  resolution?: number | null;
  weighting?: TaskContext['weighting'] | null;
}

export const DEFAULT_SEED = 42;

/**
 * The argument rules of an analytics job, in one place so the API and the CLI cannot drift
 * (the CLI once accepted in-process-only options for GDS, which ignored and recorded them).
 * `backendFor` resolves an unset backend (auto) or reports the requested one unavailable.
 */
export function checkJobRequest(
  request: JobRequest,
  backendFor: (requested: AnalyticsBackendName | null) => AnalyticsBackendName | { unavailable: string },
): JobSpec {
  const kinds = [...new Set(request.kinds)].sort();
  if (kinds.length === 0) throw new BadInputError('Name at least one kind of analytics: INFLUENCE, COMMUNITIES, TAGS, RECOMMENDATIONS.', { argument: 'kinds' });
  const backend = backendFor(request.backend ?? null);
  if (typeof backend === 'object') throw new AppError(backend.unavailable, 'ANALYTICS_BACKEND_UNAVAILABLE');
  const seed = request.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new BadInputError(`seed must be an integer; got ${seed}.`, { argument: 'seed' });
  const resolution = request.resolution ?? 1;
  if (!(resolution > 0 && resolution <= 10)) throw new BadInputError(`resolution must be in (0, 10]; got ${resolution}.`, { argument: 'resolution' });
  // Embeddedness recovers known communities better on every graph measured, GDS's Leiden
  // included (docs/ALGORITHMS.md#communities), so it is the default on both backends. GDS
  // cannot weigh ties by it: a GDS job detects those communities in-process
  // (communities/jobs.ts) and says so (communitiesBackend); FOLLOW_WEIGHT keeps gds.leiden.
  const weighting = request.weighting ?? 'EMBEDDEDNESS';
  return { kinds, backend, seed, resolution, weighting };
}
