import type { Integer } from 'neo4j-driver';
import type { ActivityEvent } from '../activity/index.js';
import { toSafeNumber } from '../db/values.js';
import { readLines } from './read-lines.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import type { EventPipeline } from '../event-pipeline/index.js';
import type { ImportSink } from './sink.js';
import type { IdentityPolicy } from '../identities/index.js';
import type { Logger } from '../logger.js';
import type { Progress } from '../lib/progress.js';
import type { RejectsFile } from './rejects.js';

/**
 * Rows per write transaction unless `--batch-size` says otherwise. Larger batches were measured
 * and bought nothing: the generated 20,000-user CSV imported in 38.9–46.2 s at 5,000 and
 * 41.9–45.1 s at 20,000, alternating on one warm server (follows and events alike).
 */
export const DEFAULT_BATCH_SIZE = 5_000;

/** What every import step shares. */
export interface ImportContext {
  db: Db;
  log: Logger;
  progress: Progress;
  rejects: RejectsFile;
  batchSize: number;
  limits: Config['limits'];
  /** Grant profiling and marketing consent to imported users (research data sets collected with it). */
  consent: boolean;
  now: Date;
  /** How rows keyed by identity resolve to users (IDENTITY_*). */
  identityPolicy: IdentityPolicy;
  /** Users whose rows were written (created, changed or given events): their tags are refreshed after the import. */
  touchedUsers: Set<string>;
  /** Where the rows go: the server, or an initial load's import files (sink.ts). */
  sink: ImportSink;
  /** Events go where the API's go (src/event-pipeline/); the users they touch land in touchedUsers. */
  events: EventPipeline;
  /**
   * During an initial load: stages a batch of events for the import tool, or answers null when
   * they must go online (src/ingest/initial-load/staging-db.ts). Null outside an initial load.
   */
  stageEvents: ((events: readonly ActivityEvent[]) => Promise<{ applied: number; touched: string[] } | null>) | null;
  /** The text encoding the caller named for the files (--encoding), or null to detect it per file. */
  encoding: string | null;
}

/** A parsed input row, or the reason it cannot be used. */
export type Parsed<Row> = { row: Row } | { reject: string };

export interface SourceRow<Row> {
  line: number;
  raw: string;
  bytesRead: number;
  parsed: Parsed<Row>;
}

export interface References {
  userIds?: string[];
  /** Identity keys (src/identities/identity.ts) that must already be held by a user. */
  identityKeys?: string[];
  productIds?: string[];
  interestIds?: string[];
}

/** What a batch did to the graph as it was: rows that created, changed, or matched what was stored. */
export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface StepResult {
  file: string;
  rows: number;
  /** Rows passed to the write (not rejected), whatever they changed. */
  written: number;
  /** created + updated + unchanged = written for steps whose statements count; null for steps that cannot tell. */
  changes: WriteCounts | null;
  rejected: number;
  seconds: number;
  /** The text encoding the file was read in, and how it was chosen ("GB18030 (detected)"), where the source says. */
  encoding?: string;
}

/** Sums write counts (null: a step that does not count, e.g. in-memory aggregation). */
export function addCounts(total: WriteCounts | null, more: WriteCounts | null | void): WriteCounts | null {
  if (!more) return total;
  return {
    created: (total?.created ?? 0) + more.created,
    updated: (total?.updated ?? 0) + more.updated,
    unchanged: (total?.unchanged ?? 0) + more.unchanged,
  };
}

/** recordEvents' answer as write counts: applied events are new, ignored ones (replays, older views) changed nothing. */
export function eventCounts(result: { applied: number; ignored: number }): WriteCounts {
  return { created: result.applied, updated: 0, unchanged: result.ignored };
}

/**
 * Where an importer's events go: staged for the import tool during an initial load while they
 * can be, otherwise through the event pipeline, the API's own logic. Both refuse the same
 * batches and count the same way, and the users given events are refreshed after the import
 * either way (ctx.touchedUsers).
 */
export function importEvents(ctx: ImportContext): (events: readonly ActivityEvent[]) => Promise<WriteCounts> {
  const { activity } = ctx.events;
  return async (events) => {
    activity.check(events, ctx.now);
    const staged = (await ctx.stageEvents?.(events)) ?? null;
    if (staged) {
      for (const id of staged.touched) ctx.touchedUsers.add(id);
      return eventCounts({ applied: staged.applied, ignored: events.length - staged.applied });
    }
    return eventCounts(await activity.recordEvents(events, ctx.now));
  };
}

