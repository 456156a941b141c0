/**
 * Group portraits (人群画像): who is in a group (a segment, a community, a lookalike audience,
 * a rule being previewed) by gender, age band, region, occupation, lifecycle, value tier and
 * churn risk; which interests, products and categories over-index in it (TGI); its KOLs; and
 * how it compares with another group.
 *
 * Every group is a rule (src/segments/rules.ts) so every statement is one fixed template with
 * the group's predicate in it: a portrait costs one statement per part asked for, whatever the
 * group's size. k-anonymity: a bucket or trait held by fewer than `minBucketSize` members is
 * not shown (only counted as suppressed), and a group smaller than that shows no breakdown.
 */
import type { Integer } from 'neo4j-driver';
import { cypher, type CypherQuery } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { toKol, type KeyOpinionLeader, type KolRow, type PublishedInfluence } from '../influence/index.js';
import { compareIds } from '../lib/compare-ids.js';
import { ageBand, lifecycleCutoffs } from '../profiles/index.js';
import {
  NO_SAMPLING,
  sampledRule,
  scaled,
  sizeEstimate,
  withRule,
  type CompiledRule,
  type Sampling,
  type SegmentRule,
  type SizeEstimate,
} from '../segments/index.js';

type TraitMap = { id: string; name: string; users: Integer; holders: Integer };
type GroupParams = { reachableOnly: boolean } & Record<string, unknown>;

const portraitQueries = {
  distributions: cypher<{ dimension: string; value: string | null; users: Integer }, GroupParams>('portraits/distributions'),
  // Each also takes its own parameters ($limit, $interestIds, the influence slot's keys).
  topInterests: cypher<{ population: Integer; traits: TraitMap[] }, GroupParams>('portraits/top-interests'),
  topProducts: cypher<{ population: Integer; traits: TraitMap[] }, GroupParams>('portraits/top-products'),
  topCategories: cypher<{ population: Integer; traits: TraitMap[] }, GroupParams>('portraits/top-categories'),
  interestCounts: cypher<{ id: string; users: Integer }, GroupParams>('portraits/interest-counts'),
  keyOpinionLeaders: cypher<KolRow, GroupParams>('portraits/key-opinion-leaders'),
} as const;

export const PORTRAIT_DIMENSIONS = ['GENDER', 'AGE_BAND', 'REGION', 'OCCUPATION', 'LIFECYCLE', 'VALUE_TIER', 'CHURN_RISK'] as const;
export type PortraitDimension = (typeof PORTRAIT_DIMENSIONS)[number];
export type TraitKind = 'INTERESTS' | 'PRODUCTS' | 'CATEGORIES';

/** Whom a portrait describes: members of a rule, with marketing consent too when `reachableOnly` (segments). */
export interface PortraitGroup {
  rule: SegmentRule;
  reachableOnly: boolean;
  /**
   * A group given as a rule (a preview, `portrait(group: {rule})`): over a large population it is
   * portrayed from a uniform sample of users (segments/sampling.ts). Segments, communities and
   * lists of ids are read member by member, always exactly.
   */
  sampled?: boolean;
}

/** The GraphQL parent of Portrait: its group; parts are computed when asked for. */
export interface Portrait {
  group: PortraitGroup;
}

export interface PortraitBucket {
  value: string;
  users: number;
  share: number;
}

export interface PortraitDistribution {
  dimension: PortraitDimension;
  buckets: PortraitBucket[];
  suppressedBuckets: number;
  suppressedUsers: number;
}

export interface PortraitTrait {
  id: string;
  name: string;
  users: number;
  share: number;
  populationShare: number;
  /** share ÷ populationShare × 100: above 100 the trait over-indexes in the group. */
  tgi: number;
}

/** Counts as read: of the sample when `fraction` is set (shown scaled by 1 / fraction; k-anonymity applies to them as read). */
interface Distributions {
  size: number;
  byDimension: Map<PortraitDimension, Map<string, number>>;
  fraction: number | null;
}

const CHURN_FIFTHS = ['0.0-0.2', '0.2-0.4', '0.4-0.6', '0.6-0.8', '0.8-1.0'];
const UNKNOWN = 'UNKNOWN';

export class PortraitsService {
  private readonly compiled = new Map<string, Promise<CompiledRule>>();
  private readonly distributionsByGroup = new Map<string, Promise<Distributions>>();

