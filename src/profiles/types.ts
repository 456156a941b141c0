import { NotFoundError } from '../errors.js';
import type { Integer } from 'neo4j-driver';
import { toIsoString, toNullableNumber, type EpochMillis } from '../db/values.js';

export const GENDERS = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const;
export type Gender = (typeof GENDERS)[number];

/** A user as resolvers receive it: plain JS values, no driver types. */
export interface User {
  id: string;
  displayName: string;
  gender: Gender;
  birthYear: number | null;
  region: string | null;
  city: string | null;
  occupation: string | null;
  createdAt: string | null;
  lastActiveAt: string | null;
  consentProfiling: boolean;
  consentMarketing: boolean;
  email: string | null;
  phone: string | null;
}

/** The map every user-returning .cypher file projects: `u {.id, .displayName, …}`. */
export interface UserMap {
  id: string;
  displayName: string | null;
  gender: string | null;
  birthYear: Integer | number | null;
  region: string | null;
  city: string | null;
  occupation: string | null;
  /** Read as epoch milliseconds (see EpochMillis). */
  createdAt: EpochMillis | null;
  lastActiveAt: EpochMillis | null;
  consentProfiling: boolean | null;
  consentMarketing: boolean | null;
  email: string | null;
  phone: string | null;
}

export interface Interest {
  id: string;
  name: string;
}

export interface UserInterest {
  interest: Interest;
  weight: number;
  source: string;
  updatedAt: string | null;
}

function toGender(value: string | null): Gender {
  return (GENDERS as readonly string[]).includes(value ?? '') ? (value as Gender) : 'UNKNOWN';
}

/** The one mapper from stored user properties to the domain object. */
export function toUser(map: UserMap): User {
  return {
    id: map.id,
    displayName: map.displayName ?? map.id,
    gender: toGender(map.gender),
    birthYear: toNullableNumber(map.birthYear),
    region: map.region,
    city: map.city,
    occupation: map.occupation,
    createdAt: toIsoString(map.createdAt),
    lastActiveAt: toIsoString(map.lastActiveAt),
    // Absent consent is no consent: privacy by default.
    consentProfiling: map.consentProfiling === true,
    consentMarketing: map.consentMarketing === true,
    email: map.email,
    phone: map.phone,
  };
}

/**
 * A user a non-null field refers to (a lookalike or segment member): a typed NOT_FOUND rather
 * than graphql-js's non-null violation if the user was deleted in between.
 */
export function existingUser(user: User | null, id: string): User {
  if (!user) throw new NotFoundError('User', id);
  return user;
}
