/**
 * Identity resolution rules, and the plan they make for a batch of events keyed by identity:
 * which user each event belongs to, which anonymous users to create, which identities to link
 * to whom, which users to merge, and which links and merges the limits refuse. Pure: the
 * service reads the graph's state, asks for a plan, and writes it (src/identities/service.ts).
 *
 * The rules, like the identity-resolution settings of the CDPs marketers use:
 *  - an event's identities that nobody holds are linked to the event's user;
 *  - an event whose identities (or user id) point at two or more users merges them into one
 *    only if it carries a user id or a held identity of a `mergeOn` type (default ACCOUNT_ID
 *    and EMAIL_SHA256): never on cookies and devices alone, which browsers and families share;
 *  - and never two known users: each holds a user id of its own, a unique identifier, so two
 *    of them are two people however many cookies or devices they share (a family tablet, a
 *    shop kiosk). Automatic merges only fold anonymous profiles into a person; joining two
 *    known users takes an explicit mergeUsers. A weak identifier (cookie, device) seen with a
 *    second known user stays with the user who held it first, and the event goes to the user
 *    its user id (or strongest identity) names; the refused merge is reported;
 *  - no user may hold more than `limits[type]` identities of a type: a link or a merge that
 *    would exceed that is refused and reported, never half-done.
 */
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { compareIds } from '../lib/compare-ids.js';
import { IDENTITY_PRIORITY, IDENTITY_TYPES, sha256Hex, type Identity, type IdentityType } from './identity.js';

export interface IdentityPolicy {
  /** An event whose identities nobody holds creates an anonymous user (else it is refused). */
  createUsers: boolean;
  /** Identity types whose presence in an event allows merging the users it points at. */
  mergeOn: ReadonlySet<IdentityType>;
  /** At most this many identities of a type per user. */
  limits: Readonly<Record<IdentityType, number>>;
  /** Country assumed for phone numbers given without a +country code; null: require one. */
  defaultCountry: CountryCode | null;
}

export const DEFAULT_IDENTITY_LIMITS: Readonly<Record<IdentityType, number>> = {
  ACCOUNT_ID: 1,
  EMAIL_SHA256: 5,
  PHONE_SHA256: 5,
  EXTERNAL_ID: 10,
  DEVICE_ID: 20,
  COOKIE_ID: 100,
};

export const DEFAULT_IDENTITY_POLICY: IdentityPolicy = {
  createUsers: true,
  mergeOn: new Set(['ACCOUNT_ID', 'EMAIL_SHA256']),
  limits: DEFAULT_IDENTITY_LIMITS,
  defaultCountry: null,
};

/** The policy the configuration asks for (IDENTITY_* and PHONE_DEFAULT_COUNTRY; README.md, Configuration). */
export function identityPolicy(config: Config['identities']): IdentityPolicy {
  if (config.defaultCountry !== null && !isSupportedCountry(config.defaultCountry)) {
    throw new ConfigError(`Invalid configuration:\n  PHONE_DEFAULT_COUNTRY: "${config.defaultCountry}" is not a country libphonenumber knows`);
  }
  return {
    createUsers: config.createUsers,
    mergeOn: config.mergeOn,
    limits: { ...DEFAULT_IDENTITY_LIMITS, ...config.limits },
    defaultCountry: config.defaultCountry as CountryCode | null,
  };
}

/** The id of the anonymous user an unknown identity creates: derived, so replays find it. */
export const anonymousUserId = (identity: Identity): string => `anon-${sha256Hex(identity.key).slice(0, 24)}`;

/** What an event says about who did it. `userId` is already redirected through earlier merges. */
export interface EventKeys {
  userId: string | null;
  identities: readonly Identity[];
}

/** The graph's state the plan starts from. */
export interface IdentityState {
  /** Identity key → the user holding it. */
  owners: ReadonlyMap<string, string>;
  /** For every user involved: anonymous or not, and how many identities of each type it holds. */
  users: ReadonlyMap<string, { anonymous: boolean; types: readonly string[] }>;
}

export interface RefusedMerge {
  survivorId: string;
  mergedId: string;
  reason: string;
}

export interface RefusedLink {
  userId: string;
  type: IdentityType;
  reason: string;
}

export interface ResolutionPlan {
  /** Per event (same order): its user, or null when it has none (unknown identities, creation off). */
  userIds: (string | null)[];
  /** Anonymous users to create, with the identities that create them in `links`. */
  newUsers: string[];
  /** Merges into final survivors (users that exist, or are created by this plan); any order. */
  merges: { survivorId: string; mergedId: string }[];
  /** Identities to link, per user. */
  links: Map<string, Identity[]>;
  refusedMerges: RefusedMerge[];
  refusedLinks: RefusedLink[];
}

type Counts = Record<string, number>;

/** How many identities of each type, from a list of their types. */
export const typeCounts = (types: readonly string[]): Counts => {
  const counts: Counts = {};
  for (const type of types) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
};

/** The first type over its limit if `adding` joined `counts`, as a sentence; null if none. */
export function overLimit(counts: Counts, adding: Counts, limits: Readonly<Record<IdentityType, number>>): string | null {
  for (const type of IDENTITY_TYPES) {
    const total = (counts[type] ?? 0) + (adding[type] ?? 0);
    if (total > limits[type]) return `would hold ${total} ${type} identities; the limit is ${limits[type]}`;
  }
  return null;
}

