/**
 * Tags: the scores every user gets (value tier from RFM, churn risk with reasons) and the rule
 * tags marketers define. A full run (the TAGS analytics job) scores everyone against the
 * population's statistics and stores those statistics; the refresh after recordEvents and
 * imports rescores only the touched users on the same scale, and re-evaluates every rule tag
 * for them, so a tag is fresh as soon as the write that earns it returns.
 */
import type { DateTime } from 'neo4j-driver';
import { createActivityLoaders, type ActivityLoaders, type TagRefreshFailure } from '../activity/index.js';
import { createCommunityLoaders, type CommunityLoaders } from '../communities/index.js';
import { createInfluenceLoaders, type InfluenceLoaders } from '../influence/index.js';
import type { User } from '../profiles/index.js';
import type { Db } from '../db/db.js';
import { int, neo4jValueToJson, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { retryConcurrentChange } from '../db/neo4j-errors.js';
import { AppError, BadInputError } from '../errors.js';
import { chunks } from '../lib/chunks.js';
import { compareIds } from '../lib/compare-ids.js';
import { holdReferencedSegments, parseRule, withRule, type CompiledRule, type SegmentRule } from '../segments/index.js';
import { CHURN_FACTORS, churnFactorValues, factorStats, scoreChurn, type ChurnFeatures, type FactorStats } from './churn-model.js';
import {
  fitPropensity,
  propensityExamples,
  PROPENSITY_HISTORY_DAYS,
  PROPENSITY_HORIZON_DAYS,
  scorePropensity,
  type LoggedEvent,
  type PropensityModel,
  type PropensityScope,
} from './propensity-model.js';
import { createTagLoaders } from './loaders.js';
import { tagQueries, type FeatureRow, type ScoreRow, type TagMap } from './queries.js';
import { assembleUserTags, type UserTag } from './user-tags.js';
import { rfmCuts, scoreRfm, type RfmCuts, type RfmInputs } from './value-tiers.js';

const DAY = 86_400_000;
/** Users read per feature statement, and scores written per statement. */
const BATCH = 5_000;
/** Bounds what a refresh costs per recordEvents call and what one rule tag may be. */
export const TAG_LIMITS = { maxTags: 200, nameLength: 64 } as const;
const TAG_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;

/** The order churn features are stored in (User.churnFeatures), and read back for reasons. */
export const CHURN_FEATURE_ORDER = [
  'recencyDays',
  'recentEvents',
  'previousEvents',
  'recentSpend',
  'previousSpend',
  'engagedProducts',
  'friends',
  'friendsInactive',
] as const satisfies readonly (keyof ChurnFeatures)[];

export interface TagDefinition {
  name: string;
  description: string | null;
  rule: SegmentRule;
  holders: number;
  createdAt: Date;
  updatedAt: Date;
  computedAt: Date | null;
}

/** The population statistics scores are computed against. */
interface ScoringModel {
  cuts: RfmCuts | null;
  churn: FactorStats;
}

interface UserFeatures {
  id: string;
  /** Purchase, view and rating relationships: stored for the lookalike's co-engagement normaliser. */
  engagements: number;
  churn: ChurnFeatures;
  /** null: never bought. */
  rfm: RfmInputs | null;
}

export interface TagRunStats {
  usersScored: number;
  buyers: number;
  ruleTags: number;
  /** Rule tags whose rules no longer compile: left as they were, each with the reason. */
  ruleTagsNotComputed: TagRefreshFailure[];
  /** The purchase propensity models fitted on this run (per category, per interest), and how many users got scores; null: too few purchases to fit. */
  propensity: PropensityRunStats | null;
  interestPropensity: PropensityRunStats | null;
}

interface PropensityRunStats {
  examples: number;
  positives: number;
  usersScored: number;
}

/** Categories (and interests) kept per user: the likeliest next purchases. */
const PROPENSITY_KEPT = 3;
const DAY_MS = 86_400_000;

interface Likeliest {
  group: string;
  probability: number;
  reasons: string[];
}

/** Parallel lists, as the user node stores them (cypher/tags/write-propensity.cypher). */
function columns(categories: readonly Likeliest[], interests: readonly Likeliest[]) {
  return {
    categories: categories.map((entry) => entry.group),
    probabilities: categories.map((entry) => entry.probability),
    reasons: categories.map((entry) => entry.reasons.join(',')),
    interestIds: interests.map((entry) => entry.group),
    interestProbabilities: interests.map((entry) => entry.probability),
    interestReasons: interests.map((entry) => entry.reasons.join(',')),
  };
}

/** The loaders a user's tags are read through. */
export interface UserTagReaders {
  tags: Pick<ReturnType<typeof createTagLoaders>, 'byUserId'>;
  influence: Pick<InfluenceLoaders, 'influenceByUserId'>;
  communities: Pick<CommunityLoaders, 'communityByUserId'>;
  activity: Pick<ActivityLoaders, 'reviewSentimentByUserId'>;
}

function ownReaders(db: Db): UserTagReaders {
  return { tags: createTagLoaders(db), influence: createInfluenceLoaders(db), communities: createCommunityLoaders(db), activity: createActivityLoaders(db) };
}

export class TagsService {
  /** @param compile a rule's compiler at a clock, with the segments it refers to resolved (SegmentsService.compile). */
  /**
   * @param readers where a user's tags are read from: the request's loaders in the API (batched
   * with the rest of the page); by default loaders of this service's own, made on first use.
   */
  constructor(
    private readonly db: Db,
    private readonly compile: (rule: SegmentRule, now: Date) => Promise<CompiledRule>,
    private readers: UserTagReaders | null = null,
  ) {}

  /** A user's tags (src/tags/user-tags.ts) at `now`; none for a user without profiling consent. */
  async userTags(user: User, now: Date): Promise<UserTag[]> {
    if (!user.consentProfiling) return [];
    const readers = (this.readers ??= ownReaders(this.db));
    const [row, influence, community, reviews] = await Promise.all([
      readers.tags.byUserId.load(user.id),
      readers.influence.influenceByUserId.load(user.id),
      readers.communities.communityByUserId.load(user.id),
      readers.activity.reviewSentimentByUserId.load(user.id),
    ]);
    return assembleUserTags(user, { row, influence, community, reviews }, now);
  }

  async definitions(): Promise<TagDefinition[]> {
    return (await this.db.query(tagQueries.definitions, {})).map((row) => toDefinition(row.tag));
  }

  /** Saves the rule (compiled first: an invalid rule saves nothing), then computes it for everyone. */
  async define(name: string, rule: SegmentRule, description: string | null | undefined, now: Date): Promise<TagDefinition> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > TAG_LIMITS.nameLength || !TAG_NAME.test(trimmed)) {
      throw new BadInputError(`A tag name is 1–${TAG_LIMITS.nameLength} letters, digits, spaces, - and _, starting with a letter or digit; got "${name}".`, {
        argument: 'name',
      });
    }
    // A segment the rule names deleted between the compile and the write: compiled again (NOT_FOUND).
    const compiled = await retryConcurrentChange(async () => {
      const compiled = await this.compile(rule, now);
      const existing = await this.definitions();
      if (!existing.some((tag) => tag.name === trimmed) && existing.length >= TAG_LIMITS.maxTags) {
        throw new BadInputError(`At most ${TAG_LIMITS.maxTags} rule tags; delete one first.`, { argument: 'name' });
      }
      await this.db.write(
        async (tx) => {
          await holdReferencedSegments(this.db, tx, rule);
          await this.db.run(tx, tagQueries.upsertTag, {
            name: trimmed,
            rule: JSON.stringify(rule),
            description: description ?? null,
            now: toNeo4jDateTime(now),
          });
        },
        { name: tagQueries.upsertTag.name },
      );
      return compiled;
    });
    await this.applyToEveryone([{ name: trimmed, compiled }], now);
    const [saved] = (await this.definitions()).filter((tag) => tag.name === trimmed);
    if (!saved) throw new Error(`tag ${trimmed} vanished while it was computed`);
    return saved;
  }

  /** Whether anything is to refresh: a full run has stored its scale, or a rule tag exists. */
  async inUse(): Promise<boolean> {
    return (await this.storedModel()) !== null || (await this.definitions()).length > 0;
  }

  async delete(name: string): Promise<boolean> {
    const [row] = await this.db.mutate(tagQueries.deleteTag, { name });
    return toSafeNumber(row?.deleted ?? 0) > 0;
  }

  /**
   * The full run: every user with profiling consent scored against the whole population, the
   * statistics stored for refreshes, every rule tag recomputed, and the scores and tags of users
   * who withdrew consent removed. Holds the features of all users in memory (≈ 200 bytes each).
   */
  async computeAll(now: Date, progress: (fraction: number, phase: string) => Promise<void> = async () => {}): Promise<TagRunStats> {
    const ids = await this.profiledIds();
    await progress(0.05, 'reading activity');
    const features: UserFeatures[] = [];
    for (const [index, batch] of chunks(ids, BATCH).entries()) {
      features.push(...(await this.features(batch, now, 'read')));
      await progress(0.05 + (0.45 * (index + 1) * BATCH) / Math.max(1, ids.length), 'reading activity');
    }
    const buyers = features.flatMap((user) => (user.rfm ? [user.rfm] : []));
    const model: ScoringModel = {
      cuts: buyers.length > 0 ? rfmCuts(buyers) : null,
      churn: factorStats(features.map((user) => churnFactorValues(user.churn))),
    };
    const at = toNeo4jDateTime(now);
    for (const [index, batch] of chunks(features, BATCH).entries()) {
      await this.db.mutate(tagQueries.writeScores, { rows: batch.map((user) => toScoreRow(user, model)), at });
      await progress(0.5 + (0.2 * (index + 1) * BATCH) / Math.max(1, features.length), 'writing scores');
    }
    await this.db.mutate(tagQueries.saveModel, {
      at,
      rfmCuts: model.cuts ? [...model.cuts.recency, ...model.cuts.frequency, ...model.cuts.monetary] : [],
      churnStats: CHURN_FACTORS.flatMap((factor) => [model.churn[factor].mean, model.churn[factor].std]),
      users: int(features.length),
      buyers: int(buyers.length),
    });
    await progress(0.6, 'purchase propensity');
    const { category, interest } = await this.computePropensity(ids, now);
    await this.db.mutate(tagQueries.clearUnconsented, {});
    const { tags, failures } = await this.compiledTags(now);
    await progress(0.7, 'rule tags');
    await this.applyToEveryone(tags, now, ids);
    return {
      usersScored: features.length,
      buyers: buyers.length,
      ruleTags: tags.length,
      ruleTagsNotComputed: failures,
      propensity: category,
      interestPropensity: interest,
    };
  }

  /**
   * Each user's event log between two instants, as the propensity model reads it (newest
   * 1,000 per user, events on products with a category): one statement per 5,000 users.
   */
  async loggedEvents(ids: readonly string[], fromMs: number, toMs: number): Promise<Map<string, LoggedEvent[]>> {
    const byUser = new Map<string, LoggedEvent[]>();
    for (const batch of chunks(ids, BATCH)) {
      for (const row of await this.db.query(tagQueries.propensityEvents, { ids: batch, fromMs: int(fromMs), toMs: int(toMs) })) {
        byUser.set(
          row.id,
          row.events.map(([kind, category, at, ...interests]) => ({ kind, category, interests, at: Number(at) })),
        );
      }
    }
    return byUser;
  }

  /**
   * Purchase propensity (src/tags/propensity-model.ts): fitted on the log as it stood one
   * horizon ago (labels: what was bought since), then applied to the log now. The previous
   * run's scores go first, so no user keeps a stale one.
   */
  private async computePropensity(ids: readonly string[], now: Date): Promise<Record<PropensityScope, PropensityRunStats | null>> {
    const horizonMs = PROPENSITY_HORIZON_DAYS * DAY_MS;
    const trainingCutoff = now.getTime() - horizonMs;
    const logs = await this.loggedEvents(ids, trainingCutoff - PROPENSITY_HISTORY_DAYS * DAY_MS, now.getTime());
    await this.db.mutate(tagQueries.clearPropensity, {});
    // One model per scope: a category and an interest are different groupings of the same
    // events, and their base rates differ (a product has one category and several interests).
    const fit = (scope: PropensityScope) => fitPropensity([...logs.values()].flatMap((events) => propensityExamples(events, trainingCutoff, horizonMs, scope)));
    const models = { category: fit('category'), interest: fit('interest') };
    const scored = { category: 0, interest: 0 };
    const rows = [...logs].flatMap(([id, events]) => {
      const categories = models.category ? this.likeliest(models.category, events, now.getTime(), 'category') : [];
      const interests = models.interest ? this.likeliest(models.interest, events, now.getTime(), 'interest') : [];
      if (categories.length > 0) scored.category += 1;
      if (interests.length > 0) scored.interest += 1;
      return categories.length === 0 && interests.length === 0 ? [] : [{ id, ...columns(categories, interests) }];
    });
    const at = toNeo4jDateTime(now);
    for (const batch of chunks(rows, BATCH)) await this.db.mutate(tagQueries.writePropensity, { rows: batch, at, horizonDays: int(PROPENSITY_HORIZON_DAYS) });
    const stats = (scope: PropensityScope) => {
      const model = models[scope];
      return model ? { examples: model.examples, positives: model.positives, usersScored: scored[scope] } : null;
    };
    return { category: stats('category'), interest: stats('interest') };
  }

  private likeliest(model: PropensityModel, events: readonly LoggedEvent[], at: number, scope: PropensityScope): Likeliest[] {
    return propensityExamples(events, at, 0, scope)
      .map((example) => ({ group: example.group, ...scorePropensity(model, example.factors) }))
      .sort((a, b) => b.probability - a.probability || compareIds(a.group, b.group))
      .slice(0, PROPENSITY_KEPT);
  }

  /**
   * Rescores the given users with the last full run's statistics and re-evaluates every rule
   * tag for them: a constant number of statements per 5,000 users (plus one per rule tag).
   * Before the first full run there is no scale, so only rule tags are refreshed.
   *
   * Runs after a write has committed, so it never throws what the caller would read as the
   * write failing: a rule tag that no longer compiles is skipped, and anything that fails is
   * returned (the caller reports it beside the write's own result).
   */
  async refreshUsers(userIds: readonly string[], now: Date): Promise<TagRefreshFailure[]> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return [];
    try {
      const model = await this.storedModel();
      const { tags, failures } = await this.compiledTags(now);
      const at = toNeo4jDateTime(now);
      for (const batch of chunks(ids, BATCH)) {
        if (model) {
          const features = await this.features(batch, now, 'stored');
          if (features.length > 0) await this.db.mutate(tagQueries.writeScores, { rows: features.map((user) => toScoreRow(user, model)), at });
        }
        for (const tag of tags)
          await this.db.mutate(withRule(tagQueries.applyRuleTag, tag.compiled), { ...tag.compiled.params, ids: batch, name: tag.name, at });
      }
      return failures;
    } catch (error) {
      return [refreshFailure(null, error)];
    }
  }

  private async profiledIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let afterId = ''; ;) {
      const rows = await this.db.query(tagQueries.profiledIdsPage, { afterId, limit: int(50_000) });
      ids.push(...rows.map((row) => row.id));
      if (rows.length < 50_000) return ids;
      afterId = rows[rows.length - 1]?.id ?? afterId;
    }
  }

  /**
   * Every rule tag compiled at `now`; a tag whose rule no longer compiles (a segment it names is
   * gone: data saved before deletes were guarded) is left out and reported, so one broken tag
   * does not stop the others.
   */
  private async compiledTags(now: Date): Promise<{ tags: { name: string; compiled: CompiledRule }[]; failures: TagRefreshFailure[] }> {
    const definitions = await this.definitions();
    const results = await Promise.all(
      definitions.map(async (tag) => {
        try {
          return { name: tag.name, compiled: await this.compile(tag.rule, now) };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return refreshFailure(tag.name, error);
        }
      }),
    );
    return {
      tags: results.flatMap((result) => ('compiled' in result ? [result] : [])),
      failures: results.flatMap((result) => ('compiled' in result ? [] : [result])),
    };
  }

  private async applyToEveryone(tags: { name: string; compiled: CompiledRule }[], now: Date, knownIds?: string[]): Promise<void> {
    if (tags.length === 0) return;
    const ids = knownIds ?? (await this.profiledIds());
    const at = toNeo4jDateTime(now);
    for (const tag of tags) {
      // Users who withdrew consent are not in ids; clearUnconsented (full run) or the
      // consent-aware readers keep them out.
      for (const batch of chunks(ids, BATCH)) {
        await this.db.mutate(withRule(tagQueries.applyRuleTag, tag.compiled), { ...tag.compiled.params, ids: batch, name: tag.name, at });
      }
    }
    await this.db.mutate(tagQueries.markComputed, { names: tags.map((tag) => tag.name), at });
  }

  private async storedModel(): Promise<ScoringModel | null> {
    const [row] = await this.db.query(tagQueries.currentModel, {});
    if (!row) return null;
    const cuts =
      row.rfmCuts.length === 12 ? { recency: row.rfmCuts.slice(0, 4), frequency: row.rfmCuts.slice(4, 8), monetary: row.rfmCuts.slice(8, 12) } : null;
    const churn = Object.fromEntries(
      CHURN_FACTORS.map((factor, index) => [factor, { mean: row.churnStats[2 * index] ?? 0, std: row.churnStats[2 * index + 1] ?? 0 }]),
    ) as FactorStats;
    return { cuts, churn };
  }

  /** `friends`: read every friend (a full run), or take the figures the user was last scored with (a refresh; user-features.cypher). */
  private async features(ids: string[], now: Date, friends: 'read' | 'stored'): Promise<UserFeatures[]> {
    const since = (days: number): DateTime => toNeo4jDateTime(new Date(now.getTime() - days * DAY));
    const rows = await this.db.query(tagQueries.userFeatures, {
      ids,
      since90: since(90),
      since180: since(180),
      since365: since(365),
      storedFriends: friends === 'stored',
      friendsAt: int(CHURN_FEATURE_ORDER.indexOf('friends')),
      friendsInactiveAt: int(CHURN_FEATURE_ORDER.indexOf('friendsInactive')),
    });
    return rows.map((row) => toFeatures(row, now));
  }
}

