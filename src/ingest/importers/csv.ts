/**
 * The generic CSV format (docs/DATA-FORMATS.md): anyone can bring their own data.
 * Files, each optional, imported in this order so references resolve:
 *   interests.csv       id,name
 *   products.csv        id,name[,category,brand,price,interests]   interests: "interestId:weight;…"
 *   users.csv           id,displayName[,gender,birthYear,region,city,occupation,createdAt,
 *                       lastActiveAt,consentProfiling,consentMarketing,email,phone]
 *   user_interests.csv  userId,interestId,weight                   declared interests
 *   follows.csv         followerId,followeeId[,since,weight]
 *   events.csv          userId,productId,kind,at[,quantity,amount,score,text]   kind: VIEW|PURCHASE|RATE|REVIEW
 *                       or identityType,identityValue[,identityNamespace] in place of userId
 * UTF-8, a header row naming the columns (any order, extra columns ignored), RFC 4180 quoting,
 * ids as strings, timestamps ISO-8601.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ActivityEvent } from '../../activity/index.js';
import { int, toNeo4jDateTime } from '../../db/values.js';
import { BadInputError } from '../../errors.js';
import { IDENTITY_INPUT_TYPES, toIdentity, type IdentityInput, type IdentityPolicy } from '../../identities/index.js';
import { lengthProblem } from '../../input-lengths.js';
import { GENDERS } from '../../profiles/index.js';
import { hasVisibleText } from '../../text/index.js';
import { csvRecords } from '../csv-records.js';
import { describeEncoding, fileEncoding, type FileEncoding } from '../encoding.js';
import { fileSize } from '../read-lines.js';
import {
  importEvents,
  countsOf,
  importRows,
  lastPerKey,
  ok,
  parseDate,
  parseInteger,
  parseNumber,
  type ImportContext,
  type Parsed,
  type SourceRow,
  type StepResult,
  type WriteCounts,
} from '../pipeline.js';

export const CSV_FILES = ['interests.csv', 'products.csv', 'users.csv', 'user_interests.csv', 'follows.csv', 'events.csv'] as const;

type Record = Map<string, string>;

/** Streams a CSV with a header row; each data row becomes a column → value map. */
async function* csvRows<Row>(
  file: string,
  encoding: FileEncoding,
  required: readonly string[],
  toRow: (record: Record) => Parsed<Row>,
): AsyncGenerator<SourceRow<Row>> {
  let header: string[] | null = null;
  for await (const item of csvRecords(file, encoding)) {
    const { raw, line, bytesRead } = item;
    if (!header) {
      header = item.record.map((name) => name.trim());
      const missing = required.filter((name) => !header?.includes(name));
      if (missing.length > 0) throw new Error(`${path.basename(file)}: the header lacks required column(s) ${missing.join(', ')}`);
      continue;
    }
    if (item.record.length !== header.length) {
      yield { line, raw, bytesRead, parsed: { reject: `expected ${header.length} columns, got ${item.record.length}` } };
      continue;
    }
    // One pass per row: this runs for every row of a load (tens of millions at a million users).
    const record: Record = new Map();
    let tooLong: string | null = null;
    for (let index = 0; index < header.length; index += 1) {
      const name = header[index] as string;
      const value = (item.record[index] ?? '').trim();
      record.set(name, value);
      tooLong ??= lengthProblem(name, value);
    }
    const missing = required.find((name) => !record.get(name));
    const parsed = missing ? { reject: `empty ${missing}` } : tooLong ? { reject: tooLong } : toRow(record);
    yield { line, raw, bytesRead, parsed };
  }
}

const optional = (record: Record, name: string) => {
  const value = record.get(name);
  return value === undefined || value === '' ? undefined : value;
};

function parseBoolean(value: string, what: string): boolean | string {
  const lower = value.toLowerCase();
  if (['true', '1', 'yes'].includes(lower)) return true;
  if (['false', '0', 'no'].includes(lower)) return false;
  return `${what} "${value}" is not true/false`;
}

/** `consent`: what an absent consent column means (the importer's --consent; otherwise no consent). */
function parseUser(record: Record, consent: boolean): Parsed<{ id: string; props: { [key: string]: unknown } }> {
  const props: { [key: string]: unknown } = { displayName: record.get('displayName') };
  for (const name of ['region', 'city', 'occupation', 'email', 'phone']) {
    const value = optional(record, name);
    if (value !== undefined) props[name] = value;
  }
  const gender = optional(record, 'gender');
  if (gender !== undefined) {
    if (!(GENDERS as readonly string[]).includes(gender.toUpperCase())) return { reject: `gender "${gender}" is not one of ${GENDERS.join(', ')}` };
    props['gender'] = gender.toUpperCase();
  }
  const birthYear = optional(record, 'birthYear');
  if (birthYear !== undefined) {
    const year = parseInteger(birthYear, 'birthYear', { min: 1900 });
    if (typeof year === 'string') return { reject: year };
    props['birthYear'] = int(year);
  }
  for (const name of ['createdAt', 'lastActiveAt']) {
    const value = optional(record, name);
    if (value === undefined) continue;
    const date = parseDate(value, name);
    if (typeof date === 'string') return { reject: date };
    props[name] = toNeo4jDateTime(date);
  }
  for (const name of ['consentProfiling', 'consentMarketing']) {
    const value = optional(record, name);
    const parsed = value === undefined ? consent : parseBoolean(value, name); // a row's own column wins
    if (typeof parsed === 'string') return { reject: parsed };
    props[name] = parsed;
  }
  const email = optional(record, 'email');
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { reject: `email "${email}" is malformed` };
  const phone = optional(record, 'phone');
  if (phone !== undefined && !/^\+?[0-9 ()-]{6,20}$/.test(phone)) return { reject: `phone "${phone}" is malformed` };
  return ok({ id: record.get('id') ?? '', props });
}

