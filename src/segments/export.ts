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
import { SegmentsService } from './service.js';

export const EXPORT_TARGETS = ['google', 'meta', 'ids'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export interface ExportReport {
  /** Rows written (members with consent and, for hashed targets, at least one identifier). */
  written: number;
  /** Members left out: consent to profiling or marketing withdrawn. */
  withoutConsent: number;
  /** Members left out: no email or phone to match on (hashed targets only). */
  withoutIdentifier: number;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

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
  const email = member.email ? sha256(normaliseEmail(member.email)) : '';
  const phone = member.phone ? sha256(normalisePhone(member.phone, target)) : '';
  return email || phone ? `${head},${email},${phone}` : null;
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
  for await (const rows of service.exportPages(segment)) {
    for (const row of rows) {
      if (!row.consented) {
        report.withoutConsent += 1;
        continue;
      }
      const line = exportLine(target, row);
      if (line === null) report.withoutIdentifier += 1;
      else {
        await write(line);
        report.written += 1;
      }
    }
    read += rows.length;
    onPage(read, size);
  }
  return report;
}
