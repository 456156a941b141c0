import type { AnalyticsTask, TaskContext } from '../analytics/engine.js';
import { int } from '../db/values.js';
import { GDS_PAGERANK_DEFAULTS, pageRank } from './pagerank.js';
import { influenceQueries, INFLUENCE_SLOTS, type InfluenceSlot } from './queries.js';

const WRITE_BATCH = 10_000;
const TOP_INFLUENCERS = 500;

async function scores(context: TaskContext): Promise<{ ids: string[]; scores: Float64Array; iterations: number | null }> {
  if (context.backend === 'gds') {
    return context.withGdsGraph(false, async (graphName) => {
      const rows = await context.db.query(influenceQueries.gdsPageRank, { graphName });
      return { ids: rows.map((row) => row.id), scores: Float64Array.from(rows.map((row) => row.score)), iterations: null };
    });
  }
  const projection = await context.projection();
  await context.progress(0.2, 'pagerank');
  const result = pageRank(projection, GDS_PAGERANK_DEFAULTS);
  return { ids: projection.ids, scores: result.scores, iterations: result.iterations };
}

/**
 * Influence = weighted PageRank over FOLLOWS among consenting users (followees gain), written
 * into the idle slot with its rank, then published with one pointer flip.
 */
export const influenceTask: AnalyticsTask = {
  kind: 'INFLUENCE',
  async run(context) {
    await context.progress(0, 'computing');
    const { ids, scores: values, iterations } = await scores(context);
    const order = Array.from(values.keys()).sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0) || (ids[a] ?? '').localeCompare(ids[b] ?? ''));
    const [current] = await context.db.query(influenceQueries.currentSlot, {});
    const slot: InfluenceSlot = current?.slot === 'A' ? 'B' : 'A';
    const keys = INFLUENCE_SLOTS[slot];
    for (let start = 0; start < order.length; start += WRITE_BATCH) {
      const rows = order.slice(start, start + WRITE_BATCH).map((index, offset) => ({
        id: ids[index] ?? '',
        props: { [keys.score]: values[index] ?? 0, [keys.rank]: int(start + offset + 1), [keys.job]: context.jobId },
      }));
      await context.db.mutate(influenceQueries.writeBatch, { rows });
      await context.progress(0.4 + (0.6 * (start + rows.length)) / Math.max(1, order.length), 'writing');
    }
    await context.db.mutate(influenceQueries.publish, {
      jobId: context.jobId,
      slot,
      count: int(order.length),
      topUserIds: order.slice(0, TOP_INFLUENCERS).map((index) => ids[index] ?? ''),
    });
    return { influenceUsers: int(order.length), ...(iterations === null ? {} : { iterations: int(iterations) }) };
  },
};