/** A statement's counting row (created/updated/unchanged as Integers) as numbers. */
export function countsOf(row: { created: Integer; updated: Integer; unchanged: Integer } | undefined): WriteCounts {
  return row
    ? { created: toSafeNumber(row.created), updated: toSafeNumber(row.updated), unchanged: toSafeNumber(row.unchanged) }
    : { created: 0, updated: 0, unchanged: 0 };
}

/**
 * The batch with one row per key, the last one (a later row is a later value, as written one
 * after another), in the order of those last rows. The ingest upserts count and write one row
 * per pair; collapsing here keeps that out of Cypher, where it cost an aggregation per batch.
 */
export function lastPerKey<Row>(rows: readonly Row[], key: (row: Row) => string): Row[] {
  const last = new Map<string, Row>();
  for (const row of rows) {
    const k = key(row);
    last.delete(k); // re-inserted: the key takes its last row's place in the order
    last.set(k, row);
  }
  return last.size === rows.length ? (rows as Row[]) : [...last.values()];
}

/** Splits a delimited line, refusing a wrong column count (a classic sign of a corrupt row). */
export function fields(text: string, separator: string, expected: number): string[] | string {
  const parts = text.split(separator);
  return parts.length === expected ? parts : `expected ${expected} columns, got ${parts.length}`;
}

export function parseInteger(value: string | undefined, what: string, options: { min?: number } = {}): number | string {
  const trimmed = (value ?? '').trim();
  if (!/^-?\d+$/.test(trimmed)) return `${what} "${trimmed}" is not an integer`;
  const number = Number(trimmed);
  if (!Number.isSafeInteger(number)) return `${what} "${trimmed}" is out of range`;
  if (options.min !== undefined && number < options.min) return `${what} ${number} is below ${options.min}`;
  return number;
}

export function parseNumber(value: string | undefined, what: string, options: { min?: number } = {}): number | string {
  const trimmed = (value ?? '').trim();
  const number = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(number)) return `${what} "${trimmed}" is not a number`;
  if (options.min !== undefined && number < options.min) return `${what} ${number} is below ${options.min}`;
  return number;
}

export function parseDate(value: string | undefined, what: string): Date | string {
  const trimmed = (value ?? '').trim();
  // ISO-8601 only: Date.parse accepts many locale formats that would silently mean other days.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) {
    return `${what} "${trimmed}" is not an ISO-8601 date`;
  }
  const date = new Date(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
  return Number.isNaN(date.getTime()) ? `${what} "${trimmed}" is not a valid date` : date;
}

/**
 * Streams rows into the graph in batches: parse failures and rows that reference missing
 * nodes go to the rejects file with their line and reason; the rest are written by `write`
 * (an idempotent UNWIND … MERGE in a retrying transaction). Re-running a step after a crash
 * re-applies at most the batches already written, which changes nothing.
 */
