/**
 * Property (fast-check): on random graphs, after analytics ran and a segment was saved, random
 * consent withdrawals and deletions are honoured at once by every output path: no withdrawn
 * or deleted user appears in KOL lists (overall, per community, per interest), the KOL set,
 * community member lists, saved segments, lookalikes or similar users; a deleted user is gone
 * and a withdrawn one shows no influence or community.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/test-db.js';

const INTERESTS = ['jazz', 'vinyl', 'running', 'chess'];

interface RandomGraph {
  users: number;
  follows: [number, number][];
  likes: [number, number][];
  withdraw: number[];
  remove: number[];
}

const graphs = fc.integer({ min: 16, max: 28 }).chain((users) =>
  fc.record({
    users: fc.constant(users),
    follows: fc.uniqueArray(fc.tuple(fc.nat(users - 1), fc.nat(users - 1)), { minLength: users, maxLength: users * 4, selector: ([a, b]) => `${a}-${b}` }),
    likes: fc.uniqueArray(fc.tuple(fc.nat(users - 1), fc.nat(INTERESTS.length - 1)), {
      minLength: users,
      maxLength: users * 3,
      selector: ([a, b]) => `${a}-${b}`,
    }),
    withdraw: fc.uniqueArray(fc.nat(users - 1), { maxLength: 4 }),
    remove: fc.uniqueArray(fc.nat(users - 1), { maxLength: 3 }),
  }),
);

const ids = (value: unknown): string[] => {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        if ((key === 'id' || key === 'userId') && typeof item === 'string') found.push(item);
        else walk(item);
      }
    }
  };
  walk(value);
  return found;
};

describe('privacy property: withdrawn and deleted users never come out', () => {
  const t = useTestDatabase();

  async function load(graph: RandomGraph): Promise<string[]> {
    await t.cypher('MATCH (n) DETACH DELETE n');
    const users = Array.from({ length: graph.users }, (_, i) => `u${i}`);
    await t.graphql(`mutation ($i: [InterestInput!]!) { upsertInterests(input: $i) { created } }`, { i: INTERESTS.map((id) => ({ id, name: id })) });
    const upsert = await t.graphql(`mutation ($u: [UserInput!]!) { upsertUsers(input: $u) { created } }`, {
      u: users.map((id, i) => ({
        id,
        displayName: id,
        consentProfiling: true,
        consentMarketing: true,
        email: `${id}@example.com`,
        interests: graph.likes.filter(([user]) => user === i).map(([, interest]) => ({ interestId: INTERESTS[interest], weight: 1 })),
      })),
    });
    expect(upsert.errors).toBeUndefined();
    await t.cypher(`UNWIND $pairs AS pair MATCH (a:User {id: pair[0]}), (b:User {id: pair[1]}) WHERE a <> b MERGE (a)-[:FOLLOWS {weight: 1.0}]->(b)`, {
      pairs: graph.follows.map(([a, b]) => [users[a], users[b]]),
    });
    return users;
  }

  it('holds for random graphs, withdrawals and deletions', async () => {
    await fc.assert(
      fc.asyncProperty(graphs, async (graph) => {
        const users = await load(graph);
        const job = await t.deps.analytics.start(['INFLUENCE', 'COMMUNITIES'], 'inprocess', 1);
        expect((await job.done).status).toBe('SUCCEEDED');
        const seed = users.slice(0, 10);
        const saved = await t.graphql(`mutation ($seed: [ID!]!) { saveLookalikeSegment(name: "p", seed: { userIds: $seed }, size: 50) { id } }`, { seed });
        expect(saved.errors).toBeUndefined();
        const segmentId = saved.data?.saveLookalikeSegment.id as string;

        const withdrawn = graph.withdraw.map((i) => users[i] as string);
        const deleted = graph.remove.map((i) => users[i] as string).filter((id) => !withdrawn.includes(id));
        for (const id of withdrawn) await t.graphql(`mutation ($id: ID!) { setConsent(userId: $id, consentProfiling: false) { id } }`, { id });
        for (const id of deleted) expect((await t.graphql(`mutation ($id: ID!) { deleteUser(id: $id) { deletedUserId } }`, { id })).errors).toBeUndefined();
        const gone = new Set([...withdrawn, ...deleted]);
        const remaining = users.filter((id) => !gone.has(id));

        const outputs = await t.graphql(
          `query ($i1: ID!, $i2: ID!) {
          kols: keyOpinionLeaders(first: 50) { user { id } }
          byInterest: keyOpinionLeaders(interest: $i1, first: 50) { user { id } }
          byInterest2: keyOpinionLeaders(interest: $i2, first: 50) { user { id } }
          kolSet(k: 5) { members { user { id } } }
          kolSetInInterest: kolSet(k: 3, interest: $i1) { members { user { id } } }
          communities(first: 20) { nodes { id members(first: 100) { nodes { id } } } }
        }`,
          { i1: INTERESTS[0], i2: INTERESTS[1] },
        );
        expect(outputs.errors).toBeUndefined();
        const communityIds = (outputs.data?.communities.nodes as { id: string }[]).map((c) => c.id);
        // One after another: an API key may run only a few expensive operations (kolSet) at once.
        const perCommunity = [];
        for (const community of communityIds.slice(0, 5)) {
          perCommunity.push(
            await t.graphql(
              `query ($c: ID!) { keyOpinionLeaders(community: $c, first: 50) { user { id } } kolSet(k: 3, community: $c) { members { user { id } } } }`,
              { c: community },
            ),
          );
        }
        for (const result of perCommunity) expect(result.errors).toBeUndefined();
        const seen = [...ids(outputs.data), ...perCommunity.flatMap((result) => ids(result.data))].filter((id) => !communityIds.includes(id));

        const segment = await t.graphql(`query ($id: ID!) { segment(id: $id) { members(first: 100) { nodes { user { id } } } } }`, { id: segmentId });
        expect(segment.errors).toBeUndefined();
        seen.push(...ids(segment.data));
        const consentingSeed = remaining.slice(0, 12);
        if (consentingSeed.length >= 10) {
          const lookalike = await t.graphql(
            `query ($seed: [ID!]!) { lookalike(seed: { userIds: $seed }, size: 50) { members(first: 50) { nodes { user { id } } } } }`,
            { seed: consentingSeed },
          );
          expect(lookalike.errors).toBeUndefined();
          seen.push(...ids(lookalike.data));
        }
        if (remaining[0]) {
          const similar = await t.graphql(`query ($id: ID!) { user(id: $id) { similarUsers(first: 20) { user { id } } } }`, { id: remaining[0] });
          expect(similar.errors).toBeUndefined();
          seen.push(...ids(similar.data?.user?.similarUsers));
        }
        // The checks above saw real output, not only empty lists.
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.filter((id) => gone.has(id))).toEqual([]);

        for (const id of deleted) expect((await t.graphql(`query ($id: ID!) { user(id: $id) { id } }`, { id })).data?.user).toBeNull();
        for (const id of withdrawn) {
          const profile = await t.graphql(`query ($id: ID!) { user(id: $id) { influence { rank } community { id } } }`, { id });
          expect(profile.data?.user).toEqual({ influence: null, community: null });
        }
      }),
      { numRuns: 6, seed: 20261123, endOnFailure: true },
    );
  }, 300_000);
});
