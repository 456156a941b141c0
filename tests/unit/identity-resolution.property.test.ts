/**
 * Property (issue #43, item 3): random event streams over shared devices and cookies never merge
 * two users holding different user ids or different account ids. The plans are applied to a
 * model of the identity graph batch after batch, as recordEvents applies them to Neo4j.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIdentity, type IdentityInputType } from '../../src/identities/identity.js';
import { DEFAULT_IDENTITY_POLICY, planResolution, type EventKeys } from '../../src/identities/policy.js';

const KNOWN = ['u0', 'u1', 'u2', 'u3', 'u4'];
const POOL: [IdentityInputType, string][] = [
  ['COOKIE_ID', 'family-tablet'],
  ['COOKIE_ID', 'kiosk'],
  ['COOKIE_ID', 'office-pc'],
  ['DEVICE_ID', 'shared-phone'],
  ['DEVICE_ID', 'tv'],
  ['ACCOUNT_ID', 'acct-0'],
  ['ACCOUNT_ID', 'acct-1'],
  ['ACCOUNT_ID', 'acct-2'],
  ['EMAIL', 'a@example.com'],
  ['EMAIL', 'b@example.com'],
];

interface ModelUser {
  anonymous: boolean;
  /** Identity keys held. */
  keys: Set<string>;
  /** The user ids of known users this profile is (a known user has one; merging two would give two). */
  userIds: Set<string>;
}

const identity = ([type, value]: [IdentityInputType, string]) => toIdentity({ type, value }, 'test', null);

const event = fc.record({
  userId: fc.option(fc.constantFrom(...KNOWN), { nil: null }),
  identities: fc.uniqueArray(fc.integer({ min: 0, max: POOL.length - 1 }), { minLength: 0, maxLength: 4 }),
});
const stream = fc.array(fc.array(event, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

describe('identity resolution over random streams on shared devices', () => {
  it('never merges two users holding different user ids or different account ids', () => {
    fc.assert(
      fc.property(stream, (batches) => {
        const users = new Map<string, ModelUser>(KNOWN.map((id) => [id, { anonymous: false, keys: new Set(), userIds: new Set([id]) }]));
        const owners = new Map<string, string>();
        const accounts = (user: ModelUser) => new Set([...user.keys].filter((key) => key.startsWith('ACCOUNT_ID:')));
        for (const batch of batches) {
          const events: EventKeys[] = batch
            .filter((keys) => keys.userId !== null || keys.identities.length > 0)
            .map((keys) => ({ userId: keys.userId, identities: keys.identities.map((index) => identity(POOL[index]!)) }));
          const state = {
            owners,
            users: new Map([...users].map(([id, user]) => [id, { anonymous: user.anonymous, types: [...user.keys].map((key) => key.split(':')[0]!) }])),
          };
          const plan = planResolution(events, state, DEFAULT_IDENTITY_POLICY);
          for (const id of plan.newUsers) users.set(id, { anonymous: true, keys: new Set(), userIds: new Set() });
          // Merges first on the graph's copy of the plan, as the service does after linking; the
          // property is about who ends up one person, so the order of links and merges is immaterial here.
          for (const [userId, linked] of plan.links) {
            const user = users.get(userId) ?? { anonymous: true, keys: new Set<string>(), userIds: new Set<string>() };
            for (const added of linked) {
              user.keys.add(added.key);
              owners.set(added.key, userId);
            }
            users.set(userId, user);
          }
          for (const { survivorId, mergedId } of plan.merges) {
            const survivor = users.get(survivorId);
            const merged = users.get(mergedId);
            if (!survivor || !merged) continue;
            const survivorAccounts = accounts(survivor);
            const mergedAccounts = accounts(merged);
            // The property: never two user ids, never two different accounts.
            expect(survivor.userIds.size + merged.userIds.size, `${survivorId} ← ${mergedId}`).toBeLessThanOrEqual(1);
            if (survivorAccounts.size > 0 && mergedAccounts.size > 0) expect([...mergedAccounts].every((key) => survivorAccounts.has(key))).toBe(true);
            for (const key of merged.keys) {
              survivor.keys.add(key);
              owners.set(key, survivorId);
            }
            merged.userIds.forEach((id) => survivor.userIds.add(id));
            survivor.anonymous = survivor.anonymous && merged.anonymous;
            users.delete(mergedId);
          }
          // Every event went to someone who exists (or was created), never to a merged-away profile.
          for (const userId of plan.userIds) if (userId !== null) expect(users.has(userId)).toBe(true);
        }
        // Each known user is still its own profile.
        for (const id of KNOWN) expect(users.get(id)?.userIds).toEqual(new Set([id]));
      }),
      { numRuns: 500, seed: 43 },
    );
  });
});