  /**
   * @param compile the rule compiler (segment references resolved) at the request's clock
   * @param minBucketSize k of k-anonymity
   */
  constructor(
    private readonly db: Db,
    private readonly compile: (rule: SegmentRule) => Promise<CompiledRule>,
    private readonly influence: () => Promise<PublishedInfluence | null>,
    readonly minBucketSize: number,
    private readonly now: Date,
    private readonly sampling: Sampling = NO_SAMPLING,
  ) {}

  portrait(group: PortraitGroup): Portrait {
    return { group };
  }

  /** The group's size: estimated from the sample when the portrait was sampled (estimate). */
  async size(group: PortraitGroup): Promise<number> {
    const { size, fraction } = await this.distributions(group);
    return fraction === null ? size : scaled(size, fraction);
  }

  /** How the portrait's counts were estimated; null when they are exact. */
  async estimate(group: PortraitGroup): Promise<SizeEstimate | null> {
    const { size, fraction } = await this.distributions(group);
    return fraction === null ? null : sizeEstimate(size, fraction, await this.sampling.sampledUsers(fraction));
  }

  /** Under k-anonymity, whether the group is too small to show anything (judged on the counts as read). */
  async suppressed(group: PortraitGroup): Promise<boolean> {
    return (await this.distributions(group)).size < this.minBucketSize;
  }

