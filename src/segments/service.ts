import { randomUUID } from 'node:crypto';
import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { int, neo4jValueToJson, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { BadInputError } from '../errors.js';
import { toPage, type Page } from '../graphql/pagination.js';
import { chunks } from '../lib/chunks.js';
import { toUser, type User, type UserMap } from '../profiles/index.js';
import { compileRule, withRule, type RuleContext, type SegmentRule } from './rules.js';

type SegmentMap = Record<string, unknown> & { id: string };

const segmentQueries = {
  create: cypher<
    { segment: SegmentMap },
    { id: string; name: string; kind: string; settings: string; seedSize: Integer; size: Integer; now: DateTime; seedIds: string[] }
  >('segments/create-segment'),
  addMembers: cypher<{ written: Integer }, { id: string; rows: { userId: string; score: number; rank: Integer }[] }>('segments/add-members'),
  byIds: cypher<{ segment: SegmentMap }, { ids: string[] }>('segments/segments-by-ids'),
  members: cypher<{ userId: string; score: number; rank: Integer }, { id: string; afterRank: Integer; limit: Integer }>('segments/members-page'),
  count: cypher<{ total: Integer }, { id: string }>('segments/member-count'),
  memberIds: cypher<{ userId: string; rank: Integer }, { id: string; afterRank: Integer; limit: Integer }>('segments/member-ids-page'),
  preview: cypher<{ matched: Integer; reachable: Integer; sample: UserMap[] }, { sampleSize: Integer } & Record<string, unknown>>('segments/preview-rule'),
} as const;

export interface SegmentPreview {
  size: number;
  withoutMarketingConsent: number;
  sample: User[];
}

export interface Segment {
  id: string;
  name: string;
  kind: string;
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
export class SegmentsService {
  constructor(private readonly db: Db) {}

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
    if (name.trim() === '' || name.length > 200) throw new BadInputError('A segment needs a name of 1 to 200 characters.');
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
  async preview(rule: SegmentRule, context: RuleContext, sampleSize: number): Promise<SegmentPreview> {
    const compiled = compileRule(rule, context);
    const [row] = await this.db.query(withRule(segmentQueries.preview, compiled), { ...compiled.params, sampleSize: int(sampleSize) });
    const matched = row ? toSafeNumber(row.matched) : 0;
    const reachable = row ? toSafeNumber(row.reachable) : 0;
    return { size: reachable, withoutMarketingConsent: matched - reachable, sample: (row?.sample ?? []).map(toUser) };
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

function toSegment(map: SegmentMap): Segment {
  const plain = neo4jValueToJson(map) as Record<string, unknown>;
  return {
    id: String(plain['id']),
    name: String(plain['name'] ?? ''),
    kind: String(plain['kind'] ?? ''),
    settings: String(plain['settings'] ?? '{}'),
    seedSize: Number(plain['seedSize'] ?? 0),
    size: Number(plain['size'] ?? 0),
    createdAt: String(plain['createdAt'] ?? ''),
  };
}