function parseProduct(record: Record): Parsed<{ id: string; props: { [key: string]: unknown }; interests: { interestId: string; weight: number }[] }> {
  const props: { [key: string]: unknown } = { name: record.get('name') };
  for (const name of ['category', 'brand']) {
    const value = optional(record, name);
    if (value !== undefined) props[name] = value;
  }
  const price = optional(record, 'price');
  if (price !== undefined) {
    const value = parseNumber(price, 'price', { min: 0 });
    if (typeof value === 'string') return { reject: value };
    props['price'] = value;
  }
  const interests: { interestId: string; weight: number }[] = [];
  for (const entry of (optional(record, 'interests') ?? '').split(';').filter(Boolean)) {
    const [interestId, weightText] = entry.split(':');
    const weight = weightText === undefined ? 1 : parseNumber(weightText, 'interest weight', { min: 0 });
    if (!interestId || typeof weight === 'string') return { reject: typeof weight === 'string' ? weight : `bad interest entry "${entry}"` };
    const tooLong = lengthProblem('interestId', interestId);
    if (tooLong) return { reject: tooLong };
    interests.push({ interestId, weight });
  }
  return ok({ id: record.get('id') ?? '', props, interests });
}

/** A row's user: `userId`, or an identity (`identityType`, `identityValue`, `identityNamespace`) checked as the API checks it. */
function parseEventKeys(record: Record, policy: IdentityPolicy): Parsed<{ userId: string | null; identities: IdentityInput[]; identityKey: string | null }> {
  const userId = optional(record, 'userId') ?? null;
  const type = optional(record, 'identityType')?.toUpperCase();
  const value = optional(record, 'identityValue');
  if (type === undefined && value === undefined) {
    return userId === null ? { reject: 'give userId, or identityType and identityValue' } : ok({ userId, identities: [], identityKey: null });
  }
  const known = IDENTITY_INPUT_TYPES.find((name) => name === type);
  if (!known || value === undefined) {
    return { reject: `identityType "${type ?? ''}" with identityValue: the type is one of ${IDENTITY_INPUT_TYPES.join(', ')}` };
  }
  const input: IdentityInput = { type: known, value, namespace: optional(record, 'identityNamespace') ?? null };
  try {
    return ok({ userId, identities: [input], identityKey: toIdentity(input, 'identity', policy.defaultCountry).key });
  } catch (error) {
    if (error instanceof BadInputError) return { reject: error.message };
    throw error;
  }
}

type CsvEvent = ActivityEvent & { identityKey: string | null };

function parseEvent(record: Record, now: Date, policy: IdentityPolicy): Parsed<CsvEvent> {
  const keys = parseEventKeys(record, policy);
  if ('reject' in keys) return keys;
  const kind = (record.get('kind') ?? '').toUpperCase();
  if (kind !== 'VIEW' && kind !== 'PURCHASE' && kind !== 'RATE' && kind !== 'REVIEW') {
    return { reject: `kind "${record.get('kind')}" is not VIEW, PURCHASE, RATE or REVIEW` };
  }
  const at = parseDate(record.get('at'), 'at');
  if (typeof at === 'string') return { reject: at };
  if (at.getTime() > now.getTime() + 86_400_000) return { reject: `at ${at.toISOString()} is in the future` };
  const event: CsvEvent = { ...keys.row, productId: record.get('productId') ?? '', kind, at };
  const quantity = optional(record, 'quantity');
  const amount = optional(record, 'amount');
  const score = optional(record, 'score');
  if (kind === 'PURCHASE') {
    if (quantity !== undefined) {
      const value = parseInteger(quantity, 'quantity', { min: 1 });
      if (typeof value === 'string') return { reject: value };
      event.quantity = value;
    }
    if (amount !== undefined) {
      const value = parseNumber(amount, 'amount', { min: 0 });
      if (typeof value === 'string') return { reject: value };
      event.amount = value;
    }
  }
  if (kind === 'RATE') {
    const value = parseInteger(score, 'score', { min: 1 });
    if (typeof value === 'string') return { reject: value };
    if (value > 5) return { reject: `score ${value} is above 5` };
    event.score = value;
  }
  if (kind === 'REVIEW') {
    // The text is never quoted back in a rejection: it may hold personal data.
    const text = optional(record, 'text');
    if (!hasVisibleText(text)) return { reject: 'a REVIEW needs its text' };
    const tooLong = lengthProblem('text', text);
    if (tooLong) return { reject: tooLong };
    event.text = text;
    if (score !== undefined) {
      const value = parseInteger(score, 'score', { min: 1 });
      if (typeof value === 'string') return { reject: value };
      if (value > 5) return { reject: `score ${value} is above 5` };
      event.score = value;
    }
  }
  return ok(event);
}

