/**
 * What a member's message carries besides its user id and idempotency key: set per channel by
 * configuration (CAMPAIGN_PAYLOAD_FIELDS), and by the role of the caller who delivers. A
 * channel carries no contact field unless configured to; e-mail and phone in clear only for a
 * role that may read PII (admin; the CLI runs as the operator, admin), masked as the API masks
 * them for any other; their SHA-256 hashes (normalised as Google Customer Match wants them) for
 * any role that may deliver. The file channels keep their fixed formats (file-channel.ts).
 */
import type { ContactField } from '../config.js';
import { maskEmail, maskPhone } from '../graphql/auth.js';
import { hashedIdentifiers } from '../segments/index.js';

/** A member's contact fields as one channel sends them: only the configured ones, null where the user has none. */
export type MemberContact = Partial<Record<ContactField, string | null>>;

export function memberContact(fields: readonly ContactField[], member: { email: string | null; phone: string | null }, canReadPii: boolean): MemberContact {
  const contact: MemberContact = {};
  if (fields.length === 0) return contact;
  const hashed = hashedIdentifiers('google', member);
  for (const field of fields) {
    if (field === 'emailSha256') contact.emailSha256 = hashed?.email || null;
    else if (field === 'phoneSha256') contact.phoneSha256 = hashed?.phone || null;
    else if (field === 'email') contact.email = canReadPii ? member.email : maskEmail(member.email);
    else contact.phone = canReadPii ? member.phone : maskPhone(member.phone);
  }
  return contact;
}

/**
 * A member as a webhook's or topic's message carries it: its id, its key and the contact fields
 * its channel is configured for, named; never anything else the batch holds (the e-mail and
 * phone a file arm of the same campaign reads to hash).
 */
export const memberMessage = (member: { userId: string; idempotencyKey: string; contact?: MemberContact }) => ({
  userId: member.userId,
  idempotencyKey: member.idempotencyKey,
  ...member.contact,
});
