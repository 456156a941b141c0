/**
 * The segment rule language and its compiler to Cypher. A rule is a tree (and / or / not over
 * leaves: attributes, interests, events, community, influence, follows, followers, another
 * segment); it arrives as the typed GraphQL input `SegmentRuleInput` and compiles to one
 * predicate over the user variable `u`.
 *
 * The one place in the code base that composes Cypher (STYLE.md, convention 5): every piece of
 * text comes from the closed set of fragments below, chosen by the rule's shape; every value
 * (ids, names, numbers, dates, even property keys) is a parameter `$r<n>`. Nothing a caller
 * sends is ever spliced into the text. Invalid rules fail with BAD_USER_INPUT naming the path
 * in the rule (`rule.and[1].event.withinDays`) and the reason.
 */
import { BadInputError } from '../errors.js';
import type { PublishedInfluence } from '../influence/index.js';
import type { CypherQuery } from '../db/cypher.js';
import { int, toNeo4jDateTime } from '../db/values.js';
import { maskEmail, maskPhone } from '../graphql/auth.js';

export type UserAttribute = 'GENDER' | 'REGION' | 'CITY' | 'OCCUPATION' | 'BIRTH_YEAR' | 'CREATED_AT' | 'LAST_ACTIVE_AT' | 'EMAIL' | 'PHONE';
export type EventKind = 'VIEW' | 'PURCHASE' | 'RATE' | 'REVIEW';

export interface AttributeRule {
  attribute: UserAttribute;
  equals?: string | null;
  in?: string[] | null;
  min?: number | null;
  max?: number | null;
  after?: Date | null;
  before?: Date | null;
  exists?: boolean | null;
}
export interface InterestRule {
  interestId: string;
  minWeight?: number | null;
}
export interface EventRule {
  kind: EventKind;
  /** false: did not do it (at least `atLeast` times) in the window. */
  did?: boolean | null;
  atLeast?: number | null;
  withinDays?: number | null;
  interestId?: string | null;
  category?: string | null;
  minAmount?: number | null;
}
/** One event of a sequence: a kind, optionally on one product, an interest's or a category's products. */
export interface EventStep {
  kind: EventKind;
  productId?: string | null;
  interestId?: string | null;
  category?: string | null;
}
/** Did `first`, then `then` afterwards (thenDid false: and not `then` afterwards), from the event log. */
export interface SequenceRule {
  first: EventStep;
  then: EventStep;
  thenDid?: boolean | null;
  /** `first` in the last withinDays × 24 h. */
  withinDays?: number | null;
  /** `then` at most gapDays × 24 h after `first`; any time after when absent. */
  gapDays?: number | null;
}
export interface SegmentRule {
  and?: SegmentRule[] | null;
  or?: SegmentRule[] | null;
  not?: SegmentRule | null;
  attribute?: AttributeRule | null;
  interest?: InterestRule | null;
  event?: EventRule | null;
  sequence?: SequenceRule | null;
  community?: { communityId: string } | null;
  influence?: { minPercentile: number } | null;
  follows?: { userId: string } | null;
  followedBy?: { atLeast: number } | null;
  /**
   * In a campaign (issue 38): assigned to an arm of `campaignId` (any campaign when absent),
   * in `arm` when given, contacted when `contacted`, within the last `withinDays` when given
   * (assigned, or contacted when `contacted`). "Not contacted in 14 days" is
   * not {campaign: {contacted: true, withinDays: 14}}. `converted`: did (or, false, did not do)
   * the campaign's goal within its window after the assignment, as its results count it.
   */
  campaign?: { campaignId?: string | null; arm?: string | null; contacted?: boolean | null; withinDays?: number | null; converted?: boolean | null } | null;
  segment?: { segmentId: string } | null;
  /** Holds this rule tag (defineTag). */
  tag?: { name: string } | null;
  /** In one of these value tiers (the tags job's RFM tiers). */
  valueTier?: { in: string[] } | null;
  /** Churn risk in [min, max] (the tags job's score, 0..1). */
  churnRisk?: { min?: number | null; max?: number | null } | null;
  /** Mean sentiment of the user's reviews in [min, max] (−1..1); users without reviews never match. */
  reviewSentiment?: { min?: number | null; max?: number | null } | null;
  /** Wrote a review naming this topic (one of its keywords), its sentiment in [min, max] when given. */
  reviewTopic?: { topic: string; min?: number | null; max?: number | null } | null;
  /** One of these users: not in the GraphQL input; portraits of a list (a lookalike audience) use it. */
  userIds?: readonly string[] | null;
}

