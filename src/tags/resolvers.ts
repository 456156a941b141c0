import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { ageBand, lifecycleStage, type User } from '../profiles/index.js';
import { ruleWithPiiMasked } from '../segments/index.js';
import { describeChurnFactor, type ChurnFactor, type ChurnFeatures } from './churn-model.js';
import { sentimentLabel } from '../text/index.js';
import type { PropensityFactor } from './propensity-model.js';
import type { UserTagsRow } from './queries.js';
import { CHURN_FEATURE_ORDER, type TagDefinition } from './service.js';

/** A user is tagged KOL from this influence percentile up (the top 1 %). */
export const KOL_PERCENTILE = 0.99;

/** A user is tagged likelyToBuy (with the category) from this purchase propensity up. */
export const LIKELY_TO_BUY = 0.5;

/** The stored propensities (cypher/tags/write-propensity.cypher) as objects: the group is a category or an interest id. */
function likeliest(row: UserTagsRow | null | undefined, scope: 'category' | 'interest') {
  if (!row || row.propensityComputedAt == null) return [];
  const [groups, probabilities, reasons] =
    scope === 'category'
      ? [row.propensityCategories, row.propensityProbabilities, row.propensityReasons]
      : [row.propensityInterestIds, row.propensityInterestProbabilities, row.propensityInterestReasons];
  const computedAt = new Date(Number(row.propensityComputedAt));
  const horizonDays = Number(row.propensityHorizonDays ?? 0);
  return (groups ?? []).map((group, index) => ({
    group,
    probability: probabilities?.[index] ?? 0,
    reasons: (reasons?.[index] ?? '').split(',').filter((reason) => reason !== '') as PropensityFactor[],
    horizonDays,
    computedAt,
  }));
}

type TagKind = 'ATTRIBUTE' | 'COMPUTED' | 'RULE' | 'SOCIAL';
interface UserTag {
  kind: TagKind;
  name: string;
  value: string | null;
  computedAt: Date | null;
}

function churnFeatures(row: UserTagsRow): ChurnFeatures | null {
  if (!row.churnFeatures || row.churnFeatures.length !== CHURN_FEATURE_ORDER.length) return null;
  return Object.fromEntries(CHURN_FEATURE_ORDER.map((key, index) => [key, row.churnFeatures?.[index] ?? 0])) as unknown as ChurnFeatures;
}

async function userTags(user: User, ctx: Context): Promise<UserTag[]> {
  const [row, influence, community, reviews] = await Promise.all([
    ctx.loaders.tags.byUserId.load(user.id),
    ctx.loaders.influence.influenceByUserId.load(user.id),
    ctx.loaders.communities.communityByUserId.load(user.id),
    ctx.loaders.activity.reviewSentimentByUserId.load(user.id),
  ]);
  const label = reviews ? sentimentLabel(reviews.sentiment) : null;
  const now = ctx.now;
  const scoredAt = row?.scoresComputedAt == null ? null : new Date(Number(row.scoresComputedAt));
  const band = ageBand(user.birthYear, now);
  const tags: UserTag[] = [
    { kind: 'ATTRIBUTE', name: 'gender', value: user.gender ?? 'UNKNOWN', computedAt: now },
    ...(band ? [{ kind: 'ATTRIBUTE' as const, name: 'ageBand', value: band, computedAt: now }] : []),
    ...(user.region ? [{ kind: 'ATTRIBUTE' as const, name: 'region', value: user.region, computedAt: now }] : []),
    { kind: 'COMPUTED', name: 'lifecycle', value: lifecycleStage(user.createdAt, user.lastActiveAt, now), computedAt: now },
    ...(row?.valueTier ? [{ kind: 'COMPUTED' as const, name: 'valueTier', value: row.valueTier, computedAt: scoredAt }] : []),
    ...(row?.churnRisk != null ? [{ kind: 'COMPUTED' as const, name: 'churnRisk', value: row.churnRisk.toFixed(2), computedAt: scoredAt }] : []),
    ...likeliest(row, 'category')
      .filter((entry) => entry.probability >= LIKELY_TO_BUY)
      .slice(0, 1)
      .map((entry) => ({
        kind: 'COMPUTED' as const,
        name: 'likelyToBuy',
        value: entry.group,
        computedAt: entry.computedAt,
      })),
    // What their reviews say (read-time, from the reviews themselves): SATISFIED / DETRACTOR, and their topics.
    ...(label && label !== 'NEUTRAL' ? [{ kind: 'COMPUTED' as const, name: 'sentiment', value: label, computedAt: now }] : []),
    ...(reviews && reviews.topics.length > 0
      ? [{ kind: 'COMPUTED' as const, name: 'topics', value: reviews.topics.slice(0, 3).join(', '), computedAt: now }]
      : []),
    ...(influence && influence.percentile >= KOL_PERCENTILE ? [{ kind: 'SOCIAL' as const, name: 'kol', value: null, computedAt: null }] : []),
    ...(community ? [{ kind: 'SOCIAL' as const, name: 'community', value: community.id, computedAt: null }] : []),
    ...(row?.ruleTags ?? []).map((tag) => ({
      kind: 'RULE' as const,
      name: tag.name,
      value: null,
      computedAt: tag.at == null ? null : new Date(Number(tag.at)),
    })),
  ];
  return tags;
}

