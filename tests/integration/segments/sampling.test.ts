/**
 * Above SAMPLE_ABOVE_USERS consenting users, previews and rule portraits read a uniform sample of
 * SAMPLE_USERS users (src/segments/sampling.ts). Lowered here so a 1,500-user graph samples about
 * 40 % of its users: each figure must be the sample's, scaled as documented (checked against
 * plain Cypher over the same keys), the estimate must sit within its error of the true count,
 * narrow rules must be counted exactly, and groups that are not rules are never sampled.
 */
import { describe, expect, it } from 'vitest';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 1_500, seed: 21, now: new Date('2026-06-01T00:00:00Z') });
const SAMPLE_USERS = 400;
const PREVIEW = `query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule, sampleSize: 5) {
  size withoutMarketingConsent sample { id } estimate { sampledUsers fraction low high }
  portrait { size estimate { fraction low high } distributions(dimensions: [GENDER]) { buckets { value users share } } } } }`;

describe('previews and portraits of large populations, from a sample', () => {
  const t = useTestDatabase({ SAMPLE_ABOVE_USERS: '100', SAMPLE_USERS: String(SAMPLE_USERS) });

  it('estimates broad rules from the users whose sample key is under the fraction, and counts narrow ones exactly', async () => {
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    expect(await t.cypher('MATCH (u:User) WHERE u.sampleKey IS NULL OR u.sampleKey < 0 OR u.sampleKey >= 1 RETURN u.id')).toEqual([]);
    const [population] = await t.cypher<{ users: number }>('MATCH (u:User {consentProfiling: true}) RETURN count(u) AS users');
    const fraction = SAMPLE_USERS / Number(population?.users);

    // Broad: women (about a third of users).
    const women = { attribute: { attribute: 'GENDER', equals: 'FEMALE' } };
    const result = await t.graphql(PREVIEW, { rule: women });
    expect(result.errors).toBeUndefined();
    const preview = result.data?.previewSegment;
    const [counts] = await t.cypher<{ inSample: number; inSampleAll: number; reachable: number; byGender: number }>(
      `MATCH (u:User {consentProfiling: true, gender: 'FEMALE'})
       RETURN count(CASE WHEN u.sampleKey < $f AND u.consentMarketing THEN 1 END) AS inSample,
              count(CASE WHEN u.sampleKey < $f THEN 1 END) AS inSampleAll,
              count(CASE WHEN u.consentMarketing THEN 1 END) AS reachable`,
      { f: fraction },
    );
    expect(preview.estimate.fraction).toBeCloseTo(fraction, 12);
    expect(preview.estimate.sampledUsers).toBe(SAMPLE_USERS);
    expect(preview.size).toBe(Math.round(Number(counts?.inSample) / fraction));
    expect(preview.withoutMarketingConsent).toBe(Math.round(Number(counts?.inSampleAll) / fraction) - preview.size);
    expect(preview.estimate.low).toBeLessThan(preview.size);
    expect(preview.estimate.high).toBeGreaterThan(preview.size);
    // Within five standard errors of the truth (the interval is ±1.96 of them): never by chance.
    const standardError = (preview.estimate.high - preview.estimate.low) / (2 * 1.96);
    expect(Math.abs(preview.size - Number(counts?.reachable))).toBeLessThan(5 * standardError);
    expect(preview.portrait.estimate.fraction).toBeCloseTo(fraction, 12);
    expect(preview.portrait.size).toBe(preview.size);
    expect(preview.portrait.distributions[0].buckets).toEqual([{ value: 'FEMALE', users: preview.size, share: 1 }]);

    // Narrow: fewer members in the sample than 1 % of it (4): counted over everyone, exactly.
    const [rare] = await t.cypher<{ region: string; year: number; users: number }>(
      `MATCH (u:User {consentProfiling: true})
       WITH u.region AS region, u.birthYear AS year, count(*) AS users WHERE users <= 3
       RETURN region, year, users ORDER BY users DESC, region, year LIMIT 1`,
    );
    const narrow = {
      and: [
        { attribute: { attribute: 'REGION', equals: rare?.region } },
        { attribute: { attribute: 'BIRTH_YEAR', min: Number(rare?.year), max: Number(rare?.year) } },
      ],
    };
    const exact = (await t.graphql(PREVIEW, { rule: narrow })).data?.previewSegment;
    expect(exact.estimate).toBeNull();
    expect(exact.portrait.estimate).toBeNull();
    expect(exact.size + exact.withoutMarketingConsent).toBe(Number(rare?.users));

    // A funnel over everyone: its entrants are the sample's, scaled the same way.
    const since = '2025-06-01T00:00:00Z';
    const until = '2026-06-01T00:00:00Z';
    const funnel = await t.graphql(
      `query ($since: DateTime, $until: DateTime) { funnel(steps: [{kind: VIEW}, {kind: PURCHASE}], within: "P30D", since: $since, until: $until) {
        steps { users conversion } estimate { fraction } } }`,
      { since, until },
    );
    expect(funnel.errors).toBeUndefined();
    const [entrants] = await t.cypher<{ users: number }>(
      `MATCH (u:User {consentProfiling: true})-[:DID]->(e:Event {kind: 'VIEW'})
       WHERE u.sampleKey < $f AND e.at >= datetime($since) AND e.at < datetime($until)
       RETURN count(DISTINCT u) AS users`,
      { f: fraction, since, until },
    );
    expect(Number(entrants?.users)).toBeGreaterThan(4);
    expect(funnel.data?.funnel.estimate.fraction).toBeCloseTo(fraction, 12);
    expect(funnel.data?.funnel.steps[0].users).toBe(Math.round(Number(entrants?.users) / fraction));

    // Not a rule: read member by member.
    const ids = (await t.cypher<{ id: string }>('MATCH (u:User {consentProfiling: true}) RETURN u.id AS id ORDER BY id LIMIT 50')).map((row) => row.id);
    const listed = await t.graphql(`query ($ids: [ID!]) { portrait(group: {userIds: $ids}) { size estimate { fraction } } }`, { ids });
    expect(listed.data?.portrait).toEqual({ size: 50, estimate: null });
  });
});