export function planResolution(events: readonly EventKeys[], state: IdentityState, policy: IdentityPolicy): ResolutionPlan {
  const owners = new Map(state.owners);
  const counts = new Map([...state.users].map(([id, user]) => [id, typeCounts(user.types)]));
  const anonymous = new Map([...state.users].map(([id, user]) => [id, user.anonymous]));
  /** Merged user → survivor, for users merged earlier in this batch. */
  const mergedInto = new Map<string, string>();
  const current = (userId: string): string => {
    let id = userId;
    for (let next = mergedInto.get(id); next !== undefined; next = mergedInto.get(id)) id = next;
    return id;
  };
  const plan: ResolutionPlan = { userIds: [], newUsers: [], merges: [], links: new Map(), refusedMerges: [], refusedLinks: [] };
  const rank = (type: IdentityType) => IDENTITY_PRIORITY.indexOf(type);

  for (const event of events) {
    const identities = [...new Map(event.identities.map((identity) => [identity.key, identity])).values()].sort((a, b) => rank(a.type) - rank(b.type));
    // Candidates with the rank of the strongest key that names them; an explicit user id ranks first.
    const candidates = new Map<string, number>();
    if (event.userId !== null) candidates.set(current(event.userId), -1);
    for (const identity of identities) {
      const owner = owners.get(identity.key);
      if (owner === undefined) continue;
      const id = current(owner);
      if (!candidates.has(id)) candidates.set(id, rank(identity.type));
    }
    let userId: string;
    // A known user before any anonymous profile (a person is never merged into a visitor),
    // then the strongest key, then the id (deterministic across replays).
    const ordered = [...candidates].sort(
      ([a, rankA], [b, rankB]) => Number(anonymous.get(a) ?? false) - Number(anonymous.get(b) ?? false) || rankA - rankB || compareIds(a, b),
    );
    const first = ordered[0];
    if (first === undefined) {
      const strongest = identities[0];
      if (!strongest || !policy.createUsers) {
        plan.userIds.push(null);
        continue;
      }
      userId = anonymousUserId(strongest);
      if (!counts.has(userId)) {
        plan.newUsers.push(userId);
        counts.set(userId, {});
        anonymous.set(userId, true);
      }
    } else {
      userId = first[0];
      // Strong evidence that names one of them: the user id, or a merge-on identity someone
      // already holds (an account nobody holds yet names nobody; it is linked, not merged on).
      const mayMerge = event.userId !== null || identities.some((identity) => policy.mergeOn.has(identity.type) && owners.has(identity.key));
      for (const [otherId] of ordered.slice(1)) {
        const refuse = (reason: string) => plan.refusedMerges.push({ survivorId: userId, mergedId: otherId, reason });
        if (!(anonymous.get(userId) ?? false) && !(anonymous.get(otherId) ?? false)) {
          refuse('both are known users, each with its own user id: only mergeUsers joins two known users');
          continue;
        }
        if (!mayMerge) {
          refuse(
            `the event links them only through ${identities.map((identity) => identity.type).join(', ')}; merges need a user id or one of ${[...policy.mergeOn].join(', ')}`,
          );
          continue;
        }
        const limit = overLimit(counts.get(userId) ?? {}, counts.get(otherId) ?? {}, policy.limits);
        if (limit) {
          refuse(`the merged user ${limit}`);
          continue;
        }
        plan.merges.push({ survivorId: userId, mergedId: otherId });
        const merged = counts.get(otherId) ?? {};
        const survivor = counts.get(userId) ?? {};
        for (const [type, count] of Object.entries(merged)) survivor[type] = (survivor[type] ?? 0) + count;
        counts.set(userId, survivor);
        counts.delete(otherId);
        anonymous.set(userId, (anonymous.get(userId) ?? false) && (anonymous.get(otherId) ?? false));
        mergedInto.set(otherId, userId);
      }
    }
    // Identities nobody holds yet join this event's user, each within its type's limit.
    for (const identity of identities) {
      if (owners.has(identity.key)) continue;
      const held = counts.get(userId) ?? {};
      const limit = overLimit(held, { [identity.type]: 1 }, policy.limits);
      if (limit) {
        plan.refusedLinks.push({ userId, type: identity.type, reason: `the user ${limit}` });
        continue;
      }
      held[identity.type] = (held[identity.type] ?? 0) + 1;
      counts.set(userId, held);
      owners.set(identity.key, userId);
      const links = plan.links.get(userId) ?? [];
      links.push(identity);
      plan.links.set(userId, links);
    }
    plan.userIds.push(userId);
  }
  // Merges are transitive: everything goes straight to the final survivor. A user this batch
  // would create and then merge is never created: its identities go to the survivor instead.
  const created = new Set(plan.newUsers);
  plan.newUsers = plan.newUsers.filter((id) => current(id) === id);
  plan.merges = plan.merges.map(({ mergedId }) => ({ survivorId: current(mergedId), mergedId })).filter(({ mergedId }) => !created.has(mergedId));
  plan.userIds = plan.userIds.map((id) => (id === null ? null : current(id)));
  plan.links = relink(plan.links, current);
  return plan;
}

/** Links planned for users merged later in the batch go to their survivors. */
function relink(links: Map<string, Identity[]>, current: (userId: string) => string): Map<string, Identity[]> {
  const moved = new Map<string, Identity[]>();
  for (const [userId, identities] of links) moved.set(current(userId), [...(moved.get(current(userId)) ?? []), ...identities]);
  return moved;
}
