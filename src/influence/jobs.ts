import type { AnalyticsTask, TaskContext } from '../analytics/index.js';
import { int } from '../db/values.js';
import { GDS_PAGERANK_DEFAULTS, pageRank } from './pagerank.js';
import { DEFAULT_SPREAD_OPTIONS, prefixSpread } from './ris.js';
import { robustKolOrders } from './robust-spread.js';
import { influenceQueries, INFLUENCE_SLOTS, type InfluenceSlot } from './queries.js';
import { chunks } from '../lib/chunks.js';
import { compareIds } from '../lib/compare-ids.js';

const WRITE_BATCH = 10_000;
const TOP_INFLUENCERS = 500;
/** How many users the spread-maximising KOL order is computed for (kolSet's k is capped by it). */
export const KOL_SET_MAX = 100;

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
    const order = Array.from(values.keys()).sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0) || compareIds(ids[a] ?? '', ids[b] ?? ''));
    const [current] = await context.db.query(influenceQueries.currentSlot, {});
    const slot: InfluenceSlot = current?.slot === 'A' ? 'B' : 'A';
    const keys = INFLUENCE_SLOTS[slot];
    let written = 0;
    for (const chunk of chunks(order, WRITE_BATCH)) {
      const rows = chunk.map((index, offset) => ({
        id: ids[index] ?? '',
        props: { [keys.score]: values[index] ?? 0, [keys.rank]: int(written + offset + 1), [keys.job]: context.jobId },
      }));
      await context.db.mutate(influenceQueries.writeBatch, { rows });
      written += rows.length;
      await context.progress(0.2 + (0.2 * written) / Math.max(1, order.length), 'writing');
    }
    // KOL sets: seeds that maximise expected reach under independent cascades, for each
    // probability of the grid and one robust to not knowing it (robust-spread.ts), and for
    // comparison the reach of the top-k by PageRank, estimated on the same samples.
    await context.progress(0.4, 'kol sets');
    const projection = await context.projection();
    const position = new Map(projection.ids.map((id, i) => [id, i]));
    const started = Date.now();
    const kol = robustKolOrders(projection, { ...DEFAULT_SPREAD_OPTIONS, maxK: KOL_SET_MAX, seed: context.seed });
    context.logger.info(
      { ms: Date.now() - started, samples: kol.samples, capped: kol.capped, worstRatio: Object.fromEntries(kol.worstRatio) },
      'kol sets sampled',
    );
    const topByScore = order
      .slice(0, KOL_SET_MAX)
      .map((index) => position.get(ids[index] ?? '') ?? -1)
      .filter((index) => index >= 0);
    const stride = kol.robust.length;
    const orders = [kol.robust, ...kol.perProbability];
    await context.db.mutate(influenceQueries.publish, {
      jobId: context.jobId,
      slot,
      count: int(order.length),
      topUserIds: order.slice(0, TOP_INFLUENCERS).map((index) => ids[index] ?? ''),
      kolSetOrder: orders.flatMap((kolOrder) => kolOrder.map((index) => projection.ids[index] ?? '')),
      kolSetSpread: kol.reach.flatMap((byProbability) => byProbability.flatMap((reach) => reach.slice(0, stride))),
      topKSpread: kol.validation.flatMap((validation) => fit(prefixSpread(validation, topByScore), stride)),
      kolProbabilities: kol.probabilities,
      kolStride: int(stride),
    });
    return {
      influenceUsers: int(order.length),
      kolSamples: int(kol.samples.reduce((sum, samples) => sum + samples, 0)),
      ...(iterations === null ? {} : { iterations: int(iterations) }),
    };
  },
};

/** A curve cut or padded (with its last value) to `length` entries, so flat lists keep their stride. */
function fit(values: number[], length: number): number[] {
  return Array.from({ length }, (_, i) => values[Math.min(i, values.length - 1)] ?? 0);
}
