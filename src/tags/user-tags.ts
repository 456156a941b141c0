/**
 * A user's tags as a marketer reads them: attributes (gender, age band, region), what was
 * computed (lifecycle, value tier, churn risk, likely to buy, review sentiment and topics), social
 * standing (KOL, community) and the rule tags they hold. Assembled here, for the API
 * (User.tags) and any other reader (TagsService.userTags), from what each feature stores.
 */
import type { UserReviewSentiment } from '../activity/index.js';
import type { Influence } from '../influence/index.js';
import { ageBand, lifecycleStage, type User } from '../profiles/index.js';
import { sentimentLabel } from '../text/index.js';
import type { PropensityFactor } from './propensity-model.js';
import type { UserTagsRow } from './queries.js';

/** A user is tagged KOL from this influence percentile up (the top 1 %). */
export const KOL_PERCENTILE = 0.99;

/** A user is tagged likelyToBuy (with the category) from this purchase propensity up. */
export const LIKELY_TO_BUY = 0.5;

/** The stored propensities (cypher/tags/write-propensity.cypher) as objects: the group is a category or an interest id. */
export function storedPropensities(row: UserTagsRow | null | undefined, scope: 'category' | 'interest') {
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
export interface UserTag {
  kind: TagKind;
  name: string;
  value: string | null;
  computedAt: Date | null;
}

/** What a user's tags are read from, one read per source (the API's per-request loaders batch them). */
export interface UserTagSources {
  row: UserTagsRow | null | undefined;
  influence: Pick<Influence, 'percentile'> | null | undefined;
  community: { id: string } | null | undefined;
  reviews: UserReviewSentiment | null | undefined;
}

/** The tags of one user with profiling consent (the caller checks it), at `now`. */
export function assembleUserTags(user: User, { row, influence, community, reviews }: UserTagSources, now: Date): UserTag[] {
  const label = reviews ? sentimentLabel(reviews.sentiment) : null;
  const scoredAt = row?.scoresComputedAt == null ? null : new Date(Number(row.scoresComputedAt));
  const band = ageBand(user.birthYear, now);
  const tags: UserTag[] = [
    { kind: 'ATTRIBUTE', name: 'gender', value: user.gender ?? 'UNKNOWN', computedAt: now },
    ...(band ? [{ kind: 'ATTRIBUTE' as const, name: 'ageBand', value: band, computedAt: now }] : []),
    ...(user.region ? [{ kind: 'ATTRIBUTE' as const, name: 'region', value: user.region, computedAt: now }] : []),
    { kind: 'COMPUTED', name: 'lifecycle', value: lifecycleStage(user.createdAt, user.lastActiveAt, now), computedAt: now },
    ...(row?.valueTier ? [{ kind: 'COMPUTED' as const, name: 'valueTier', value: row.valueTier, computedAt: scoredAt }] : []),
    ...(row?.churnRisk != null ? [{ kind: 'COMPUTED' as const, name: 'churnRisk', value: row.churnRisk.toFixed(2), computedAt: scoredAt }] : []),
    ...storedPropensities(row, 'category')
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