function toFeatures(row: FeatureRow, now: Date): UserFeatures {
  // Last activity: the later of the last event and lastActiveAt (imports set it without
  // events); with neither, the day they joined; with nothing at all, ten years ago.
  const last = Math.max(toSafeNumber(row.lastEventAt), toSafeNumber(row.lastActiveAt));
  const created = toSafeNumber(row.createdAt);
  const reference = last >= 0 ? last : created >= 0 ? created : now.getTime() - 3_650 * DAY;
  const days = (ms: number) => Math.max(0, (now.getTime() - ms) / DAY);
  return {
    id: row.id,
    engagements: toSafeNumber(row.engagements),
    churn: {
      recencyDays: days(reference),
      recentEvents: toSafeNumber(row.recentEvents),
      previousEvents: toSafeNumber(row.previousEvents),
      recentSpend: row.recentSpend,
      previousSpend: row.previousSpend,
      engagedProducts: toSafeNumber(row.engagedProducts),
      friends: toSafeNumber(row.friends),
      friendsInactive: toSafeNumber(row.friendsInactive),
    },
    rfm:
      toSafeNumber(row.lastPurchaseAt) >= 0
        ? { recencyDays: days(toSafeNumber(row.lastPurchaseAt)), frequency: toSafeNumber(row.purchases), monetary: row.spend }
        : null,
  };
}

