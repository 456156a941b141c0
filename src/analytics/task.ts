/** What an analytics task (influence, communities) is given and what a job asks for: the engine's contract with the features. */
import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import type { AnalyticsBackendName, AnalyticsKind } from './jobs.js';
import type { Projection } from './projection.js';

export interface TaskContext {
  db: Db;
  jobId: string;
  backend: AnalyticsBackendName;
  seed: number;
  /** Modularity resolution γ for community detection (1 = classic modularity). */
  resolution: number;
  /** How community detection weighs ties; EMBEDDEDNESS is detected in-process on either backend (communities/jobs.ts). */
  weighting: 'FOLLOW_WEIGHT' | 'EMBEDDEDNESS';
  logger: Logger;
  /** The consenting users' follow graph, streamed once per job and shared by its tasks. */
  projection: () => Promise<Projection>;
  /** Runs `work` on a GDS projection (both directions when asked) and always drops it. */
  withGdsGraph: <T>(bothDirections: boolean, work: (graphName: string) => Promise<T>) => Promise<T>;
  /** Reports progress within the task, 0..1. */
  progress: (fraction: number, phase: string) => Promise<void>;
}

export interface AnalyticsTask {
  kind: AnalyticsKind;
  run(context: TaskContext): Promise<Record<string, unknown>>;
}

/** What a job computes, beyond the job node itself. */
export interface JobSpec {
  kinds: AnalyticsKind[];
  backend: AnalyticsBackendName;
  seed: number;
  resolution: number;
  weighting: TaskContext['weighting'];
}
