import { describe, expect, it } from 'vitest';
import { toIdentity } from '../../src/identities/identity.js';
import { anonymousUserId, DEFAULT_IDENTITY_POLICY, planResolution } from '../../src/identities/policy.js';

const id = (type: 'COOKIE_ID' | 'ACCOUNT_ID' | 'DEVICE_ID', value: string) => toIdentity({ type, value }, 'test', null);
const state = (owners: [string, string][], users: [string, string[], boolean?][]) => ({
  owners: new Map(owners),
  users: new Map(users.map(([userId, types, anonymous]) => [userId, { anonymous: anonymous ?? false, types }])),
});

describe('identity resolution plan', () => {
  it('creates one anonymous user per unknown identity, derived from it, and reuses it within the batch', () => {
    const cookie = id('COOKIE_ID', 'c1');
    const plan = planResolution(
      [
        { userId: null, identities: [cookie] },
        { userId: null, identities: [cookie] },
      ],
      state([], []),
      DEFAULT_IDENTITY_POLICY,
    );
    expect(plan.newUsers).toEqual([anonymousUserId(cookie)]);
    expect(plan.userIds).toEqual([anonymousUserId(cookie), anonymousUserId(cookie)]);
    expect(plan.links.get(anonymousUserId(cookie))).toEqual([cookie]);
    expect(planResolution([{ userId: null, identities: [cookie] }], state([], []), { ...DEFAULT_IDENTITY_POLICY, createUsers: false }).userIds).toEqual([null]);
  });

  it('never merges on cookies and devices alone; an account merges, into the account holder', () => {
    const links = state(
      [
        ['COOKIE_ID:c1', 'anon'],
        ['DEVICE_ID:d1', 'other'],
        ['ACCOUNT_ID:a1', 'ana'],
      ],
      [
        ['anon', ['COOKIE_ID'], true],
        ['other', ['DEVICE_ID'], true],
        ['ana', ['ACCOUNT_ID']],
      ],
    );
    const weak = planResolution([{ userId: null, identities: [id('COOKIE_ID', 'c1'), id('DEVICE_ID', 'd1')] }], links, DEFAULT_IDENTITY_POLICY);
    expect(weak.merges).toEqual([]);
    expect(weak.refusedMerges).toHaveLength(1);
    const strong = planResolution([{ userId: null, identities: [id('COOKIE_ID', 'c1'), id('ACCOUNT_ID', 'a1')] }], links, DEFAULT_IDENTITY_POLICY);
    expect(strong.merges).toEqual([{ survivorId: 'ana', mergedId: 'anon' }]);
    expect(strong.userIds).toEqual(['ana']);
  });

  it('never creates a user it would merge in the same batch; a cookie seen with a second known user stays with the first', () => {
    const cookie = id('COOKIE_ID', 'new');
    const plan = planResolution(
      [
        { userId: null, identities: [cookie] },
        { userId: 'ana', identities: [cookie, id('COOKIE_ID', 'c2')] },
        { userId: 'bob', identities: [id('COOKIE_ID', 'c2')] },
      ],
      state(
        [],
        [
          ['ana', []],
          ['bob', []],
        ],
      ),
      DEFAULT_IDENTITY_POLICY,
    );
    // Event 2 folds the new anonymous visitor into ana. Event 3 is bob on ana's device: two
    // people (it merged ana into bob before), so the event is bob's and the cookie stays ana's.
    expect(plan.newUsers).toEqual([]);
    expect(plan.merges).toEqual([]);
    expect(plan.userIds).toEqual(['ana', 'ana', 'bob']);
    expect(
      plan.links
        .get('ana')
        ?.map((identity) => identity.key)
        .sort(),
    ).toEqual(['COOKIE_ID:c2', 'COOKIE_ID:new']);
    expect(plan.links.has('bob')).toBe(false);
    expect(plan.refusedMerges).toEqual([
      { survivorId: 'bob', mergedId: 'ana', reason: 'both are known users, each with its own user id: only mergeUsers joins two known users' },
    ]);
  });

  it('never merges two known users, even on a strong identifier; an anonymous profile with another account is refused by the limit', () => {
    const links = state(
      [
        ['ACCOUNT_ID:a1', 'ana'],
        ['ACCOUNT_ID:b1', 'anon-b'],
      ],
      [
        ['ana', ['ACCOUNT_ID']],
        ['bob', []],
        ['anon-b', ['ACCOUNT_ID'], true],
      ],
    );
    const known = planResolution([{ userId: 'bob', identities: [id('ACCOUNT_ID', 'a1')] }], links, DEFAULT_IDENTITY_POLICY);
    expect(known.merges).toEqual([]);
    expect(known.userIds).toEqual(['bob']);
    expect(known.refusedMerges.map((refused) => refused.mergedId)).toEqual(['ana']);
    const twoAccounts = planResolution([{ userId: null, identities: [id('ACCOUNT_ID', 'a1'), id('ACCOUNT_ID', 'b1')] }], links, DEFAULT_IDENTITY_POLICY);
    expect(twoAccounts.merges).toEqual([]);
    expect(twoAccounts.refusedMerges[0]?.reason).toContain('ACCOUNT_ID');
  });

  it('refuses links over a type limit and merges that would exceed one', () => {
    const plan = planResolution([{ userId: 'ana', identities: [id('ACCOUNT_ID', 'second')] }], state([], [['ana', ['ACCOUNT_ID']]]), DEFAULT_IDENTITY_POLICY);
    expect(plan.links.size).toBe(0);
    expect(plan.refusedLinks).toEqual([{ userId: 'ana', type: 'ACCOUNT_ID', reason: 'the user would hold 2 ACCOUNT_ID identities; the limit is 1' }]);
  });
});