export async function importCsv(ctx: ImportContext, dir: string): Promise<StepResult[]> {
  const present = CSV_FILES.filter((name) => existsSync(path.join(dir, name)));
  if (present.length === 0) throw new Error(`${dir} holds none of ${CSV_FILES.join(', ')}`);
  const results: StepResult[] = [];
  const step = async <Row>(
    name: (typeof CSV_FILES)[number],
    required: readonly string[],
    toRow: (record: Record) => Parsed<Row>,
    options: {
      references?: (row: Row) => { userIds?: string[]; productIds?: string[]; interestIds?: string[] };
      touches?: (row: Row) => readonly string[];
      write: (rows: Row[]) => Promise<WriteCounts | void>;
    },
  ) => {
    const file = path.join(dir, name);
    if (!existsSync(file)) return;
    const encoding = await fileEncoding(file, ctx.encoding ?? undefined);
    ctx.log.info({ file: name, encoding: describeEncoding(encoding) }, 'reading');
    const result = await importRows(ctx, { label: name, totalBytes: await fileSize(file), rows: csvRows(file, encoding, required, toRow), ...options });
    results.push({ ...result, encoding: describeEncoding(encoding) });
  };
  const now = toNeo4jDateTime(ctx.now);

  await step('interests.csv', ['id', 'name'], (record) => ok({ id: record.get('id') ?? '', name: record.get('name') ?? '' }), {
    write: async (rows) => void (await ctx.sink.upsertInterests({ rows })),
  });
  await step('products.csv', ['id', 'name'], parseProduct, {
    references: (row) => ({ interestIds: row.interests.map((tag) => tag.interestId) }),
    write: async (rows) => void (await ctx.sink.upsertProducts({ rows, replaceInterests: false })),
  });
  await step('users.csv', ['id', 'displayName'], (record) => parseUser(record, ctx.consent), {
    touches: (row) => [row.id],
    write: async (rows) => countsOf((await ctx.sink.upsertUsers({ rows }))[0]),
  });
  await step(
    'user_interests.csv',
    ['userId', 'interestId', 'weight'],
    (record) => {
      const weight = parseNumber(record.get('weight'), 'weight', { min: 0 });
      return typeof weight === 'string' ? { reject: weight } : ok({ userId: record.get('userId') ?? '', interestId: record.get('interestId') ?? '', weight });
    },
    {
      references: (row) => ({ userIds: [row.userId], interestIds: [row.interestId] }),
      write: async (rows) =>
        countsOf((await ctx.sink.upsertUserInterests({ rows: lastPerKey(rows, (row) => `${row.userId}\u0000${row.interestId}`), now }))[0]),
    },
  );
  await step(
    'follows.csv',
    ['followerId', 'followeeId'],
    (record) => {
      const followerId = record.get('followerId') ?? '';
      const followeeId = record.get('followeeId') ?? '';
      if (followerId === followeeId) return { reject: 'a user cannot follow themselves' };
      const sinceText = optional(record, 'since');
      const since = sinceText === undefined ? null : parseDate(sinceText, 'since');
      if (typeof since === 'string') return { reject: since };
      const weightText = optional(record, 'weight');
      const weight = weightText === undefined ? 1 : parseNumber(weightText, 'weight', { min: 0 });
      if (typeof weight === 'string') return { reject: weight };
      return ok({ followerId, followeeId, since: since ? since.getTime() : null, weight });
    },
    {
      references: (row) => ({ userIds: [row.followerId, row.followeeId] }),
      write: async (rows) => countsOf((await ctx.sink.upsertFollows({ rows: lastPerKey(rows, (row) => `${row.followerId}\u0000${row.followeeId}`) }))[0]),
    },
  );
  // Rows keyed by identity resolve as recordEvents resolves them; the users they reach are refreshed at the end.
  const writeEvents = importEvents(ctx);
  await step('events.csv', ['productId', 'kind', 'at'], (record) => parseEvent(record, ctx.now, ctx.identityPolicy), {
    references: (row) => ({
      userIds: row.userId === null ? [] : [row.userId],
      productIds: [row.productId],
      // With user creation off, an identity nobody holds cannot be placed: the row is rejected.
      identityKeys: row.identityKey !== null && !ctx.identityPolicy.createUsers ? [row.identityKey] : [],
    }),
    touches: () => [],
    write: writeEvents,
  });
  return results;
}