  async distribution(group: PortraitGroup, dimension: PortraitDimension): Promise<PortraitDistribution> {
    const { size, byDimension, fraction } = await this.distributions(group);
    const shownAs = (users: number) => (fraction === null ? users : scaled(users, fraction));
    const counts = [...(byDimension.get(dimension) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]));
    const shown = size >= this.minBucketSize ? counts.filter(([, users]) => users >= this.minBucketSize) : [];
    const hidden = counts.filter((entry) => !shown.includes(entry));
    return {
      dimension,
      buckets: shown.map(([value, users]) => ({ value, users: shownAs(users), share: users / size })),
      suppressedBuckets: hidden.length,
      suppressedUsers: shownAs(hidden.reduce((sum, [, users]) => sum + users, 0)),
    };
  }

  async traits(group: PortraitGroup, kind: TraitKind, limit: number): Promise<{ traits: PortraitTrait[]; suppressed: number }> {
    const query = { INTERESTS: portraitQueries.topInterests, PRODUCTS: portraitQueries.topProducts, CATEGORIES: portraitQueries.topCategories }[kind];
    // Read from the same users as the distributions (the same sample, or everyone), so shares agree.
    const { size, fraction } = await this.distributions(group);
    const [row] = await this.run(group, query, { limit: int(limit) }, fraction);
    const population = row ? toSafeNumber(row.population) : 0;
    const all = (row?.traits ?? []).map((trait) => {
      const users = toSafeNumber(trait.users);
      const share = users / Math.max(1, size);
      const populationShare = toSafeNumber(trait.holders) / Math.max(1, population);
      return {
        id: trait.id,
        name: trait.name,
        users: fraction === null ? users : scaled(users, fraction),
        sampledUsers: users,
        share,
        populationShare,
        tgi: populationShare > 0 ? (share / populationShare) * 100 : 0,
      };
    });
    const shown = size >= this.minBucketSize ? all.filter((trait) => trait.sampledUsers >= this.minBucketSize) : [];
    return { traits: shown.map(({ sampledUsers: _read, ...trait }) => trait), suppressed: all.length - shown.length };
  }

  /** The group's members by influence in the published run; none before a run, or for a group under k. */
  async keyOpinionLeaders(group: PortraitGroup, limit: number): Promise<KeyOpinionLeader[]> {
    const [run, suppressed] = await Promise.all([this.influence(), this.suppressed(group)]);
    if (!run || suppressed) return [];
    const rows = await this.run(group, portraitQueries.keyOpinionLeaders, { ...run.keys, limit: int(limit) });
    return rows.map(toKol);
  }

  /**
   * This group beside a base (a seed beside its lookalike, a segment beside everyone): each
   * shown bucket's share here and there, and this group's top interests' shares in the base,
   * with index = share ÷ base share × 100. A base bucket under k has no share (null).
   */
  async compare(group: PortraitGroup, base: PortraitGroup, interests: number) {
    const [baseCounts0, ...dimensions] = await Promise.all([
      this.distributions(base),
      ...PORTRAIT_DIMENSIONS.map(async (dimension) => [await this.distribution(group, dimension), await this.distribution(base, dimension)] as const),
    ]);
    const buckets = dimensions.flatMap(([mine, theirs]) =>
      mine.buckets.map((bucket) => {
        const baseShare = theirs.buckets.find((other) => other.value === bucket.value)?.share ?? null;
        return { dimension: mine.dimension, value: bucket.value, share: bucket.share, baseShare, index: indexOf(bucket.share, baseShare) };
      }),
    );
    const top = await this.traits(group, 'INTERESTS', interests);
    const { size: baseSize, fraction: baseFraction } = baseCounts0;
    const baseCounts = new Map(
      (await this.run(base, portraitQueries.interestCounts, { interestIds: top.traits.map((trait) => trait.id) }, baseFraction)).map((row) => [
        row.id,
        toSafeNumber(row.users),
      ]),
    );
    const traits = top.traits.map((trait) => {
      const users = baseCounts.get(trait.id) ?? 0;
      const baseShare = baseSize >= this.minBucketSize && users >= this.minBucketSize ? users / baseSize : null;
      return { id: trait.id, name: trait.name, share: trait.share, baseShare, index: indexOf(trait.share, baseShare) };
    });
    return { base: this.portrait(base), buckets, interests: traits };
  }

  private distributions(group: PortraitGroup): Promise<Distributions> {
    const key = JSON.stringify(group);
    let pending = this.distributionsByGroup.get(key);
    if (!pending) {
      const cutoffs = lifecycleCutoffs(this.now);
      const params = {
        newSince: toNeo4jDateTime(cutoffs.newSince),
        activeSince: toNeo4jDateTime(cutoffs.activeSince),
        dormantSince: toNeo4jDateTime(cutoffs.dormantSince),
      };
      pending = (async () => {
        const fraction = group.sampled ? await this.sampling.fraction() : null;
        if (fraction !== null) {
          const sampled = this.fold(await this.run(group, portraitQueries.distributions, params, fraction), fraction);
          if (sampled.size >= this.sampling.minMembers) return sampled;
        }
        return this.fold(await this.run(group, portraitQueries.distributions, params, null), null);
      })();
      this.distributionsByGroup.set(key, pending);
    }
    return pending;
  }

  /** Raw counts to the portrait's buckets: birth years to age bands, churn fifths to ranges, nulls to UNKNOWN. */
  private fold(rows: { dimension: string; value: string | null; users: Integer }[], fraction: number | null): Distributions {
    const byDimension = new Map<PortraitDimension, Map<string, number>>(PORTRAIT_DIMENSIONS.map((dimension) => [dimension, new Map()]));
    let size = 0;
    for (const row of rows) {
      const users = toSafeNumber(row.users);
      if (row.dimension === 'GENDER') size += users;
      const [dimension, value]: [PortraitDimension, string | null] =
        row.dimension === 'BIRTH_YEAR'
          ? ['AGE_BAND', row.value === null ? null : ageBand(Number(row.value), this.now)]
          : row.dimension === 'CHURN_RISK'
            ? ['CHURN_RISK', row.value === null ? null : (CHURN_FIFTHS[Number(row.value)] ?? null)]
            : [row.dimension as PortraitDimension, row.value];
      const counts = byDimension.get(dimension);
      counts?.set(value ?? UNKNOWN, (counts.get(value ?? UNKNOWN) ?? 0) + users);
    }
    return { size, byDimension, fraction };
  }

  /** The template over the group's members, or over those in the sample of `fraction`. */
  private async run<Row>(
    group: PortraitGroup,
    template: CypherQuery<Row, GroupParams>,
    extra: Record<string, unknown>,
    fraction: number | null = null,
  ): Promise<Row[]> {
    const key = JSON.stringify(group.rule);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = this.compile(group.rule);
      this.compiled.set(key, compiled);
    }
    const rule = fraction === null ? await compiled : sampledRule(await compiled, fraction);
    return this.db.query(withRule(template, rule), { ...rule.params, ...extra, reachableOnly: group.reachableOnly });
  }
}

export type PortraitComparisonModel = Awaited<ReturnType<PortraitsService['compare']>>;

function indexOf(share: number, baseShare: number | null): number | null {
  return baseShare !== null && baseShare > 0 ? (share / baseShare) * 100 : null;
}