/** The published influence run's keys (influence rules read ranks from its slot); null: none published. */
export interface RuleContext {
  now: Date;
  influence: PublishedInfluence | null;
  /**
   * The RULE segments a rule refers to (`segment` conditions), loaded beforehand
   * (segmentRefs): their rules are compiled in place, so membership of a dynamic segment is
   * evaluated now. Segments not in the map keep their stored members (INCLUDES).
   */
  segmentRules?: ReadonlyMap<string, SegmentRule>;
  /** The segment whose rule this is (an update): a reference back to it is a cycle. */
  compilingSegmentId?: string;
  /**
   * The goals of the campaigns the rule's `converted` conditions name (campaignGoalRefs), loaded
   * beforehand: the conversion test then holds the goal as parameters. A campaign not in the map
   * is tested against its own properties, which gives the same members and plans slower.
   */
  campaignGoals?: ReadonlyMap<string, CampaignGoal>;
}

/** What counts as a campaign's conversion (Campaign.goal*; campaigns/results.ts counts the same). */
export interface CampaignGoal {
  kind: string | null;
  productId: string | null;
  category: string | null;
  interestId: string | null;
  withinDays: number | null;
}

type KnownGoal = CampaignGoal & { kind: string; withinDays: number };

export interface CompiledRule {
  /** A Cypher boolean expression over `u`. */
  predicate: string;
  params: Record<string, unknown>;
}

/** Bounds that keep a rule's statement small whatever a caller sends. */
export const RULE_LIMITS = { maxDepth: 8, maxLeaves: 40, maxInValues: 1_000, maxWindowDays: 3_650, maxCount: 100_000, maxTopicLength: 100 } as const;

const ATTRIBUTES: Record<UserAttribute, { key: string; type: 'text' | 'number' | 'date' }> = {
  GENDER: { key: 'gender', type: 'text' },
  REGION: { key: 'region', type: 'text' },
  CITY: { key: 'city', type: 'text' },
  OCCUPATION: { key: 'occupation', type: 'text' },
  BIRTH_YEAR: { key: 'birthYear', type: 'number' },
  CREATED_AT: { key: 'createdAt', type: 'date' },
  LAST_ACTIVE_AT: { key: 'lastActiveAt', type: 'date' },
  EMAIL: { key: 'email', type: 'text' },
  PHONE: { key: 'phone', type: 'text' },
};

/**
 * Per event kind: the relationship pattern and the property its time window applies to.
 * Purchases, ratings and reviews are one relationship per event; views are one per (user, product)
 * with their last time, so for VIEW `atLeast` counts distinct products viewed in the window.
 */
const EVENTS: Record<EventKind, { pattern: string; at: string }> = {
  // Event relationships only ever end at a Product (docs/DATA-MODEL.md): no label test on p.
  PURCHASE: { pattern: '(u)-[e:PURCHASED]->(p)', at: 'e.at' },
  RATE: { pattern: '(u)-[e:RATED]->(p)', at: 'e.at' },
  VIEW: { pattern: '(u)-[e:VIEWED]->(p)', at: 'e.lastAt' },
  REVIEW: { pattern: '(u)-[e:REVIEWED]->(p)', at: 'e.at' },
};

const LEAVES = [
  'attribute',
  'interest',
  'event',
  'sequence',
  'community',
  'influence',
  'follows',
  'followedBy',
  'campaign',
  'segment',
  'tag',
  'valueTier',
  'churnRisk',
  'reviewSentiment',
  'reviewTopic',
  'userIds',
] as const;
const BRANCHES = ['and', 'or', 'not'] as const;

class Compiler {
  readonly params: Record<string, unknown> = {};
  private leaves = 0;
  /** RULE segments being compiled in place, outermost first, to refuse a rule that includes itself. */
  private readonly inlining: string[];

