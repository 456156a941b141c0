/**
 * PII written into rules (issue #43, items 6-8): roles that may not read e-mails and phones
 * cannot test them through rules nor read them back from saved rules, erasure finds them in
 * rules, settings and names, and an erasure asked under a merged id erases the person.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ERASED } from '../../../src/profiles/erasure.js';
import { profileQueries } from '../../../src/profiles/queries.js';
import { seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const EMAIL = 'jun.evans.0@example.com';
const PHONE = '+447911123456';
const emailRule = { attribute: { attribute: 'EMAIL', in: [EMAIL, 'someone.else@example.com'] } };
const phoneRule = { attribute: { attribute: 'PHONE', equals: '+44 7911 123456' } };

describe('PII in rules', () => {
  const t = useTestDatabase();

  beforeEach(async () => {
    await seedUsers(t, [
      { id: 'u0500', displayName: 'Jun', email: EMAIL, phone: PHONE, region: 'North', consentProfiling: true, consentMarketing: true },
      { id: 'u0501', displayName: 'Jun (old account)', region: 'North', consentProfiling: true, consentMarketing: true },
      { id: 'u0502', displayName: 'Mei', email: 'mei@example.com', region: 'North', consentProfiling: true, consentMarketing: true },
    ]);
  });

  /** Every string a saved segment or tag holds, as stored. */
  const savedText = async () =>
    JSON.stringify(
      await t.cypher(`CALL () { MATCH (s:Segment) RETURN collect([s.name, s.rule, s.settings]) AS segments }
                      CALL () { MATCH (tag:Tag) RETURN collect([tag.rule, tag.description]) AS tags }
                      RETURN segments, tags`),
    );

  it('lets only roles that may read PII test e-mails and phones in rules, wherever a rule is taken', async () => {
    const operations: [string, Record<string, unknown>][] = [
      ['query ($r: SegmentRuleInput!) { previewSegment(rule: $r) { size } }', { r: emailRule }],
      [
        'query ($r: SegmentRuleInput!) { previewSegment(rule: $r) { size } }',
        { r: { and: [{ attribute: { attribute: 'REGION', equals: 'North' } }, { not: phoneRule }] } },
      ],
      ['query ($g: PortraitGroupInput!) { portrait(group: $g) { size } }', { g: { rule: emailRule } }],
      ['query ($g: PortraitGroupInput!) { funnel(steps: [{kind: VIEW}, {kind: PURCHASE}], group: $g) { steps { users } } }', { g: { rule: phoneRule } }],
      ['{ previewSegment(rule: {attribute: {attribute: EMAIL, equals: "jun.evans.0@example.com"}}) { size } }', {}],
    ];
    for (const role of ['analyst', 'service'] as const) {
      for (const [query, variables] of operations) {
        const result = await t.graphql(query, variables, { role });
        expect(errorCode(result), `${role}: ${query}`).toBe('FORBIDDEN');
        expect(result.errors?.[0]?.message).toMatch(/may not use (EMAIL|PHONE) at /);
        expect(JSON.stringify(result)).not.toContain('u0500');
      }
    }
    // The write paths refuse the service role too (the analyst may not write at all).
    const create = await t.graphql('mutation ($r: SegmentRuleInput!) { createSegment(name: "x", rule: $r) { id } }', { r: emailRule }, { role: 'service' });
    expect(errorCode(create)).toBe('FORBIDDEN');
    const tag = await t.graphql('mutation ($r: SegmentRuleInput!) { defineTag(name: "x", rule: $r) { name } }', { r: phoneRule }, { role: 'service' });
    expect(errorCode(tag)).toBe('FORBIDDEN');
    expect(await t.cypher('MATCH (n) WHERE n:Segment OR n:Tag RETURN n')).toEqual([]);
    // Other attributes stay open to analysts, and admins may test PII.
    expect(
      (await t.graphql(operations[0]![0], { r: { attribute: { attribute: 'REGION', equals: 'North' } } }, { role: 'analyst' })).data?.previewSegment.size,
    ).toBe(3);
    expect((await t.graphql(operations[0]![0], { r: emailRule })).data?.previewSegment.size).toBe(1);
  });

  it('shows saved rules and settings with e-mails and phones masked to roles without PII', async () => {
    const created = await t.graphql<{ createSegment: { id: string } }>('mutation ($r: SegmentRuleInput!) { createSegment(name: "vip", rule: $r) { id } }', {
      r: { or: [emailRule, phoneRule] },
    });
    const id = created.data!.createSegment.id;
    await t.graphql('mutation ($id: ID!) { snapshotSegment(id: $id, name: "vip today") { id } }', { id });
    await t.graphql('mutation ($r: SegmentRuleInput!) { defineTag(name: "vip", rule: $r) { name } }', { r: emailRule });
    const read = `{ segments(first: 10) { nodes { name rule settings } } tagDefinitions { rule } }`;

    const analyst = JSON.stringify((await t.graphql(read, {}, { role: 'analyst' })).data);
    expect(analyst).not.toContain(EMAIL);
    expect(analyst).not.toContain('someone.else@');
    expect(analyst).not.toContain('7911 123456');
    expect(analyst).toContain('j***@example.com');
    expect(analyst).toMatch(/\+44\*+56/);
    const admin = JSON.stringify((await t.graphql(read)).data);
    expect(admin).toContain(EMAIL);
  });

  it('erases the e-mail and phone from saved rules, snapshot settings, tag rules, names and descriptions', async () => {
    const created = await t.graphql<{ createSegment: { id: string } }>(
      'mutation ($r: SegmentRuleInput!) { createSegment(name: "jun.evans.0@example.com and friends", rule: $r) { id } }',
      { r: { or: [emailRule, phoneRule] } },
    );
    const id = created.data!.createSegment.id;
    expect((await t.graphql('mutation ($id: ID!) { snapshotSegment(id: $id, name: "vip today") { id } }', { id })).errors).toBeUndefined();
    const tag = await t.graphql('mutation ($r: SegmentRuleInput!) { defineTag(name: "vip", rule: $r, description: "ask Jun.Evans.0@Example.com") { name } }', {
      r: phoneRule,
    });
    expect(tag.errors).toBeUndefined();
    expect(await savedText()).toContain(EMAIL);

    const deleted = await t.graphql('mutation { deleteUser(id: "u0500") { deletedUserId } }');
    expect(deleted.data?.deleteUser.deletedUserId).toBe('u0500');
    const after = await savedText();
    expect(after.toLowerCase()).not.toContain(EMAIL);
    expect(after).not.toContain('7911 123456');
    expect(after).not.toContain('7911123456');
    expect(after).toContain(ERASED);
    // Other people's values stay, and every rule still reads (the erased value matches nobody).
    expect(after).toContain('someone.else@example.com');
    const sizes = await t.graphql(`{ segments(first: 10) { nodes { size } } tagDefinitions { name holders } }`);
    expect(sizes.errors).toBeUndefined();
    expect(sizes.data?.segments.nodes.map((node: { size: number }) => node.size).sort()).toEqual([0, 1]); // the snapshot kept its member link until erasure removed it
  });

  it('erases the person when asked under an id merged into them', async () => {
    expect((await t.graphql('mutation { mergeUsers(survivorId: "u0500", mergedId: "u0501") { merged } }')).data?.mergeUsers.merged).toBe(true);
    expect((await t.graphql('{ user(id: "u0501") { id } }')).data?.user.id).toBe('u0500');
    const deleted = await t.graphql('mutation { deleteUser(id: "u0501") { deletedUserId } }');
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteUser.deletedUserId).toBe('u0500');
    expect((await t.graphql('{ a: user(id: "u0500") { id } b: user(id: "u0501") { id } }')).data).toEqual({ a: null, b: null });
    expect(await t.cypher('MATCH (n) WHERE n:MergedFrom OR (n:User AND n.id IN ["u0500", "u0501"]) RETURN n')).toEqual([]);
    expect(errorCode(await t.graphql('mutation { deleteUser(id: "u0501") { deletedUserId } }'))).toBe('NOT_FOUND');
  });

  it('finishes an interrupted erasure asked again under the merged id', async () => {
    await t.graphql('mutation { mergeUsers(survivorId: "u0500", mergedId: "u0501") { merged } }');
    // The first of the three steps ran, then the process died.
    await t.db.mutate(profileQueries.eraseUserTraces, { id: 'u0500' });
    const again = await t.graphql('mutation { deleteUser(id: "u0501") { deletedUserId } }');
    expect(again.data?.deleteUser.deletedUserId).toBe('u0500');
    expect(await t.cypher('MATCH (n) WHERE n:MergedFrom OR (n:User AND n.id IN ["u0500", "u0501"]) RETURN n')).toEqual([]);
  });
});
