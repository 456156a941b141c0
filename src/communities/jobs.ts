import type { AnalyticsTask } from '../analytics/index.js';
import { int, toSafeNumber } from '../db/values.js';
import { detectCommunities, modularityShares, partitionFromLabels, undirectedTies, type Partition } from './partition.js';
import { communityQueries } from './queries.js';
import { chunks } from '../lib/chunks.js';

const WRITE_BATCH = 10_000;

/**
 * Communities = Leiden over the undirected follow graph of consenting users: leiden.ts on
 * embeddedness-weighted ties (the default, on either backend: GDS cannot weigh ties by
 * embeddedness, and its follow-weight partitions recovered known communities up to 0.14 NMI
 * worse, docs/ALGORITHMS.md#communities), or with FOLLOW_WEIGHT on the GDS backend seeded
 * single-threaded gds.leiden. The partition is made connected, written as a
 * new run's (:Community) nodes and MEMBER_OF relationships, published by one pointer flip;
 * the previous run is then deleted.
 */
export const communitiesTask: AnalyticsTask = {
  kind: 'COMMUNITIES',
  async run(context) {
    await context.progress(0, 'projecting');
    const projection = await context.projection();
    await context.progress(0.1, 'detecting communities');
    let partition: Partition;
    // The projection is in this process already (it is streamed for either backend), so the
    // in-process Leiden needs no more than its CSR copy of it.
    const backend = context.backend === 'gds' && context.weighting === 'FOLLOW_WEIGHT' ? 'gds' : 'inprocess';
    if (backend === 'gds') {
      const index = new Map(projection.ids.map((id, i) => [id, i]));
      const labels = new Uint32Array(projection.ids.length);
      await context.withGdsGraph(true, async (graphName) => {
        for (const row of await context.db.query(communityQueries.gdsLeiden, { graphName, seed: int(context.seed), resolution: context.resolution })) {
          const i = index.get(row.id);
          if (i !== undefined) labels[i] = toSafeNumber(row.communityId);
        }
      });
      partition = partitionFromLabels(undirectedTies(projection), labels);
    } else {
      partition = detectCommunities(projection, { seed: context.seed, resolution: context.resolution, weighting: context.weighting });
    }
    await context.progress(0.4, 'writing');
    const shares = modularityShares(projection, partition.membership);
    const sizes = new Uint32Array(partition.count);
    for (const community of partition.membership) sizes[community] = (sizes[community] ?? 0) + 1;
    const communityId = (index: number) => `${context.jobId}-${index}`;
    const communities = Array.from(sizes, (size, index) => ({
      id: communityId(index),
      index: int(index),
      size: int(size),
      modularityShare: shares[index] ?? 0,
    }));
    for (const rows of chunks(communities, WRITE_BATCH)) await context.db.mutate(communityQueries.createCommunities, { jobId: context.jobId, rows });
    const memberships = projection.ids.map((userId, index) => ({ userId, communityId: communityId(partition.membership[index] ?? 0) }));
    let written = 0;
    for (const rows of chunks(memberships, WRITE_BATCH)) {
      await context.db.mutate(communityQueries.writeMembership, { rows });
      written += rows.length;
      await context.progress(0.4 + (0.55 * written) / Math.max(1, memberships.length), 'writing');
    }
    const [published] = await context.db.mutate(communityQueries.publish, { jobId: context.jobId });
    if (published?.previous) await context.db.autoCommit(communityQueries.deleteRun, { jobId: published.previous });
    return {
      modularity: partition.modularity,
      communityCount: int(partition.count),
      resolution: context.resolution,
      weighting: context.weighting,
      communitiesBackend: backend,
    };
  },
};