  constructor(private readonly context: RuleContext) {
    this.inlining = context.compilingSegmentId === undefined ? [] : [context.compilingSegmentId];
  }

  /** A new parameter holding `value`; returns its `$name` for the text. */
  private param(value: unknown): string {
    const name = `r${Object.keys(this.params).length}`;
    this.params[name] = value;
    return `$${name}`;
  }

  rule(rule: SegmentRule, path: string, depth: number): string {
    if (depth > RULE_LIMITS.maxDepth) fail(path, `rules nest at most ${RULE_LIMITS.maxDepth} deep`);
    const set = [...BRANCHES, ...LEAVES].filter((key) => rule[key] !== undefined && rule[key] !== null);
    if (set.length !== 1) fail(path, set.length === 0 ? 'set exactly one of and, or, not or a condition' : `set exactly one field; got ${set.join(', ')}`);
    const key = set[0] as (typeof BRANCHES)[number] | (typeof LEAVES)[number];
    if (key === 'and' || key === 'or') {
      const parts = rule[key] as SegmentRule[];
      if (parts.length === 0) fail(`${path}.${key}`, 'needs at least one rule');
      return `(${parts.map((part, index) => this.rule(part, `${path}.${key}[${index}]`, depth + 1)).join(key === 'and' ? ' AND ' : ' OR ')})`;
    }
    if (key === 'not') return `(NOT ${this.rule(rule.not as SegmentRule, `${path}.not`, depth + 1)})`;
    this.leaves += 1;
    if (this.leaves > RULE_LIMITS.maxLeaves) fail(path, `a rule has at most ${RULE_LIMITS.maxLeaves} conditions`);
    const at = `${path}.${key}`;
    switch (key) {
      case 'attribute':
        return this.attribute(rule.attribute as AttributeRule, at);
      case 'interest':
        return this.interest(rule.interest as InterestRule, at);
      case 'event':
        return this.event(rule.event as EventRule, at);
      case 'sequence':
        return this.sequence(rule.sequence as SequenceRule, at);
      case 'community':
        return `EXISTS { (u)-[:MEMBER_OF]->(:Community {id: ${this.param(text(rule.community?.communityId, `${at}.communityId`))}}) }`;
      case 'influence':
        return this.influence(rule.influence?.minPercentile, at);
      case 'follows':
        return `EXISTS { (u)-[:FOLLOWS]->(:User {id: ${this.param(text(rule.follows?.userId, `${at}.userId`))}}) }`;
      case 'followedBy':
        return `COUNT { (u)<-[:FOLLOWS]-() } >= ${this.param(int(count(rule.followedBy?.atLeast, `${at}.atLeast`)))}`;
      case 'campaign':
        return this.campaign(rule.campaign ?? {}, at);
      case 'segment': {
        const id = text(rule.segment?.segmentId, `${at}.segmentId`);
        const inner = this.context.segmentRules?.get(id);
        // Anchored on u: each user has few INCLUDES, a segment may have 100,000.
        if (!inner) return `EXISTS { (u)<-[:INCLUDES]-(s:Segment) WHERE s.id = ${this.param(id)} }`;
        if (this.inlining.includes(id)) {
          const cycle = [...this.inlining.slice(this.inlining.indexOf(id)), id];
          fail(at, `segments may not refer to themselves; this makes a cycle: ${cycle.join(' → ')}`);
        }
        this.inlining.push(id);
        const predicate = this.rule(inner, `${at}(${id})`, depth + 1);
        this.inlining.pop();
        return predicate;
      }
      case 'tag':
        return `EXISTS { (u)-[:HAS_TAG]->(:Tag {name: ${this.param(text(rule.tag?.name, `${at}.name`))}}) }`;
      case 'valueTier': {
        const tiers = rule.valueTier?.in ?? [];
        if (tiers.length === 0) fail(`${at}.in`, 'give at least one tier');
        return `u.valueTier IN ${this.param(tiers)}`;
      }
      case 'churnRisk': {
        const tests = this.range(rule.churnRisk, [0, 1], at, 'u.churnRisk');
        return tests.length === 1 ? (tests[0] as string) : `(${tests.join(' AND ')})`;
      }
      case 'reviewSentiment': {
        // The mean over the user's reviews, in one expression: a COLLECT subquery holds them.
        const mean = 'reduce(sentimentTotal = 0.0, sentimentValue IN sentiments | sentimentTotal + sentimentValue) / size(sentiments)';
        const tests = this.range(rule.reviewSentiment, [-1, 1], at, mean);
        // Reviews whose sentiment could not be read (Chinese) are not in the mean.
        return `ANY(sentiments IN [COLLECT { MATCH (u)-[review:REVIEWED]->() WHERE review.sentiment IS NOT NULL RETURN review.sentiment }] WHERE size(sentiments) > 0 AND ${tests.join(' AND ')})`;
      }
      case 'reviewTopic': {
        // Keywords are stored lower-case (src/text/read-review.ts); Chinese has no case.
        const topic = text(rule.reviewTopic?.topic, `${at}.topic`).trim().toLowerCase();
        if (topic.length > RULE_LIMITS.maxTopicLength) fail(`${at}.topic`, `at most ${RULE_LIMITS.maxTopicLength} characters; got ${topic.length}`);
        const tests = [`${this.param(topic)} IN review.keywords`];
        // The sentiment bounds are optional here (range() wants one of them).
        if (rule.reviewTopic?.min != null || rule.reviewTopic?.max != null) tests.push(...this.range(rule.reviewTopic, [-1, 1], at, 'review.sentiment'));
        return `EXISTS { (u)-[review:REVIEWED]->() WHERE ${tests.join(' AND ')} }`;
      }
      case 'userIds':
        return `u.id IN ${this.param([...(rule.userIds ?? [])])}`;
    }
  }