function toScoreRow(user: UserFeatures, model: ScoringModel): ScoreRow {
  const rfm = user.rfm && model.cuts ? scoreRfm(user.rfm, model.cuts) : null;
  const churn = scoreChurn(user.churn, model.churn);
  return {
    id: user.id,
    valueTier: rfm?.tier ?? null,
    rfm: user.rfm && rfm ? [user.rfm.recencyDays, user.rfm.frequency, user.rfm.monetary, rfm.recency, rfm.frequency, rfm.monetary] : null,
    churnRisk: churn.risk,
    churnReasons: churn.reasons,
    churnFeatures: CHURN_FEATURE_ORDER.map((key) => user.churn[key]),
    engagementCount: int(user.engagements),
  };
}

function toDefinition(map: TagMap): TagDefinition {
  const plain = neo4jValueToJson(map) as Record<string, unknown>;
  return {
    name: map.name,
    description: map.description,
    rule: parseRule(map.rule) ?? {},
    holders: toSafeNumber(map.holders),
    createdAt: new Date(Number(plain['createdAt'])),
    updatedAt: new Date(Number(plain['updatedAt'])),
    computedAt: plain['computedAt'] == null ? null : new Date(Number(plain['computedAt'])),
  };
}

/** What a failed refresh step reports: a coded error as it is, anything else as INTERNAL (its message is logged, not shown). */
function refreshFailure(tag: string | null, error: unknown): TagRefreshFailure {
  if (error instanceof AppError) return { tag, code: String(error.extensions.code), message: error.message };
  const message = tag === null ? 'The scores and rule tags could not be refreshed.' : `Rule tag "${tag}" could not be refreshed.`;
  return { tag, code: 'INTERNAL_SERVER_ERROR', message, cause: error };
}
