import type { Resolvers } from '../generated/resolvers-types.js';
import { ruleWithPiiMasked } from '../segments/index.js';
import { describeChurnFactor, type ChurnFactor, type ChurnFeatures } from './churn-model.js';
import type { UserTagsRow } from './queries.js';
import { storedPropensities } from './user-tags.js';
import { CHURN_FEATURE_ORDER, type TagDefinition } from './service.js';

function churnFeatures(row: UserTagsRow): ChurnFeatures | null {
  if (!row.churnFeatures || row.churnFeatures.length !== CHURN_FEATURE_ORDER.length) return null;
  return Object.fromEntries(CHURN_FEATURE_ORDER.map((key, index) => [key, row.churnFeatures?.[index] ?? 0])) as unknown as ChurnFeatures;
}

export const tagResolvers: Resolvers = {
  User: {
    tags: (user, _, ctx) => ctx.services.tags.userTags(user, ctx.now),
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
    purchasePropensity: async (user, _, ctx) =>
      storedPropensities(await ctx.loaders.tags.byUserId.load(user.id), 'category').map(({ group, ...entry }) => ({ category: group, ...entry })),
    interestPropensity: async (user, _, ctx) => {
      const entries = storedPropensities(await ctx.loaders.tags.byUserId.load(user.id), 'interest');
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
    defineTag: (_, args, ctx) => ctx.services.tags.define(args.name, args.rule, args.description, ctx.now),
    deleteTag: (_, args, ctx) => ctx.services.tags.delete(args.name),
  },
};
