import type { Integer } from 'neo4j-driver';
import type { AnalyticsTask, Projection, TaskContext } from '../analytics/index.js';
import { int } from '../db/values.js';
import { GDS_PAGERANK_DEFAULTS, pageRank } from './pagerank.js';
import { DEFAULT_SPREAD_OPTIONS, prefixSpread } from './ris.js';
import { followerCounts, INTEREST_KOLS_KEPT, kolsForAudience } from './interest-kols.js';
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
 * `kolSampleFloor`: SpreadOptions.minMembers of the KOL-set samples (KOL_SAMPLE_FLOOR).
 */
export function influenceTask(settings: { kolSampleFloor: number }): AnalyticsTask {
  return {
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
      const kol = robustKolOrders(projection, { ...DEFAULT_SPREAD_OPTIONS, maxK: KOL_SET_MAX, seed: context.seed, minMembers: settings.kolSampleFloor });
      context.logger.info(
        { ms: Date.now() - started, samples: kol.samples, capped: kol.capped, worstRatio: Object.fromEntries(kol.worstRatio) },
        'kol sets sampled',
      );
      const topByScore = order
        .slice(0, KOL_SET_MAX)
        .map((index) => position.get(ids[index] ?? '') ?? -1)
        .filter((index) => index >= 0);
      await context.progress(0.7, 'kols per interest');
      const influence = new Float64Array(projection.ids.length);
      ids.forEach((id, i) => {
        const at = position.get(id);
        if (at !== undefined) influence[at] = values[i] ?? 0;
      });
      const interests = await writeInterestKols(context, projection, influence, INFLUENCE_SLOTS[slot].interestKols);
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
        interestsWithKols: int(interests),
        kolSamples: int(kol.samples.reduce((sum, samples) => sum + samples, 0)),
        ...(iterations === null ? {} : { iterations: int(iterations) }),
      };
    },
  };
}

/** Each interest's KOLs (interest-kols.ts) into the run's slot on the Interest nodes; returns how many interests. */
async function writeInterestKols(
  context: TaskContext,
  projection: Projection,
  influence: Float64Array,
  keys: (typeof INFLUENCE_SLOTS)[InfluenceSlot]['interestKols'],
): Promise<number> {
  const position = new Map(projection.ids.map((id, i) => [id, i]));
  const followers = followerCounts(projection);
  const reach = new Uint32Array(projection.ids.length);
  const audience = new Uint8Array(projection.ids.length);
  const [row] = await context.db.query(influenceQueries.interestIds, {});
  const interestIds = row?.ids ?? [];
  let rows: { interestId: string; userIds: string[]; scores: number[]; reach: Integer[] }[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    await context.db.mutate(influenceQueries.writeInterestKols, {
      rows,
      idsKey: keys.ids,
      scoresKey: keys.scores,
      reachKey: keys.reach,
      jobKey: keys.job,
      jobId: context.jobId,
    });
    rows = [];
  };
  for (const [n, interestId] of interestIds.entries()) {
    const [holders] = await context.db.query(influenceQueries.interestAudience, { interestId });
    const marked: number[] = [];
    for (const id of holders?.holders ?? []) {
      const at = position.get(id);
      if (at === undefined) continue;
      audience[at] = 1;
      marked.push(at);
    }
    const kols = kolsForAudience(projection, influence, followers, audience, INTEREST_KOLS_KEPT, reach);
    for (const at of marked) audience[at] = 0;
    rows.push({
      interestId,
      userIds: kols.map((kol) => projection.ids[kol.index] ?? ''),
      scores: kols.map((kol) => kol.score),
      reach: kols.map((kol) => int(kol.topicalReach)),
    });
    if (rows.length >= 20) await flush();
    await context.progress(0.7 + (0.2 * (n + 1)) / interestIds.length, 'kols per interest');
  }
  await flush();
  return interestIds.length;
}

/** A curve cut or padded (with its last value) to `length` entries, so flat lists keep their stride. */
function fit(values: number[], length: number): number[] {
  return Array.from({ length }, (_, i) => values[Math.min(i, values.length - 1)] ?? 0);
}
