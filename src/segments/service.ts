import { randomUUID } from 'node:crypto';
import type { DateTime, Integer, ManagedTransaction } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { int, neo4jValueToJson, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { analyticsQueries } from '../analytics/queries.js';
import { AppError, BadInputError, NotFoundError } from '../errors.js';
import { ConcurrentChange, retryConcurrentChange } from '../db/neo4j-errors.js';
import { toPublished } from '../influence/index.js';
import { toPage, type Page } from '../graphql/pagination.js';
import { chunks } from '../lib/chunks.js';
import { toUser, type User, type UserMap } from '../profiles/index.js';
import {
  campaignGoalRefs,
  compileRule,
  parseRule,
  RULE_LIMITS,
  sampledRule,
  segmentRefs,
  withRule,
  type CampaignGoal,
  type CompiledRule,
  type RuleContext,
  type SegmentRule,
} from './rules.js';
import { NO_SAMPLING, scaled, sizeEstimate, type Sampling, type SizeEstimate } from './sampling.js';

type SegmentMap = Record<string, unknown> & { id: string };
type ExportRowMap = { rank: Integer; score: number; userId: string; email: string | null; phone: string | null; consented: boolean };

/** One member as an export reads it: rank, score, identifiers, and whether both consents hold. */
export interface ExportRow {
  rank: number;
  score: number;
  userId: string;
  email: string | null;
  phone: string | null;
  consented: boolean;
}
/**
 * Where an export page starts: after this rank (stored members), and for a RULE segment, whose
 * members are read by id, after this user id too.
 */
export interface ExportCursor {
  afterRank: number;
  afterId: string;
}
export const START_OF_EXPORT: ExportCursor = { afterRank: 0, afterId: '' };

const segmentQueries = {
  create: cypher<
    { segment: SegmentMap },
    { id: string; name: string; kind: string; settings: string; seedSize: Integer; size: Integer; now: DateTime; seedIds: string[] }
  >('segments/create-segment'),
  addMembers: cypher<{ written: Integer }, { id: string; rows: { userId: string; score: number; rank: Integer }[] }>('segments/add-members'),
  byIds: cypher<{ segment: SegmentMap }, { ids: string[] }>('segments/segments-by-ids'),
  campaignGoals: cypher<Omit<CampaignGoal, 'withinDays'> & { id: string; withinDays: Integer | null }, { ids: string[] }>('segments/campaign-goals'),
  members: cypher<{ userId: string; score: number; rank: Integer }, { id: string; afterRank: Integer; limit: Integer }>('segments/members-page'),
  count: cypher<{ total: Integer }, { id: string }>('segments/member-count'),
  memberIds: cypher<{ userId: string; rank: Integer }, { id: string; afterRank: Integer; limit: Integer }>('segments/member-ids-page'),
  createRule: cypher<{ segment: SegmentMap }, { id: string; name: string; rule: string; now: DateTime }>('segments/create-rule-segment'),
  updateRule: cypher<{ segment: SegmentMap }, { id: string; name: string | null; rule: string | null; now: DateTime }>('segments/update-rule-segment'),
  lock: cypher<{ locked: Integer }, { id: string; now: DateTime }>('segments/lock-segment'),
  lockReferenced: cypher<{ locked: Integer }, { ids: string[]; now: DateTime }>('segments/lock-segments'),
  referencedPresent: cypher<{ present: Integer }, { ids: string[] }>('segments/segments-present'),
  delete: cypher<{ deleted: Integer }, { id: string }>('segments/delete-segment'),
  referrers: cypher<{ segments: { id: string; name: string; rule: string }[]; tags: { name: string; rule: string }[] }, { id: string; needle: string }>(
    'segments/segment-referrers',
  ),
  page: cypher<{ segment: SegmentMap }, { afterCreatedAt: DateTime | null; afterId: string; limit: Integer }>('segments/segments-page'),
  ruleMembers: cypher<{ userId: string }, { afterId: string; limit: Integer } & Record<string, unknown>>('segments/rule-members-page'),
  ruleCount: cypher<{ total: Integer }, Record<string, unknown>>('segments/rule-member-count'),
  exportPage: cypher<ExportRowMap, { id: string; afterRank: Integer; limit: Integer }>('segments/export-page'),
  ruleExportPage: cypher<Omit<ExportRowMap, 'rank'>, { afterId: string; limit: Integer } & Record<string, unknown>>('segments/rule-export-page'),
  segmentsCount: cypher<{ total: Integer }, Record<string, never>>('segments/segments-count'),
  preview: cypher<{ matched: Integer; reachable: Integer; sample: UserMap[] }, { sampleSize: Integer } & Record<string, unknown>>('segments/preview-rule'),
} as const;

export interface SegmentPreview {
  /** The rule previewed (its portrait is of the same members). */
  rule: SegmentRule;
  size: number;
  withoutMarketingConsent: number;
  sample: User[];
  /** How `size` was estimated from a uniform sample of users (sampling.ts); null: counted exactly. */
  estimate: SizeEstimate | null;
}

export interface Segment {
  id: string;
  name: string;
  /** LOOKALIKE, IMPORTED (members stored, ranked) or RULE (members evaluated on read). */
  kind: string;
  /** A RULE segment's rule. */
  rule: SegmentRule | null;
  settings: string;
  seedSize: number;
  size: number;
  createdAt: string;
}

export interface SegmentMember {
  userId: string;
  score: number;
  rank: number;
}

const WRITE_BATCH = 5_000;
const READ_BATCH = 10_000;

/** Saved audiences live in the graph (any replica can serve and export them). */
/**
 * Inside a transaction that saves `rule`: locks the segments it names, then reads that they all
 * still exist (cypher/segments/lock-segments.cypher says why in two steps); a ConcurrentChange
 * when one was deleted meanwhile, for the caller to compile again (NOT_FOUND).
 */
export async function holdReferencedSegments(db: Db, tx: ManagedTransaction, rule: SegmentRule): Promise<void> {
  const ids = [...segmentRefs(rule)];
  if (ids.length === 0) return;
  await db.run(tx, segmentQueries.lockReferenced, { ids, now: toNeo4jDateTime(new Date()) });
  const [row] = await db.run(tx, segmentQueries.referencedPresent, { ids });
  if (toSafeNumber(row?.present ?? 0) < ids.length) throw new ConcurrentChange('a segment the rule names was deleted meanwhile');
}

export class SegmentsService {
  /**
   * @param ruleContext the clock and published influence run rules are evaluated against (the
   * request's, in the API); by default now and whatever run is published.
   */
  constructor(
    private readonly db: Db,
    private readonly ruleContext: () => Promise<RuleContext> = () => currentRuleContext(db),
    private readonly sampling: Sampling = NO_SAMPLING,
  ) {}

  /**
   * Compiles a rule with the segments it refers to loaded first (a level of references per
   * statement, at most RULE_LIMITS.maxDepth): RULE segments are compiled in place, others keep
   * their stored members. An unknown segment is NOT_FOUND. Rule tags (src/tags/) compile
   * their rules here too, at the clock of their run (`now`).
   *
   * `asSegmentId`: the rule is to become that segment's rule (updateSegment), so references
   * back to it are compiled against the new rule, and a cycle through it is refused.
   */
  async compile(rule: SegmentRule, now?: Date, asSegmentId?: string): Promise<CompiledRule> {
    const context = { ...(await this.ruleContext()), ...(now ? { now } : {}) };
    const segmentRules = new Map<string, SegmentRule>();
    const seen = new Set<string>();
    if (asSegmentId !== undefined) {
      segmentRules.set(asSegmentId, rule);
      seen.add(asSegmentId);
    }
    let pending = [...segmentRefs(rule)].filter((id) => !seen.has(id));
    for (let level = 0; pending.length > 0 && level < RULE_LIMITS.maxDepth; level += 1) {
      pending.forEach((id) => seen.add(id));
      const rows = await this.db.query(segmentQueries.byIds, { ids: pending });
      const found = new Map(rows.map((row) => [row.segment.id, toSegment(row.segment)]));
      const missing = pending.filter((id) => !found.has(id));
      if (missing.length > 0) throw new NotFoundError('Segment', missing);
      const next = new Set<string>();
      for (const segment of found.values()) {
        if (!segment.rule) continue;
        segmentRules.set(segment.id, segment.rule);
        for (const id of segmentRefs(segment.rule)) if (!seen.has(id)) next.add(id);
      }
      pending = [...next];
    }
    const campaignIds = [rule, ...segmentRules.values()].reduce((ids, each) => campaignGoalRefs(each, ids), new Set<string>());
    const campaignGoals = new Map<string, CampaignGoal>();
    if (campaignIds.size > 0) {
      for (const row of await this.db.query(segmentQueries.campaignGoals, { ids: [...campaignIds] }))
        campaignGoals.set(row.id, { ...row, withinDays: row.withinDays == null ? null : toSafeNumber(row.withinDays) });
    }
    return compileRule(rule, {
      ...context,
      segmentRules,
      campaignGoals,
      ...(asSegmentId !== undefined ? { compilingSegmentId: asSegmentId } : {}),
    });
  }

  /** Saves a rule as a segment; the rule is compiled first, so an invalid rule saves nothing. */
  async createRuleSegment(name: string, rule: SegmentRule): Promise<Segment> {
    const id = randomUUID();
    // A segment the rule names deleted between the compile and the write: compiled again (NOT_FOUND).
    return retryConcurrentChange(async () => {
      await this.compile(rule);
      const [row] = await this.db.write(
        async (tx) => {
          await holdReferencedSegments(this.db, tx, rule);
          return this.db.run(tx, segmentQueries.createRule, { id, name: checkName(name), rule: JSON.stringify(rule), now: toNeo4jDateTime(new Date()) });
        },
        { name: segmentQueries.createRule.name },
      );
      if (!row) throw new Error('segment not created');
      return toSegment(row.segment);
    });
  }

  /** Renames a rule segment and/or replaces its rule; NOT_FOUND when no rule segment has this id. */
  async updateRuleSegment(id: string, name: string | null | undefined, rule: SegmentRule | null | undefined): Promise<Segment> {
    return retryConcurrentChange(async () => {
      // As this segment's rule: a reference back to it (directly or through others) is a cycle.
      if (rule) await this.compile(rule, undefined, id);
      const [row] = await this.db.write(
        async (tx) => {
          if (rule) await holdReferencedSegments(this.db, tx, rule);
          return this.db.run(tx, segmentQueries.updateRule, {
            id,
            name: name === null || name === undefined ? null : checkName(name),
            rule: rule ? JSON.stringify(rule) : null,
            now: toNeo4jDateTime(new Date()),
          });
        },
        { name: segmentQueries.updateRule.name },
      );
      if (!row) throw new NotFoundError('Segment', id);
      return toSegment(row.segment);
    });
  }

  /**
   * Deletes a segment and its links (never users); false when there was none. A segment that
   * a RULE segment or a rule tag refers to is not deleted (CONFLICT naming them): their rules
   * would stop compiling, and every write refreshing the tag with them.
   */
  async delete(id: string): Promise<boolean> {
    return this.db.write(
      async (tx) => {
        // Locked first: a rule being saved with this segment is then committed (and found) or waits (lock-segment.cypher).
        await this.db.run(tx, segmentQueries.lock, { id, now: toNeo4jDateTime(new Date()) });
        const [found] = await this.db.run(tx, segmentQueries.referrers, { id, needle: `"segmentId":${JSON.stringify(id)}` });
        const names = (rule: string) => segmentRefs(parseRule(rule) ?? {}).has(id);
        const segments = (found?.segments ?? []).filter((segment) => names(segment.rule));
        const tags = (found?.tags ?? []).filter((tag) => names(tag.rule));
        if (segments.length > 0 || tags.length > 0) {
          const listed = [...segments.map((segment) => `segment "${segment.name}" (${segment.id})`), ...tags.map((tag) => `rule tag "${tag.name}"`)];
          throw new AppError(
            `Segment "${id}" is used by ${listed.slice(0, 10).join(', ')}${listed.length > 10 ? ` and ${listed.length - 10} more` : ''}: change or delete them first.`,
            'CONFLICT',
            {
              referringSegments: segments.slice(0, 100).map((segment) => segment.id),
              referringTags: tags.slice(0, 100).map((tag) => tag.name),
            },
          );
        }
        const [row] = await this.db.run(tx, segmentQueries.delete, { id });
        return (row ? toSafeNumber(row.deleted) : 0) > 0;
      },
      { name: segmentQueries.delete.name },
    );
  }

  /** Segments newest first. */
  async page(after: [string, string] | null, limit: number): Promise<Page<Segment>> {
    const rows = await this.db.query(segmentQueries.page, {
      afterCreatedAt: after ? toNeo4jDateTime(new Date(after[0])) : null,
      afterId: after?.[1] ?? '',
      limit: int(limit + 1),
    });
    return toPage(
      rows.map((row) => toSegment(row.segment)),
      limit,
    );
  }

  /**
   * One page of a segment's export after `after`: stored members by rank, or a RULE segment's
   * members now, by id (ranks counted on from the cursor). Fewer than `limit` rows: the end.
   */
  async exportPage(segment: Segment, after: ExportCursor, limit: number): Promise<ExportRow[]> {
    if (segment.rule) {
      const compiled = await this.compile(segment.rule);
      const rows = await this.db.query(withRule(segmentQueries.ruleExportPage, compiled), { ...compiled.params, afterId: after.afterId, limit: int(limit) });
      return rows.map((row, index) => ({ ...row, rank: after.afterRank + index + 1 }));
    }
    const rows = await this.db.query(segmentQueries.exportPage, { id: segment.id, afterRank: int(after.afterRank), limit: int(limit) });
    return rows.map((row) => ({ ...row, rank: toSafeNumber(row.rank) }));
  }

  /** Members two segments share now (users with both consents). */
  async overlap(segment: Segment, otherSegmentId: string): Promise<number> {
    const self: SegmentRule = segment.rule ?? { segment: { segmentId: segment.id } };
    return this.ruleMemberCount({ and: [self, { segment: { segmentId: otherSegmentId } }] });
  }

  /** A new SNAPSHOT segment holding a RULE segment's members now. */
  async snapshot(id: string, name: string | null | undefined): Promise<Segment> {
    const source = await this.byId(id);
    if (!source?.rule) throw new NotFoundError('RULE segment', id);
    const members = await this.memberIds(id);
    const snapshotName = name ?? `${source.name} (${new Date().toISOString().slice(0, 10)})`;
    return this.save(
      snapshotName,
      'SNAPSHOT',
      { sourceSegmentId: id, rule: source.rule },
      [],
      0,
      members.map((userId) => ({ userId, score: 1 })),
    );
  }

  async count(): Promise<number> {
    const [row] = await this.db.query(segmentQueries.segmentsCount, {});
    return row ? toSafeNumber(row.total) : 0;
  }

  /** A page of a RULE segment's members evaluated now, in user id order. */
  async ruleMembers(rule: SegmentRule, afterId: string, limit: number): Promise<Page<string>> {
    const compiled = await this.compile(rule);
    const rows = await this.db.query(withRule(segmentQueries.ruleMembers, compiled), { ...compiled.params, afterId, limit: int(limit + 1) });
    return toPage(
      rows.map((row) => row.userId),
      limit,
    );
  }

  /** How many members a RULE segment has now. */
  async ruleMemberCount(rule: SegmentRule): Promise<number> {
    const compiled = await this.compile(rule);
    const [row] = await this.db.query(withRule(segmentQueries.ruleCount, compiled), compiled.params);
    return row ? toSafeNumber(row.total) : 0;
  }

  /**
   * Creates the segment, its seed links and its members in one transaction: a failure writes
   * nothing (at most 10,000 members, a few statements). `settings` must hold no user ids;
   * the seed goes in as relationships, which erasing a user removes.
   */
  async save(
    name: string,
    kind: string,
    settings: Record<string, unknown>,
    seedIds: readonly string[],
    seedSize: number,
    members: { userId: string; score: number }[],
  ): Promise<Segment> {
    checkName(name);
    const id = randomUUID();
    const segment = await this.db.write(
      async (tx) => {
        const [row] = await this.db.run(tx, segmentQueries.create, {
          id,
          name: name.trim(),
          kind,
          settings: JSON.stringify(settings),
          seedSize: int(seedSize),
          size: int(members.length),
          now: toNeo4jDateTime(new Date()),
          seedIds: [...seedIds],
        });
        const ranked = members.map((member, index) => ({ userId: member.userId, score: member.score, rank: int(index + 1) }));
        for (const rows of chunks(ranked, WRITE_BATCH)) await this.db.run(tx, segmentQueries.addMembers, { id, rows });
        return row?.segment ?? { id };
      },
      { name: segmentQueries.create.name },
    );
    return toSegment(segment);
  }

  /** What a rule selects now: one statement, whatever the rule (src/segments/rules.ts composes its predicate). */
  /** Over a large population, from a uniform sample of users (sampling.ts): the counts are estimates and say so. */
  async preview(rule: SegmentRule, sampleSize: number): Promise<SegmentPreview> {
    const [exact, sampled] = await Promise.all([this.compile(rule), this.sampling.fraction()]);
    const count = async (fraction: number | null) => {
      const compiled = fraction === null ? exact : sampledRule(exact, fraction);
      const [row] = await this.db.query(withRule(segmentQueries.preview, compiled), { ...compiled.params, sampleSize: int(sampleSize) });
      return { matched: row ? toSafeNumber(row.matched) : 0, reachable: row ? toSafeNumber(row.reachable) : 0, sample: (row?.sample ?? []).map(toUser) };
    };
    let fraction = sampled;
    let { matched, reachable, sample } = await count(fraction);
    if (fraction !== null && matched < this.sampling.minMembers) {
      fraction = null;
      ({ matched, reachable, sample } = await count(null));
    }
    if (fraction === null) return { rule, size: reachable, withoutMarketingConsent: matched - reachable, sample, estimate: null };
    return {
      rule,
      size: scaled(reachable, fraction),
      withoutMarketingConsent: scaled(matched, fraction) - scaled(reachable, fraction),
      sample,
      estimate: sizeEstimate(reachable, fraction, await this.sampling.sampledUsers(fraction)),
    };
  }

  async exists(id: string): Promise<boolean> {
    return (await this.byId(id)) !== null;
  }

  async byId(id: string): Promise<Segment | null> {
    const [row] = await this.db.query(segmentQueries.byIds, { ids: [id] });
    return row ? toSegment(row.segment) : null;
  }

  async members(id: string, afterRank: number | null, limit: number): Promise<Page<SegmentMember>> {
    const rows = await this.db.query(segmentQueries.members, { id, afterRank: int(afterRank ?? 0), limit: int(limit + 1) });
    return toPage(
      rows.map((row) => ({ userId: row.userId, score: row.score, rank: toSafeNumber(row.rank) })),
      limit,
    );
  }

  /** Every member id in rank order, read a page of READ_BATCH at a time (a lookalike seed). */
  async memberIds(id: string): Promise<string[]> {
    const segment = await this.byId(id);
    if (segment?.rule) {
      const members: string[] = [];
      let afterId = '';
      for (;;) {
        const page = await this.ruleMembers(segment.rule, afterId, READ_BATCH);
        members.push(...page.items);
        if (!page.hasNextPage) return members;
        afterId = page.items.at(-1) ?? afterId;
      }
    }
    const ids: string[] = [];
    let afterRank = 0;
    for (;;) {
      const rows = await this.db.query(segmentQueries.memberIds, { id, afterRank: int(afterRank), limit: int(READ_BATCH) });
      for (const row of rows) ids.push(row.userId);
      if (rows.length < READ_BATCH) return ids;
      afterRank = toSafeNumber(rows[rows.length - 1]?.rank ?? afterRank);
    }
  }

  async memberCount(id: string): Promise<number> {
    const [row] = await this.db.query(segmentQueries.count, { id });
    return row ? toSafeNumber(row.total) : 0;
  }
}

function checkName(name: string): string {
  if (name.trim() === '' || name.length > 200) throw new BadInputError('A segment needs a name of 1 to 200 characters.', { argument: 'name' });
  return name.trim();
}

/** Rules evaluated outside a request (CLI exports, lookalike seeds from a service): now, and the published run. */
export async function currentRuleContext(db: Db): Promise<RuleContext> {
  const [row] = await db.query(analyticsQueries.currentResults, {});
  return { now: new Date(), influence: toPublished(row) };
}

function toSegment(map: SegmentMap): Segment {
  const plain = neo4jValueToJson(map) as Record<string, unknown>;
  return {
    id: String(plain['id']),
    name: String(plain['name'] ?? ''),
    kind: String(plain['kind'] ?? ''),
    rule: parseRule(plain['rule']),
    settings: String(plain['settings'] ?? '{}'),
    seedSize: Number(plain['seedSize'] ?? 0),
    size: Number(plain['size'] ?? 0),
    createdAt: String(plain['createdAt'] ?? ''),
  };
}
