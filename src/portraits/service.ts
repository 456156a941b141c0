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
import { withRule, type CompiledRule, type SegmentRule } from '../segments/index.js';

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

interface Distributions {
  size: number;
  byDimension: Map<PortraitDimension, Map<string, number>>;
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
  ) {}

  portrait(group: PortraitGroup): Portrait {
    return { group };
  }

  async size(group: PortraitGroup): Promise<number> {
    return (await this.distributions(group)).size;
  }

  async distribution(group: PortraitGroup, dimension: PortraitDimension): Promise<PortraitDistribution> {
    const { size, byDimension } = await this.distributions(group);
    const counts = [...(byDimension.get(dimension) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]));
    const shown = size >= this.minBucketSize ? counts.filter(([, users]) => users >= this.minBucketSize) : [];
    const hidden = counts.filter((entry) => !shown.includes(entry));
    return {
      dimension,
      buckets: shown.map(([value, users]) => ({ value, users, share: users / size })),
      suppressedBuckets: hidden.length,
      suppressedUsers: hidden.reduce((sum, [, users]) => sum + users, 0),
    };
  }

  async traits(group: PortraitGroup, kind: TraitKind, limit: number): Promise<{ traits: PortraitTrait[]; suppressed: number }> {
    const query = { INTERESTS: portraitQueries.topInterests, PRODUCTS: portraitQueries.topProducts, CATEGORIES: portraitQueries.topCategories }[kind];
    const [{ size }, [row]] = await Promise.all([this.distributions(group), this.run(group, query, { limit: int(limit) })]);
    const population = row ? toSafeNumber(row.population) : 0;
    const all = (row?.traits ?? []).map((trait) => {
      const users = toSafeNumber(trait.users);
      const share = users / Math.max(1, size);
      const populationShare = toSafeNumber(trait.holders) / Math.max(1, population);
      return { id: trait.id, name: trait.name, users, share, populationShare, tgi: populationShare > 0 ? (share / populationShare) * 100 : 0 };
    });
    const shown = size >= this.minBucketSize ? all.filter((trait) => trait.users >= this.minBucketSize) : [];
    return { traits: shown, suppressed: all.length - shown.length };
  }

  /** The group's members by influence in the published run; none before a run, or for a group under k. */
  async keyOpinionLeaders(group: PortraitGroup, limit: number): Promise<KeyOpinionLeader[]> {
    const [run, size] = await Promise.all([this.influence(), this.size(group)]);
    if (!run || size < this.minBucketSize) return [];
    const rows = await this.run(group, portraitQueries.keyOpinionLeaders, { ...run.keys, limit: int(limit) });
    return rows.map(toKol);
  }

  /**
   * This group beside a base (a seed beside its lookalike, a segment beside everyone): each
   * shown bucket's share here and there, and this group's top interests' shares in the base,
   * with index = share ÷ base share × 100. A base bucket under k has no share (null).
   */
  async compare(group: PortraitGroup, base: PortraitGroup, interests: number) {
    const [baseSize, ...dimensions] = await Promise.all([
      this.size(base),
      ...PORTRAIT_DIMENSIONS.map(async (dimension) => [await this.distribution(group, dimension), await this.distribution(base, dimension)] as const),
    ]);
    const buckets = dimensions.flatMap(([mine, theirs]) =>
      mine.buckets.map((bucket) => {
        const baseShare = theirs.buckets.find((other) => other.value === bucket.value)?.share ?? null;
        return { dimension: mine.dimension, value: bucket.value, share: bucket.share, baseShare, index: indexOf(bucket.share, baseShare) };
      }),
    );
    const top = await this.traits(group, 'INTERESTS', interests);
    const baseCounts = new Map(
      (await this.run(base, portraitQueries.interestCounts, { interestIds: top.traits.map((trait) => trait.id) })).map((row) => [
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
      pending = this.run(group, portraitQueries.distributions, {
        newSince: toNeo4jDateTime(cutoffs.newSince),
        activeSince: toNeo4jDateTime(cutoffs.activeSince),
        dormantSince: toNeo4jDateTime(cutoffs.dormantSince),
      }).then((rows) => this.fold(rows));
      this.distributionsByGroup.set(key, pending);
    }
    return pending;
  }

  /** Raw counts to the portrait's buckets: birth years to age bands, churn fifths to ranges, nulls to UNKNOWN. */
  private fold(rows: { dimension: string; value: string | null; users: Integer }[]): Distributions {
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
    return { size, byDimension };
  }

  private async run<Row>(group: PortraitGroup, template: CypherQuery<Row, GroupParams>, extra: Record<string, unknown>): Promise<Row[]> {
    const key = JSON.stringify(group.rule);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = this.compile(group.rule);
      this.compiled.set(key, compiled);
    }
    const rule = await compiled;
    return this.db.query(withRule(template, rule), { ...rule.params, ...extra, reachableOnly: group.reachableOnly });
  }
}

export type PortraitComparisonModel = Awaited<ReturnType<PortraitsService['compare']>>;

function indexOf(share: number, baseShare: number | null): number | null {
  return baseShare !== null && baseShare > 0 ? (share / baseShare) * 100 : null;
}