export async function importRows<Row>(
  ctx: ImportContext,
  spec: {
    label: string;
    totalBytes: number | null;
    rows: AsyncIterable<SourceRow<Row>>;
    references?: (row: Row) => References;
    /** The users a row changes, for the tags refresh; by default the users it references. */
    touches?: (row: Row) => readonly string[];
    /** Writes a batch; returns what it created, changed and left as it was, when its statement counts. */
    write: (batch: Row[]) => Promise<WriteCounts | void>;
  },
): Promise<StepResult> {
  const touches = spec.touches ?? ((row: Row) => spec.references?.(row).userIds ?? []);
  const started = Date.now();
  const task = ctx.progress.start(spec.label, spec.totalBytes);
  let rows = 0;
  let written = 0;
  let changes: WriteCounts | null = null;
  const rejectedBefore = ctx.rejects.countFor(spec.label);
  let batch: SourceRow<Row>[] = [];
  let bytes = 0;

  const write = async (accepted: SourceRow<Row>[], bytesSoFar: number, rowsSoFar: number) => {
    if (accepted.length > 0) {
      const rows = accepted.map((item) => (item.parsed as { row: Row }).row);
      changes = addCounts(changes, await spec.write(rows));
      written += accepted.length;
      for (const row of rows) for (const id of touches(row)) ctx.touchedUsers.add(id);
    }
    task.update(rowsSoFar, bytesSoFar);
  };

  // One batch is written while the next is parsed and its references are checked: writes stay
  // strictly in order (each waits for the previous), and so do the checks (rejects keep file
  // order), so the result is the same as a sequential import, only sooner. A check may run
  // before the previous batch is written: no step references nodes it writes itself (users
  // come before follows, products before listens; events never create a user they name).
  let inFlight: Promise<void> | null = null;
  let checked: Promise<unknown> = Promise.resolve();
  const startWrite = async (items: SourceRow<Row>[]) => {
    const accepted = checked.then(() => (spec.references ? rejectMissingReferences(ctx, spec.label, items, spec.references) : items));
    checked = accepted.catch(() => undefined); // a failed check fails its own write, below
    if (inFlight) await inFlight;
    const [bytesSoFar, rowsSoFar] = [bytes, rows];
    inFlight = accepted.then((ready) => write(ready, bytesSoFar, rowsSoFar));
    inFlight.catch(() => undefined); // surfaced by the next await; avoids an unhandled-rejection warning meanwhile
  };

  for await (const item of spec.rows) {
    rows += 1;
    bytes = item.bytesRead;
    if ('reject' in item.parsed) {
      ctx.rejects.add({ file: spec.label, line: item.line, reason: item.parsed.reject }, item.raw);
      continue;
    }
    batch.push(item);
    if (batch.length >= ctx.batchSize) {
      const full = batch;
      batch = [];
      await startWrite(full);
    }
  }
  if (batch.length > 0) await startWrite(batch);
  if (inFlight) await inFlight;
  task.finish(rows);
  return { file: spec.label, rows, written, changes, rejected: ctx.rejects.countFor(spec.label) - rejectedBefore, seconds: (Date.now() - started) / 1000 };
}

async function rejectMissingReferences<Row>(
  ctx: ImportContext,
  label: string,
  batch: SourceRow<Row>[],
  referencesOf: (row: Row) => References,
): Promise<SourceRow<Row>[]> {
  const wanted = { userIds: new Set<string>(), productIds: new Set<string>(), interestIds: new Set<string>(), identityKeys: new Set<string>() };
  const refs = batch.map((item) => referencesOf((item.parsed as { row: Row }).row));
  for (const ref of refs) {
    for (const id of ref.userIds ?? []) wanted.userIds.add(id);
    for (const id of ref.productIds ?? []) wanted.productIds.add(id);
    for (const id of ref.interestIds ?? []) wanted.interestIds.add(id);
    for (const key of ref.identityKeys ?? []) wanted.identityKeys.add(key);
  }
  const [found] = await ctx.sink.existingIds({
    userIds: [...wanted.userIds],
    productIds: [...wanted.productIds],
    interestIds: [...wanted.interestIds],
    identityKeys: [...wanted.identityKeys],
  });
  const users = new Set(found?.users ?? []);
  const products = new Set(found?.products ?? []);
  const interests = new Set(found?.interests ?? []);
  const identities = new Set(found?.identities ?? []);
  return batch.filter((item, index) => {
    const ref = refs[index] ?? {};
    const missing =
      ref.userIds?.find((id) => !users.has(id))?.replace(/^/, 'unknown user ') ??
      ref.productIds?.find((id) => !products.has(id))?.replace(/^/, 'unknown product ') ??
      ref.interestIds?.find((id) => !interests.has(id))?.replace(/^/, 'unknown interest ') ??
      (ref.identityKeys?.some((key) => !identities.has(key)) ? 'unknown identity (IDENTITY_CREATE_USERS is off)' : undefined);
    if (missing) ctx.rejects.add({ file: label, line: item.line, reason: missing }, item.raw);
    return !missing;
  });
}

/** Lines of a delimited file, each parsed (or rejected) by `parse`. */
export async function* parsedLines<Row>(
  file: string,
  options: { encoding?: BufferEncoding; skipHeader?: boolean },
  parse: (text: string) => Parsed<Row>,
): AsyncGenerator<SourceRow<Row>> {
  for await (const line of readLines(file, options)) {
    yield { line: line.number, raw: line.text, bytesRead: line.bytesRead, parsed: parse(line.text) };
  }
}

/** A parse result from a value or a reason string. */
export function ok<Row>(row: Row): Parsed<Row> {
  return { row };
}

export function firstProblem(...values: unknown[]): string | null {
  return (values.find((value) => typeof value === 'string') as string | undefined) ?? null;
}
