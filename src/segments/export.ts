/**
 * Export of a saved segment for ad platforms (Google Customer Match, Meta custom audiences):
 * CSV of SHA-256 hashes of normalised identifiers, so no raw PII leaves the system, or of user
 * ids for systems of our own. Members are read a page at a time (keyset on rank), and only
 * those who still consent to profiling and marketing are written.
 *
 * Normalisation follows the platforms' guides: email trimmed and lower-cased; phone in E.164
 * ("+15551234567") for Google, digits only with the country code ("15551234567") for Meta.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/db.js';
import { NotFoundError } from '../errors.js';
import { normaliseEmail } from '../identities/index.js';
import { SegmentsService, START_OF_EXPORT, type ExportCursor, type Segment } from './service.js';

export const EXPORT_TARGETS = ['google', 'meta', 'ids'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** Members read per page by the CLI export. */
const CLI_EXPORT_PAGE = 10_000;

export interface ExportReport {
  /** Rows written (members with consent and, for hashed targets, at least one identifier). */
  written: number;
  /** Members left out: consent to profiling or marketing withdrawn. */
  withoutConsent: number;
  /** Members left out: no email or phone to match on (hashed targets only). */
  withoutIdentifier: number;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** Phone numbers are stored in E.164; Meta wants the digits alone. */
export function normalisePhone(phone: string, target: 'google' | 'meta'): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return target === 'google' ? `+${digits}` : digits;
}

export function exportHeader(target: ExportTarget): string {
  return target === 'ids' ? 'rank,score,user_id' : 'rank,score,email_sha256,phone_sha256';
}

/** One member as a CSV line, or null when it has nothing to match on. */
export function exportLine(
  target: ExportTarget,
  member: { rank: number; score: number; userId: string; email: string | null; phone: string | null },
): string | null {
  const head = `${member.rank},${Number(member.score.toPrecision(6))}`;
  if (target === 'ids') return `${head},${JSON.stringify(member.userId)}`;
  const hashed = hashedIdentifiers(target, member);
  return hashed ? `${head},${hashed.email},${hashed.phone}` : null;
}

/** The SHA-256 hashes of a member's normalised e-mail and phone ('' for a missing one); null with neither. */
export function hashedIdentifiers(target: 'google' | 'meta', member: { email: string | null; phone: string | null }): { email: string; phone: string } | null {
  const email = member.email ? sha256(normaliseEmail(member.email)) : '';
  const phone = member.phone ? sha256(normalisePhone(member.phone, target)) : '';
  return email || phone ? { email, phone } : null;
}

/** One page of an export: its lines, what it left out, and where the next page starts (null: the last). */
export interface ExportLinesPage extends ExportReport {
  lines: string[];
  membersRead: number;
  next: ExportCursor | null;
}

/**
 * The export lines of up to `limit` members after `after` (the CLI and `Segment.export` read
 * the same pages). One statement; it reads one member more to know whether another page follows.
 */
export async function exportLines(
  service: SegmentsService,
  segment: Segment,
  target: ExportTarget,
  after: ExportCursor,
  limit: number,
): Promise<ExportLinesPage> {
  const fetched = await service.exportPage(segment, after, limit + 1);
  const rows = fetched.slice(0, limit);
  const page: ExportLinesPage = { lines: [], written: 0, withoutConsent: 0, withoutIdentifier: 0, membersRead: rows.length, next: null };
  for (const row of rows) {
    if (!row.consented) {
      page.withoutConsent += 1;
      continue;
    }
    const line = exportLine(target, row);
    if (line === null) page.withoutIdentifier += 1;
    else {
      page.lines.push(line);
      page.written += 1;
    }
  }
  const last = rows.at(-1);
  if (fetched.length > limit && last) page.next = { afterRank: last.rank, afterId: last.userId };
  return page;
}

/**
 * Writes the segment's export, header first, a line at a time through `write`; `onPage`
 * reports members read so far (for a progress bar). Unknown segment: NotFoundError.
 */
export async function exportSegment(
  db: Db,
  segmentId: string,
  target: ExportTarget,
  write: (line: string) => void | Promise<void>,
  onPage: (membersRead: number, size: number) => void = () => {},
): Promise<ExportReport> {
  const service = new SegmentsService(db);
  const segment = await service.byId(segmentId);
  if (!segment) throw new NotFoundError('Segment', segmentId);
  const size = segment.rule ? await service.ruleMemberCount(segment.rule) : segment.size;
  const report: ExportReport = { written: 0, withoutConsent: 0, withoutIdentifier: 0 };
  await write(exportHeader(target));
  let read = 0;
  let after: ExportCursor | null = START_OF_EXPORT;
  while (after) {
    const page = await exportLines(service, segment, target, after, CLI_EXPORT_PAGE);
    for (const line of page.lines) await write(line);
    report.written += page.written;
    report.withoutConsent += page.withoutConsent;
    report.withoutIdentifier += page.withoutIdentifier;
    read += page.membersRead;
    onPage(read, size);
    after = page.next;
  }
  return report;
}