  /** `value` within [min, max] (either may be absent, not both), each inside `limits`: the tests, as parameters. */
  private range(rule: { min?: number | null; max?: number | null } | null | undefined, limits: [number, number], path: string, value: string): string[] {
    const bound = (given: number | null | undefined, name: string) => {
      if (given != null && !(given >= limits[0] && given <= limits[1])) fail(`${path}.${name}`, `must be between ${limits[0]} and ${limits[1]}; got ${given}`);
      return given ?? null;
    };
    const low = bound(rule?.min, 'min');
    const high = bound(rule?.max, 'max');
    if (low === null && high === null) fail(path, 'give min and/or max');
    if (low !== null && high !== null && low > high) fail(`${path}.min`, `min ${low} is above max ${high}`);
    return [...(low !== null ? [`${value} >= ${this.param(low)}`] : []), ...(high !== null ? [`${value} <= ${this.param(high)}`] : [])];
  }

  private attribute(rule: AttributeRule, path: string): string {
    const attribute = ATTRIBUTES[rule.attribute];
    // The property name comes from the closed ATTRIBUTES table (never from the caller), and is
    // written as a static property so the planner can seek the User(region) and other indexes
    // (a dynamic u[$key] forces a scan of every user: 2.2× the hand-written statement).
    const key = attribute.key;
    const tests = (['equals', 'in', 'min', 'max', 'after', 'before', 'exists'] as const).filter((test) => rule[test] !== undefined && rule[test] !== null);
    if (tests.length === 0) fail(path, 'give a test: equals, in, min/max, after/before or exists');
    const allowed: Record<typeof attribute.type, readonly string[]> = {
      text: ['equals', 'in', 'exists'],
      number: ['equals', 'in', 'min', 'max', 'exists'],
      date: ['after', 'before', 'exists'],
    };
    const wrong = tests.filter((test) => !allowed[attribute.type].includes(test));
    if (wrong.length > 0) fail(`${path}.${wrong[0]}`, `${rule.attribute} takes ${allowed[attribute.type].join(', ')}`);
    if (rule.exists !== undefined && rule.exists !== null) {
      if (tests.length > 1) fail(`${path}.exists`, 'exists stands alone');
      return rule.exists ? `u.${key} IS NOT NULL` : `u.${key} IS NULL`;
    }
    // Digits only: Number(" ") and Number("") are 0, which read a blank as the year 0.
    const numeric = (value: string, at: string) => {
      if (!/^\s*[+-]?\d{1,15}\s*$/.test(value)) fail(at, `${rule.attribute} is a whole number; got "${value}"`);
      return int(Number(value));
    };
    const value = (raw: string, at: string) => (attribute.type === 'number' ? numeric(raw, at) : raw);
    const parts: string[] = [];
    if (rule.equals !== undefined && rule.equals !== null) parts.push(`u.${key} = ${this.param(value(rule.equals, `${path}.equals`))}`);
    if (rule.in) {
      if (rule.in.length === 0 || rule.in.length > RULE_LIMITS.maxInValues) fail(`${path}.in`, `give 1 to ${RULE_LIMITS.maxInValues} values`);
      parts.push(`u.${key} IN ${this.param(rule.in.map((raw, index) => value(raw, `${path}.in[${index}]`)))}`);
    }
    if (rule.min !== undefined && rule.min !== null) parts.push(`u.${key} >= ${this.param(rule.min)}`);
    if (rule.max !== undefined && rule.max !== null) parts.push(`u.${key} <= ${this.param(rule.max)}`);
    if (rule.min != null && rule.max != null && rule.min > rule.max) fail(`${path}.min`, `min ${rule.min} is above max ${rule.max}`);
    if (rule.after) parts.push(`u.${key} >= ${this.param(toNeo4jDateTime(rule.after))}`);
    if (rule.before) parts.push(`u.${key} < ${this.param(toNeo4jDateTime(rule.before))}`);
    if (rule.after && rule.before && rule.after >= rule.before) fail(`${path}.after`, 'after must be earlier than before');
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`;
  }

  private interest(rule: InterestRule, path: string): string {
    const id = this.param(text(rule.interestId, `${path}.interestId`));
    const minWeight = rule.minWeight ?? 0;
    if (!Number.isFinite(minWeight) || minWeight < 0) fail(`${path}.minWeight`, `must be ≥ 0; got ${minWeight}`);
    return `EXISTS { (u)-[i:INTERESTED_IN]->(:Interest {id: ${id}}) WHERE i.weight >= ${this.param(minWeight)} }`;
  }

  private event(rule: EventRule, path: string): string {
    const event = EVENTS[rule.kind];
    const atLeast = count(rule.atLeast ?? 1, `${path}.atLeast`);
    const filters: string[] = [];
    if (rule.withinDays !== undefined && rule.withinDays !== null) {
      const days = this.days(rule.withinDays, `${path}.withinDays`);
      // The window is the last `withinDays` × 24 h up to the request's clock, start included.
      filters.push(`${event.at} >= ${this.param(toNeo4jDateTime(new Date(this.context.now.getTime() - days * 86_400_000)))}`);
    }
    if (rule.interestId !== undefined && rule.interestId !== null) {
      filters.push(`EXISTS { (p)-[:HAS_INTEREST]->(:Interest {id: ${this.param(text(rule.interestId, `${path}.interestId`))}}) }`);
    }
    if (rule.category !== undefined && rule.category !== null) filters.push(`p.category = ${this.param(text(rule.category, `${path}.category`))}`);
    if (rule.minAmount !== undefined && rule.minAmount !== null) {
      if (rule.kind !== 'PURCHASE') fail(`${path}.minAmount`, 'only purchases have an amount');
      filters.push(`e.amount >= ${this.param(rule.minAmount)}`);
    }
    const body = `${event.pattern}${filters.length > 0 ? ` WHERE ${filters.join(' AND ')}` : ''}`;
    // At least one: EXISTS stops at the first match where COUNT reads them all (20 % of a sampled 3-clause preview at a million users).
    const counted = atLeast === 1 ? `EXISTS { ${body} }` : `COUNT { ${body} } >= ${this.param(int(atLeast))}`;
    return rule.did === false ? `(NOT ${counted})` : counted;
  }

  /**
   * Over the event log (cypher/activity/append-event-log.cypher): some `first` event of the
   * user's with a `then` event after it (or, thenDid false, with none after it: "viewed and did
   * not buy afterwards" holds when the last such view had no purchase after it). The subquery
   * variables have names no template uses, so they cannot capture an outer variable.
   */
  private sequence(rule: SequenceRule, path: string): string {
    const first = this.eventStep(rule.first, 'seqFirst', `${path}.first`);
    const then = this.eventStep(rule.then, 'seqThen', `${path}.then`);
    if (rule.withinDays !== undefined && rule.withinDays !== null) {
      const days = this.days(rule.withinDays, `${path}.withinDays`);
      first.push(`seqFirst.at >= ${this.param(toNeo4jDateTime(new Date(this.context.now.getTime() - days * 86_400_000)))}`);
    }
    then.push('seqThen.at > seqFirst.at');
    if (rule.gapDays !== undefined && rule.gapDays !== null) {
      then.push(`seqThen.at <= seqFirst.at + duration({days: ${this.param(int(this.days(rule.gapDays, `${path}.gapDays`)))}})`);
    }
    const after = `EXISTS { (u)-[:DID]->(seqThen:Event) WHERE ${then.join(' AND ')} }`;
    return `EXISTS { (u)-[:DID]->(seqFirst:Event) WHERE ${first.join(' AND ')} AND ${rule.thenDid === false ? `NOT ${after}` : after} }`;
  }

  /** The tests an event log entry `alias` passes to be `step`. */
  private eventStep(step: EventStep | undefined, alias: 'seqFirst' | 'seqThen', path: string): string[] {
    if (!step || !(step.kind in EVENTS)) fail(`${path}.kind`, 'give an event kind');
    const narrowed = (['productId', 'interestId', 'category'] as const).filter((key) => step[key] !== undefined && step[key] !== null);
    if (narrowed.length > 1) fail(path, `give at most one of productId, interestId, category; got ${narrowed.join(', ')}`);
    const tests = [`${alias}.kind = ${this.param(step.kind)}`];
    if (step.productId != null) tests.push(`${alias}.productId = ${this.param(text(step.productId, `${path}.productId`))}`);
    if (step.category != null) {
      tests.push(lazily(`EXISTS { (:Product {id: ${alias}.productId, category: ${this.param(text(step.category, `${path}.category`))}}) }`));
    }
    if (step.interestId != null) {
      tests.push(
        lazily(`EXISTS { (:Product {id: ${alias}.productId})-[:HAS_INTEREST]->(:Interest {id: ${this.param(text(step.interestId, `${path}.interestId`))}}) }`),
      );
    }
    return tests;
  }

  /** Anchored on u: a user has few memberships, a campaign may have a million. */
  private campaign(rule: NonNullable<SegmentRule['campaign']>, path: string): string {
    const tests = ['membership.arm IS NOT NULL'];
    if (rule.campaignId != null) tests.push(`campaign.id = ${this.param(text(rule.campaignId, `${path}.campaignId`))}`);
    if (rule.arm != null) tests.push(`membership.arm = ${this.param(text(rule.arm, `${path}.arm`))}`);
    const when = rule.contacted ? 'membership.contactedAt' : 'membership.assignedAt';
    if (rule.contacted) tests.push('membership.contactedAt IS NOT NULL');
    if (rule.withinDays != null) {
      const days = this.days(rule.withinDays, `${path}.withinDays`);
      tests.push(`${when} >= ${this.param(toNeo4jDateTime(new Date(this.context.now.getTime() - days * 86_400_000)))}`);
    }
    if (rule.converted != null) {
      const goal = rule.campaignId != null ? this.context.campaignGoals?.get(rule.campaignId) : undefined;
      const converted = isKnown(goal) ? this.conversion(goal) : this.conversionOfAnyCampaign();
      tests.push(rule.converted ? converted : `NOT ${converted}`);
    }
    return `EXISTS { (u)-[membership:IN_CAMPAIGN]->(campaign:Campaign) WHERE ${tests.join(' AND ')} }`;
  }

  /** A conversion to a known goal, as results.ts counts it (cypher/campaigns/arm-conversions.cypher): only the parts the goal has. */
  private conversion(goal: KnownGoal): string {
    const tests = [`conversion.kind = ${this.param(goal.kind)}`];
    if (goal.productId != null) tests.push(`conversion.productId = ${this.param(goal.productId)}`);
    const days = this.param(int(goal.withinDays));
    tests.push(`conversion.at >= membership.assignedAt AND conversion.at < membership.assignedAt + duration({days: ${days}})`);
    const product: string[] = [];
    if (goal.category != null) product.push(`goalProduct.category = ${this.param(goal.category)}`);
    if (goal.interestId != null) product.push(`EXISTS { (goalProduct)-[:HAS_INTEREST]->(:Interest {id: ${this.param(goal.interestId)}}) }`);
    // The product is looked up only for events of the goal's kind in its window. As a plain
    // EXISTS, the planner looked up every event's product first (a WITH between them is planned
    // away): 2.0 s against 1.0 s for 50,000 members on the 100k bench graph. Behind an OR with a
    // parameter (always false) it becomes a SelectOrSemiApply, planned after the filters.
    if (product.length > 0)
      tests.push(`(${this.param(false)} OR EXISTS { MATCH (goalProduct:Product {id: conversion.productId}) WHERE ${product.join(' AND ')} })`);
    return `EXISTS { (u)-[:DID]->(conversion:Event) WHERE ${tests.join(' AND ')} }`;
  }

  /** The same test over whichever campaign the membership is of, read from its own properties. */
  private conversionOfAnyCampaign(): string {
    return (
      'EXISTS { (u)-[:DID]->(conversion:Event) WHERE conversion.kind = campaign.goalKind' +
      ' AND (campaign.goalProductId IS NULL OR conversion.productId = campaign.goalProductId)' +
      ' AND ((campaign.goalCategory IS NULL AND campaign.goalInterestId IS NULL) OR EXISTS { MATCH (goalProduct:Product {id: conversion.productId})' +
      ' WHERE (campaign.goalCategory IS NULL OR goalProduct.category = campaign.goalCategory)' +
      ' AND (campaign.goalInterestId IS NULL OR EXISTS { (goalProduct)-[:HAS_INTEREST]->(:Interest {id: campaign.goalInterestId}) }) })' +
      ' AND conversion.at >= membership.assignedAt AND conversion.at < membership.assignedAt + duration({days: campaign.goalWithinDays}) }'
    );
  }

  private days(value: number, path: string): number {
    if (!Number.isInteger(value) || value < 1 || value > RULE_LIMITS.maxWindowDays) {
      fail(path, `must be a whole number of days from 1 to ${RULE_LIMITS.maxWindowDays}; got ${value}`);
    }
    return value;
  }

  private influence(minPercentile: number | undefined, path: string): string {
    if (minPercentile === undefined || !(minPercentile >= 0 && minPercentile <= 1))
      fail(`${path}.minPercentile`, `must be between 0 and 1; got ${minPercentile}`);
    const run = this.context.influence;
    if (!run || run.count === 0) return 'false'; // nobody has a percentile without a published run
    // percentile = 1 − (rank − 1) / count ≥ p  ⇔  rank ≤ 1 + (1 − p) · count
    const maxRank = Math.floor(1 + (1 - (minPercentile as number)) * run.count + 1e-9);
    return `(u[${this.param(run.keys.jobKey)}] = ${this.param(run.jobId)} AND u[${this.param(run.keys.rankKey)}] <= ${this.param(int(maxRank))})`;
  }
}

/**
 * A costly test (a product lookup per log entry) evaluated only for the entries the cheap tests
 * beside it (kind, time) let through. Given as a bare EXISTS, the planner runs it first, for every
 * entry of every user (an index seek each: 2.7× slower on bench:sequences); inside a CASE it is
 * an expression, evaluated after the filters it is ANDed with.
 */
function lazily(test: string): string {
  return `CASE WHEN ${test} THEN true ELSE false END`;
}

function fail(path: string, reason: string): never {
  throw new BadInputError(`Invalid segment rule at ${path}: ${reason}.`, { argument: 'rule', path });
}

function text(value: string | undefined | null, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'must be a non-empty string');
  return value;
}

function count(value: number | undefined | null, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > RULE_LIMITS.maxCount) {
    fail(path, `must be a whole number from 0 to ${RULE_LIMITS.maxCount}; got ${value}`);
  }
  return value;
}

const isKnown = (goal: CampaignGoal | undefined): goal is KnownGoal => goal?.kind != null && goal.withinDays != null;

/** The campaigns whose conversions a rule tests (`campaign: {campaignId, converted}`). */
export function campaignGoalRefs(rule: SegmentRule, into = new Set<string>()): Set<string> {
  if (rule.campaign?.campaignId != null && rule.campaign.converted != null) into.add(rule.campaign.campaignId);
  for (const part of [...(rule.and ?? []), ...(rule.or ?? []), ...(rule.not ? [rule.not] : [])]) campaignGoalRefs(part, into);
  return into;
}

/** The ids of the segments a rule refers to. */
export function segmentRefs(rule: SegmentRule, into = new Set<string>()): Set<string> {
  if (rule.segment?.segmentId) into.add(rule.segment.segmentId);
  for (const part of [...(rule.and ?? []), ...(rule.or ?? []), ...(rule.not ? [rule.not] : [])]) segmentRefs(part, into);
  return into;
}

/** Compiles a rule (validated on the way) to a predicate over `u` and its parameters. */
export function compileRule(rule: SegmentRule, context: RuleContext, path = 'rule'): CompiledRule {
  const compiler = new Compiler(context);
  const predicate = compiler.rule(rule, path, 1);
  return { predicate, params: compiler.params };
}

/** A statement template with its `{{rule}}` marker replaced by a compiled rule's predicate. */
export function withRule<Row, Params extends Record<string, unknown>>(template: CypherQuery<Row, Params>, rule: CompiledRule): CypherQuery<Row, Params> {
  if (!template.text.includes('{{rule}}')) throw new Error(`cypher/${template.name}.cypher has no {{rule}} marker`);
  return { name: template.name, text: template.text.replaceAll('{{rule}}', rule.predicate) };
}

/**
 * The rule over a uniform sample of users: those whose sample key (drawn uniformly in [0, 1) when
 * the user was made; index user_sample_key) is below `fraction` (src/segments/sampling.ts).
 */
export function sampledRule(rule: CompiledRule, fraction: number): CompiledRule {
  return { predicate: `(u.sampleKey < $sampleFraction AND ${rule.predicate})`, params: { ...rule.params, sampleFraction: fraction } };
}

/** A stored rule (JSON) back as a rule: its dates come back as dates. null: not a string. */
export function parseRule(json: unknown): SegmentRule | null {
  if (typeof json !== 'string') return null;
  return JSON.parse(json, (key, value: unknown) =>
    (key === 'after' || key === 'before') && typeof value === 'string' ? new Date(value) : value,
  ) as SegmentRule;
}

/** Attributes whose values are personal data: masked in rules shown to roles without PII. */
const PII_ATTRIBUTES: Readonly<Partial<Record<UserAttribute, (value: string) => string>>> = {
  EMAIL: (value) => maskEmail(value) ?? '***',
  PHONE: (value) => maskPhone(value) ?? '***',
};

/**
 * A rule as a role without PII may read it: the values of its EMAIL and PHONE tests masked as
 * User.email and User.phone are (j***@example.com). Everything else is as saved.
 */
export function ruleWithPiiMasked(rule: SegmentRule): SegmentRule {
  const mask = rule.attribute ? PII_ATTRIBUTES[rule.attribute.attribute] : undefined;
  return {
    ...rule,
    ...(rule.and ? { and: rule.and.map(ruleWithPiiMasked) } : {}),
    ...(rule.or ? { or: rule.or.map(ruleWithPiiMasked) } : {}),
    ...(rule.not ? { not: ruleWithPiiMasked(rule.not) } : {}),
    ...(rule.attribute && mask
      ? {
          attribute: {
            ...rule.attribute,
            ...(rule.attribute.equals != null ? { equals: mask(rule.attribute.equals) } : {}),
            ...(rule.attribute.in ? { in: rule.attribute.in.map(mask) } : {}),
          },
        }
      : {}),
  };
}

/** Stored settings JSON (a snapshot keeps its source rule there) as a role without PII may read it. */
export function settingsWithPiiMasked(settings: string): string {
  const parsed = JSON.parse(settings) as Record<string, unknown>;
  const rule = parseRule(JSON.stringify(parsed['rule'] ?? null));
  return rule && typeof rule === 'object' ? JSON.stringify({ ...parsed, rule: ruleWithPiiMasked(rule) }) : settings;
}
