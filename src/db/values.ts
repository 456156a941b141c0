import neo4j, { type DateTime, type Integer, isInt } from 'neo4j-driver';

export { int } from 'neo4j-driver'; // for integer *parameters*: LIMIT, SKIP, counts, years

/** Neo4j Integer → number, refusing silently wrong answers beyond 2^53. */
export function toSafeNumber(value: Integer | number | bigint): number {
  if (typeof value === 'number') return value; // a Float property, or already converted
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`Integer ${value.toString()} exceeds Number.MAX_SAFE_INTEGER`);
    }
    return Number(value);
  }
  if (!value.inSafeRange()) {
    throw new RangeError(`Integer ${value.toString()} exceeds Number.MAX_SAFE_INTEGER`);
  }
  return value.toNumber();
}

export function toNullableNumber(value: Integer | number | null | undefined): number | null {
  return value === null || value === undefined ? null : toSafeNumber(value);
}

/**
 * A DateTime read as `x.at.epochMillis` in Cypher. Hot read paths return instants this way:
 * decoding a DateTime struct costs the driver dozens of 64-bit Integer operations (a fifth of
 * a profile page's CPU when every user, purchase and interest carried two), an epoch costs one.
 */
export type EpochMillis = Integer | number;

/**
 * Neo4j DateTime, or epoch milliseconds, → ISO-8601 UTC string (what graphql-scalars'
 * DateTime serialises).
 */
export function toIsoString(value: DateTime | EpochMillis | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || isInt(value)) return new Date(toSafeNumber(value as EpochMillis)).toISOString();
  // toStandardDate() converts via UTC; DateTime.toString() may carry a zone id
  // such as [Europe/Paris] that Date cannot parse.
  return (value as DateTime).toStandardDate().toISOString();
}

/**
 * JS Date → Neo4j DateTime parameter (UTC). fromStandardDate fills the fields with JS numbers;
 * the driver packs number and Integer fields alike, so typing it as the Integer-based DateTime
 * that rows carry lets one type serve parameters and results.
 */
export function toNeo4jDateTime(value: Date): DateTime {
  return neo4j.types.DateTime.fromStandardDate(value) as unknown as DateTime;
}

/** Any driver value → plain JSON (Integers to numbers, temporals to ISO strings), for CLI output. */
export function neo4jValueToJson(value: unknown): unknown {
  if (isInt(value)) return toSafeNumber(value);
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(neo4jValueToJson);
  if (typeof value === 'object') {
    if (neo4j.isDateTime(value)) return toIsoString(value as DateTime);
    if (neo4j.isDate(value) || neo4j.isLocalDateTime(value) || neo4j.isDuration(value)) return String(value);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, neo4jValueToJson(inner)]));
  }
  return value;
}
