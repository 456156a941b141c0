/** What a campaign member's message carries (src/campaigns/payload.ts), by the configured fields and the delivering role. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memberContact, memberMessage } from '../../src/campaigns/payload.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const member = { email: 'Ana.Lima@Example.com', phone: '+5511912345678' };

describe('campaign payload', () => {
  it('carries nothing but ids unless a field is configured', () => {
    expect(memberContact([], member, true)).toEqual({});
    expect(memberMessage({ userId: 'u1', idempotencyKey: 'c:A:u1' })).toEqual({ userId: 'u1', idempotencyKey: 'c:A:u1' });
  });

  it('sends e-mail and phone in clear to a role that reads PII, masked to any other, and hashes to both', () => {
    const fields = ['email', 'phone', 'emailSha256', 'phoneSha256'] as const;
    const hashes = { emailSha256: sha256('ana.lima@example.com'), phoneSha256: sha256('+5511912345678') };
    expect(memberContact(fields, member, true)).toEqual({ email: 'Ana.Lima@Example.com', phone: '+5511912345678', ...hashes });
    expect(memberContact(fields, member, false)).toEqual({ email: 'A***@Example.com', phone: '+55*********78', ...hashes });
  });

  it('says null for what a user does not have', () => {
    expect(memberContact(['email', 'phoneSha256'], { email: null, phone: null }, true)).toEqual({ email: null, phoneSha256: null });
  });
});
