/**
 * The file channels (file:google, file:meta, file:ids): each batch — one arm's members of one
 * delivery page — becomes one CSV file in `<dir>/<campaign id>/`, in the segment exports' terms
 * (src/segments/export.ts): SHA-256 of the normalised e-mail and phone for Google Customer
 * Match and Meta custom audiences, user ids for systems of our own, each line with its
 * idempotency key. A file is named by its arm and where its page starts, and written under a
 * temporary name, then renamed: a page sent again after a crash replaces its own file, so the
 * folder holds every member once, and a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashedIdentifiers } from '../segments/index.js';
import type { ChannelSender, DeliveryBatch } from './delivery.js';

export const FILE_FORMATS = ['google', 'meta', 'ids'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

const HEADER: Record<FileFormat, string> = {
  google: 'idempotency_key,email_sha256,phone_sha256',
  meta: 'idempotency_key,email_sha256,phone_sha256',
  ids: 'idempotency_key,user_id',
};

/** The batch's file: `<arm>-<format>-<hash of where its page starts>.csv` (arm names are free text, so encoded). */
export function batchFileName(batch: Pick<DeliveryBatch, 'arm' | 'page'>, format: FileFormat): string {
  const page = createHash('sha256').update(batch.page).digest('hex').slice(0, 16);
  return `${encodeURIComponent(batch.arm)}-${format}-${page}.csv`;
}

export function fileSender(dir: string, format: FileFormat): ChannelSender {
  const send = async (batch: DeliveryBatch) => {
    const lines = [HEADER[format]];
    const unreachable: string[] = [];
    for (const member of batch.members) {
      if (format === 'ids') {
        lines.push(`${JSON.stringify(member.idempotencyKey)},${JSON.stringify(member.userId)}`);
        continue;
      }
      const hashed = hashedIdentifiers(format, { email: member.email ?? null, phone: member.phone ?? null });
      if (hashed) lines.push(`${JSON.stringify(member.idempotencyKey)},${hashed.email},${hashed.phone}`);
      else unreachable.push(member.userId);
    }
    const folder = path.join(dir, encodeURIComponent(batch.campaignId));
    await mkdir(folder, { recursive: true });
    const target = path.join(folder, batchFileName(batch, format));
    if (lines.length > 1) {
      const temporary = `${target}.${process.pid}.partial`;
      await writeFile(temporary, `${lines.join('\n')}\n`, 'utf8');
      await rename(temporary, target);
    }
    return { unreachable };
  };
  return Object.assign(send, { identifiers: format !== 'ids' });
}
