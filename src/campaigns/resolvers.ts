import { BadInputError, NotFoundError } from '../errors.js';
import type { Context } from '../context.js';
import type { CampaignAudienceInput, Resolvers } from '../generated/resolvers-types.js';
import { pageSize } from '../graphql/pagination.js';
import { startCampaignDelivery } from './delivery-job.js';
import { campaignSenders, closeSenders } from './senders.js';
import { KOL_SET_MAX } from '../influence/index.js';
import { CONTROL_ARM } from './service.js';

/** User ids a request may list; a larger audience is a saved segment. */
const MAX_LISTED_IDS = 100_000;
/** Audience ids per page handed to the launch. */
const AUDIENCE_PAGE = 10_000;

/** Exactly one source, resolved to pages of user ids. */
async function audienceOf(input: CampaignAudienceInput, ctx: Context): Promise<AsyncIterable<readonly string[]>> {
  const sources = [input.segmentId, input.userIds, input.kolSet].filter((source) => source != null);
  if (sources.length !== 1) throw new BadInputError('Give the audience as exactly one of segmentId, userIds or kolSet.', { field: 'audience' });
  let ids: readonly string[];
  if (input.kolSet) {
    const { k, probability, interest, community } = input.kolSet;
    const set = await ctx.services.influence.kolSet(k, probability ?? null, { interest, community }, KOL_SET_MAX);
    ids = set.members.map((member) => member.user.id);
    if (ids.length === 0) {
      throw new BadInputError(
        'There is no KOL set yet: the INFLUENCE analytics job chooses it. Run it (runAnalytics, or the overview’s Run analytics), then launch.',
        {
          field: 'audience.kolSet',
        },
      );
    }
  } else if (input.userIds) {
    if (input.userIds.length > MAX_LISTED_IDS) {
      throw new BadInputError(`At most ${MAX_LISTED_IDS} user ids in a request; got ${input.userIds.length}. Save a segment for more.`, {
        field: 'audience.userIds',
      });
    }
    ids = input.userIds;
  } else {
    const segmentId = input.segmentId as string;
    if (!(await ctx.services.segments.exists(segmentId))) throw new NotFoundError('Segment', segmentId);
    ids = await ctx.services.segments.memberIds(segmentId);
  }
  return (async function* pages() {
    for (let start = 0; start < ids.length; start += AUDIENCE_PAGE) yield ids.slice(start, start + AUDIENCE_PAGE);
  })();
}

export const campaignResolvers: Resolvers = {
  Query: {
    campaign: (_, args, ctx) => ctx.services.campaigns.byId(args.id),
    campaigns: (_, args, ctx) => ctx.services.campaigns.list(args.status ?? null, pageSize(args.first, ctx.config.limits.maxPageSize)),
    campaignChannels: (_, __, ctx) => [...ctx.services.campaigns.channels],
  },
  Mutation: {
    createCampaign: (_, args, ctx) => {
      const { input } = args;
      return ctx.services.campaigns.create(
        {
          name: input.name,
          arms: input.arms.map((arm) => ({ name: arm.name, share: arm.share, channel: arm.channel, template: arm.template })),
          controlShare: input.controlShare ?? null,
          goal: {
            kind: input.goal.kind,
            productId: input.goal.productId ?? null,
            category: input.goal.category ?? null,
            interestId: input.goal.interestId ?? null,
            withinDays: input.goal.withinDays,
          },
        },
        ctx.now,
      );
    },
    launchCampaign: async (_, args, ctx) => {
      const report = await ctx.services.campaigns.launch(args.id, await audienceOf(args.audience, ctx), ctx.now);
      return report.campaign;
    },
    deliverCampaign: (_, args, ctx) => {
      // Senders from configuration only; a webhook without its secret is refused before anything is sent.
      const senders = campaignSenders(ctx.config.campaigns, ctx.config.kafka.brokers);
      return startCampaignDelivery(ctx.deps.db, args.id, senders, {
        logger: ctx.deps.logger,
        now: () => new Date(),
        canReadPii: ctx.auth.canReadPii,
        closeSenders: () => closeSenders(senders),
      });
    },
    cancelCampaign: (_, args, ctx) => ctx.services.campaigns.cancel(args.id, ctx.now),
  },
  User: {
    campaigns: (user, _, ctx) => ctx.loaders.campaigns.membershipsByUserId.load(user.id),
  },
  CampaignMembership: {
    campaign: async (membership, _, ctx) => {
      const campaign = await ctx.loaders.campaigns.campaignById.load(membership.campaignId);
      if (!campaign) throw new NotFoundError('Campaign', membership.campaignId);
      return campaign;
    },
    leftOut: (membership) => membership.leftOut as 'NO_MARKETING_CONSENT' | 'OPTED_OUT' | 'FREQUENCY_CAP' | null,
  },
  Campaign: {
    arms: (campaign) =>
      campaign.shares.map((share) => {
        const arm = campaign.arms.find((candidate) => candidate.name === share.name);
        return { name: share.name, share: share.share, control: share.name === CONTROL_ARM, channel: arm?.channel ?? null, template: arm?.template ?? null };
      }),
    goal: (campaign) => ({
      kind: campaign.goal.kind,
      productId: campaign.goal.productId ?? null,
      category: campaign.goal.category ?? null,
      interestId: campaign.goal.interestId ?? null,
      withinDays: campaign.goal.withinDays,
    }),
    results: async (campaign, _, ctx) => {
      const results = await ctx.services.campaigns.results(campaign, ctx.now);
      if (!results) return null;
      const bounded = (interval: { low: number; high: number }) => ({
        low: Number.isFinite(interval.low) ? interval.low : null,
        high: Number.isFinite(interval.high) ? interval.high : null,
      });
      return {
        sampleRatio: results.sampleRatio,
        byChannel: results.byChannel.map((channel) => ({ ...channel, upliftInterval: bounded(channel.upliftInterval) })),
        overTime: results.overTime.map((day) => ({
          ...day,
          arms: day.arms.map((arm) => ({ ...arm, alwaysValidInterval: arm.alwaysValidInterval && bounded(arm.alwaysValidInterval) })),
        })),
        arms: results.arms.map((arm) => ({
          ...arm,
          uplift: arm.uplift && {
            ...arm.uplift,
            interval: bounded(arm.uplift.interval),
            relativeInterval: arm.uplift.relativeInterval && bounded(arm.uplift.relativeInterval),
            alwaysValidInterval: bounded(arm.uplift.alwaysValidInterval),
            revenueInterval: bounded(arm.uplift.revenueInterval),
            cuped: arm.uplift.cuped && { ...arm.uplift.cuped, interval: bounded(arm.uplift.cuped.interval) },
          },
        })),
      };
    },
    delivery: (campaign, _, ctx) => ctx.services.campaigns.delivery(campaign, ctx.now),
    launch: async (campaign, _, ctx) => {
      if (campaign.status === 'DRAFT') return null;
      const counts = await ctx.services.campaigns.launchCounts(campaign.id);
      return {
        assigned: Object.entries(counts.assigned).map(([arm, users]) => ({ arm, users })),
        leftOut: Object.entries(counts.leftOut).map(([reason, users]) => ({ reason: reason as 'NO_MARKETING_CONSENT' | 'OPTED_OUT' | 'FREQUENCY_CAP', users })),
        notFound: campaign.notFound ?? 0,
      };
    },
  },
};
