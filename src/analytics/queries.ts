import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';

export type JobMap = Record<string, unknown> & { id: string };

/** Which runs readers see (analytics/current-results.cypher; page look-aheads return it too). */
export interface CurrentResultsRow {
  influenceJobId: string | null;
  influenceSlot: string | null;
  influenceCount: Integer | null;
  communityJobId: string | null;
}

export const analyticsQueries = {
  claimKinds: cypher<{ kind: string; jobId: string; createdAt: DateTime }, { kinds: string[]; now: DateTime; staleBefore: DateTime }>('analytics/claim-kinds'),
  createJob: cypher<{ job: JobMap }, { id: string; kinds: string[]; backend: string; seed: Integer; now: DateTime }>('analytics/create-job'),
  updateJob: cypher<{ id: string }, { id: string; progress: number; phase: string; now: DateTime }>('analytics/update-job'),
  heartbeatJob: cypher<{ id: string }, { id: string; now: DateTime }>('analytics/heartbeat-job'),
  failAbandonedJobs: cypher<{ failed: Integer }, { before: DateTime; now: DateTime; error: string; errorCode: string }>('analytics/fail-abandoned-jobs'),
  finishJob: cypher<
    { job: JobMap },
    { id: string; status: string; error: string | null; errorCode: string | null; now: DateTime; stats: Record<string, unknown> }
  >('analytics/finish-job'),
  jobsByIds: cypher<{ job: JobMap }, { ids: string[] }>('analytics/job-by-id'),
  recentJobs: cypher<{ job: JobMap }, { limit: Integer }>('analytics/recent-jobs'),
  currentResults: cypher<CurrentResultsRow, Record<string, never>>('analytics/current-results'),
  streamUsers: cypher<{ id: string }, { after: string; limit: Integer }>('analytics/stream-users'),
  streamFollowEdges: cypher<{ source: string; targets: [string | null, number][] }, { after: string; limit: Integer }>('analytics/stream-follow-edges'),
  gdsProject: cypher<{ nodeCount: Integer; relationshipCount: Integer }, { graphName: string; bothDirections: boolean }>('analytics/gds/project'),
  gdsDropGraph: cypher<{ graphName: string }, { graphName: string }>('analytics/gds/drop-graph'),
} as const;