export const tagResolvers: Resolvers = {
  User: {
    tags: (user, _, ctx) => userTags(user, ctx),
    value: async (user, _, ctx) => {
      const row = await ctx.loaders.tags.byUserId.load(user.id);
      if (!row?.valueTier || !row.rfm || row.rfm.length !== 6 || row.scoresComputedAt == null) return null;
      const [recencyDays, frequency, monetary, r, f, m] = row.rfm as [number, number, number, number, number, number];
      return {
        tier: row.valueTier as 'HIGH_VALUE',
        recencyDays,
        frequency,
        monetary,
        recencyScore: r,
        frequencyScore: f,
        monetaryScore: m,
        computedAt: new Date(Number(row.scoresComputedAt)),
      };
    },
    purchasePropensity: async (user, _, ctx) => {
      return likeliest(await ctx.loaders.tags.byUserId.load(user.id), 'category').map(({ group, ...entry }) => ({ category: group, ...entry }));
    },
    interestPropensity: async (user, _, ctx) => {
      const entries = likeliest(await ctx.loaders.tags.byUserId.load(user.id), 'interest');
      const interests = await Promise.all(entries.map((entry) => ctx.loaders.profiles.interestById.load(entry.group)));
      // An interest deleted since the run is left out rather than shown without a name.
      return entries.flatMap(({ group: _group, ...entry }, index) => {
        const interest = interests[index];
        return interest ? [{ interest, ...entry }] : [];
      });
    },
    churnRisk: async (user, _, ctx) => {
      const row = await ctx.loaders.tags.byUserId.load(user.id);
      if (!row || row.churnRisk == null || row.scoresComputedAt == null) return null;
      const features = churnFeatures(row);
      return {
        risk: row.churnRisk,
        reasons: (row.churnReasons ?? []).map((factor) => ({
          factor: factor as ChurnFactor,
          label: features ? describeChurnFactor(factor as ChurnFactor, features, ctx.locale) : factor,
        })),
        computedAt: new Date(Number(row.scoresComputedAt)),
      };
    },
  },
  TagDefinition: {
    rule: (tag: TagDefinition, _, ctx) => JSON.stringify(ctx.auth.canReadPii ? tag.rule : ruleWithPiiMasked(tag.rule)),
  },
  Query: {
    tagDefinitions: (_, __, ctx) => ctx.services.tags.definitions(),
  },
  Mutation: {
    defineTag: (_, args, ctx) => {
      return ctx.services.tags.define(args.name, args.rule, args.description, ctx.now);
    },
    deleteTag: (_, args, ctx) => {
      return ctx.services.tags.delete(args.name);
    },
  },
};
