import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApiServer } from '../../../src/api.js';
import { createContext } from '../../../src/context.js';
import { authForRole } from '../../../src/graphql/auth.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

// Lists of users whose selection reads only card fields are fetched as user cards
// (src/profiles/user-cards.ts): these tests hold the cards to the whole users' answers and
// check that a card never answers for a whole user.
describe('user cards', () => {
  const t = useTestDatabase();
  let top: string;

  beforeEach(async () => {
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 200, seed: 17, now: new Date('2026-06-01T00:00:00Z') });
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    const [row] = await t.cypher<{ id: string }>('MATCH (u:User) RETURN u.id AS id ORDER BY COUNT { (u)<-[:FOLLOWS]-() } DESC, u.id LIMIT 1');
    top = row!.id;
  });

  /** The `cards` flag of every statement run while `work` runs, by statement name and parameter. */
  async function cardFlags(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
    const seen: Record<string, unknown>[] = [];
    const stop = t.db.onQuery(({ name, params }) => {
      const flags = Object.entries(params).filter(([key]) => key === 'cards' || key.endsWith('Cards'));
      if (flags.length > 0) seen.push({ name, ...Object.fromEntries(flags) });
    });
    try {
      await work();
    } finally {
      stop();
    }
    return seen;
  }

  it('a card list answers as the whole users do, and a list that reads more gets whole users', async () => {
    const CARDS = `query ($id: ID!) { user(id: $id) { followers(first: 8) { nodes { __typename id displayName followerCount followingCount } } } }`;
    const WHOLE = `query ($id: ID!) { user(id: $id) { followers(first: 8) { nodes { __typename id displayName followerCount followingCount email region lifecycleStage } } } }`;
    let cards: any;
    let whole: any;
    expect(await cardFlags(async () => (cards = await t.graphql(CARDS, { id: top })))).toEqual([
      { name: 'pages/user-pages-by-ids', followersCards: true, followingCards: false },
    ]);
    expect(await cardFlags(async () => (whole = await t.graphql(WHOLE, { id: top })))).toEqual([
      { name: 'pages/user-pages-by-ids', followersCards: false, followingCards: false },
    ]);
    expect(cards.errors).toBeUndefined();
    expect(whole.errors).toBeUndefined();
    const wholeNodes = whole.data.user.followers.nodes;
    expect(wholeNodes).toHaveLength(8);
    expect(wholeNodes.every((user: any) => typeof user.email === 'string' && user.lifecycleStage)).toBe(true);
    expect(cards.data.user.followers.nodes).toEqual(wholeNodes.map(({ email: _e, region: _r, lifecycleStage: _l, ...card }: Record<string, unknown>) => card));

    // The loaders (no look-ahead below a list) fetch cards the same way.
    const NESTED = `query ($id: ID!) { user(id: $id) { followers(first: 3) { nodes { id followers(first: 4) { nodes { id displayName followerCount } } } } } }`;
    const NESTED_WHOLE = NESTED.replace('{ id displayName followerCount } } } } } }', '{ id displayName followerCount email } } } } } }');
    let nested: any;
    let nestedWhole: any;
    expect(await cardFlags(async () => (nested = await t.graphql(NESTED, { id: top })))).toContainEqual({ name: 'social/followers-by-user-ids', cards: true });
    expect(await cardFlags(async () => (nestedWhole = await t.graphql(NESTED_WHOLE, { id: top })))).toContainEqual({
      name: 'social/followers-by-user-ids',
      cards: false,
    });
    const strip = (page: any) => page.data.user.followers.nodes.map((n: any) => n.followers.nodes.map(({ email: _e, ...card }: any) => card));
    expect(strip(nested)).toEqual(strip(nestedWhole));
    expect(strip(nested).flat().length).toBeGreaterThan(0);
  });

  it('the same list selected twice, once as cards and once whole, answers each from its own fetch', async () => {
    // Same arguments, so both would share one loader key if cards were not keyed apart.
    const BOTH = `query ($id: ID!) { user(id: $id) {
      followers(first: 5) { nodes { id displayName } }
      whole: followers(first: 5) { nodes { id email region } } } }`;
    const result = await t.graphql(BOTH, { id: top });
    expect(result.errors).toBeUndefined();
    const truth = await t.cypher<{ id: string; email: string; region: string | null }>(
      'MATCH (:User {id: $id})<-[:FOLLOWS]-(f:User) RETURN f.id AS id, f.email AS email, f.region AS region ORDER BY f.id LIMIT 5',
      { id: top },
    );
    expect(result.data?.user.whole.nodes).toEqual(truth);
    expect(result.data?.user.followers.nodes.map((user: { id: string }) => user.id)).toEqual(truth.map((user) => user.id));
  });

  it('a community page fetches its members and the users of its KOLs as cards when it shows only their names', async () => {
    await (
      await t.deps.analytics.start(['INFLUENCE', 'COMMUNITIES'], 'inprocess', 1)
    ).done;
    const PAGE = `{ communities(first: 3) { nodes { id
      members(first: 4) { nodes { id displayName followerCount } }
      keyOpinionLeaders(first: 3) { score user { id displayName } } } } }`;
    const WHOLE = PAGE.replace('{ id displayName followerCount }', '{ id displayName followerCount email }').replace(
      'user { id displayName }',
      'user { id displayName email }',
    );
    let cards: any;
    let whole: any;
    const cardsFlags = await cardFlags(async () => (cards = await t.graphql(PAGE)));
    expect(cardsFlags).toContainEqual(expect.objectContaining({ name: 'pages/community-pages-by-ids', membersCards: true, kolCards: true }));
    const wholeFlags = await cardFlags(async () => (whole = await t.graphql(WHOLE)));
    expect(wholeFlags).toContainEqual(expect.objectContaining({ name: 'pages/community-pages-by-ids', membersCards: false, kolCards: false }));
    expect(cards.errors).toBeUndefined();
    expect(whole.errors).toBeUndefined();
    const communities = whole.data.communities.nodes;
    expect(communities.some((c: any) => c.keyOpinionLeaders.length > 0 && c.members.nodes.length > 0)).toBe(true);
    expect(communities.flatMap((c: any) => c.keyOpinionLeaders).every((kol: any) => typeof kol.user.email === 'string')).toBe(true);
    const withoutEmail = (community: any) => ({
      ...community,
      members: { nodes: community.members.nodes.map(({ email: _e, ...card }: any) => card) },
      keyOpinionLeaders: community.keyOpinionLeaders.map(({ user: { email: _e, ...user }, ...kol }: any) => ({ ...kol, user })),
    });
    expect(cards.data.communities.nodes).toEqual(communities.map(withoutEmail));
  });

  it('cards never stand in for a whole user in the request userById cache', async () => {
    const server = buildApiServer(t.deps);
    await server.start();
    try {
      const context = createContext(t.deps, authForRole('admin'), randomUUID());
      const response = await server.executeOperation(
        { query: `query ($id: ID!) { user(id: $id) { followers(first: 5) { nodes { id displayName } } } }`, variables: { id: top } },
        { contextValue: context },
      );
      expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeFalsy();
      const [follower] = await t.cypher<{ id: string; email: string; region: string | null }>(
        'MATCH (:User {id: $id})<-[:FOLLOWS]-(f:User) RETURN f.id AS id, f.email AS email, f.region AS region ORDER BY f.id LIMIT 1',
        { id: top },
      );
      // Later in the same request, a resolver reads the follower as a whole user.
      const user = await context.loaders.profiles.userById.load(follower!.id);
      expect(user).toMatchObject(follower!);
    } finally {
      await server.stop();
    }
  });
});
