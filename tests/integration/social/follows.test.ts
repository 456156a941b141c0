import { describe, expect, it } from 'vitest';
import { follow, relationshipCount, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

describe('social graph', () => {
  const t = useTestDatabase();
  const users = ['ana', 'ben', 'cai', 'dee', 'eli'].map((id) => ({ id, displayName: id.toUpperCase() }));

  it('lists following, followers and friends (mutual follows) with counts', async () => {
    await seedUsers(t, users);
    await follow(t, [
      ['ana', 'ben'],
      ['ben', 'ana'],
      ['ana', 'cai'],
      ['cai', 'ana'],
      ['ana', 'dee'],
      ['eli', 'ana'],
    ]);
    const result = await t.graphql(`{ user(id: "ana") {
      followerCount followingCount
      following(first: 10) { totalCount nodes { id } }
      followers(first: 10) { totalCount nodes { id } }
      friends(first: 10) { totalCount nodes { id } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.user).toEqual({
      followerCount: 3,
      followingCount: 3,
      following: { totalCount: 3, nodes: [{ id: 'ben' }, { id: 'cai' }, { id: 'dee' }] },
      followers: { totalCount: 3, nodes: [{ id: 'ben' }, { id: 'cai' }, { id: 'eli' }] },
      friends: { totalCount: 2, nodes: [{ id: 'ben' }, { id: 'cai' }] },
    });
  });

  it('pages a neighbourhood with cursors', async () => {
    await seedUsers(t, users);
    await follow(t, [
      ['ana', 'ben'],
      ['ana', 'cai'],
      ['ana', 'dee'],
      ['ana', 'eli'],
    ]);
    const first = await t.graphql(`{ user(id: "ana") { following(first: 3) { pageInfo { hasNextPage endCursor } nodes { id } } } }`);
    const page = first.data?.user.following;
    expect(page.nodes.map((n: { id: string }) => n.id)).toEqual(['ben', 'cai', 'dee']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await t.graphql(`query ($a: String) { user(id: "ana") { following(first: 3, after: $a) { pageInfo { hasNextPage } nodes { id } } } }`, {
      a: page.pageInfo.endCursor,
    });
    expect(second.data?.user.following).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ id: 'eli' }] });
  });

  it('follow and unfollow are idempotent', async () => {
    await seedUsers(t, users);
    const followOnce = `mutation { follow(followerId: "ana", followeeId: "ben", weight: 2) { created follower { id } followee { id followerCount } } }`;
    expect((await t.graphql(followOnce)).data?.follow).toEqual({ created: true, follower: { id: 'ana' }, followee: { id: 'ben', followerCount: 1 } });
    expect((await t.graphql(followOnce)).data?.follow.created).toBe(false);
    expect(await relationshipCount(t)).toBe(1);
    const unfollow = `mutation { unfollow(followerId: "ana", followeeId: "ben") { removed } }`;
    expect((await t.graphql(unfollow)).data?.unfollow.removed).toBe(true);
    expect((await t.graphql(unfollow)).data?.unfollow.removed).toBe(false);
    expect(await relationshipCount(t)).toBe(0);
  });

  it('rejects self-follows, unknown users and negative weights without writing', async () => {
    await seedUsers(t, users);
    expect(errorCode(await t.graphql(`mutation { follow(followerId: "ana", followeeId: "ana") { created } }`))).toBe('BAD_USER_INPUT');
    const unknown = await t.graphql(`mutation { follow(followerId: "ana", followeeId: "zed") { created } }`);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toContain('zed');
    expect(errorCode(await t.graphql(`mutation { follow(followerId: "ana", followeeId: "ben", weight: -1) { created } }`))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorCode(await t.graphql(`mutation { unfollow(followerId: "zed", followeeId: "ana") { removed } }`))).toBe('NOT_FOUND');
    expect(await relationshipCount(t)).toBe(0);
  });
});
