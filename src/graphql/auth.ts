import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config, Role } from '../config.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

export interface Auth {
  role: Role;
  canWrite: boolean;
  /** May read e-mail and phone in clear. */
  canReadPii: boolean;
  /**
   * Names the caller's key without revealing it (a prefix of its SHA-256), for per-key limits
   * and logs; 'local' when no API keys are configured.
   */
  keyId: string;
}

const PERMISSIONS: Record<Role, Omit<Auth, 'role' | 'keyId'>> = {
  admin: { canWrite: true, canReadPii: true },
  service: { canWrite: true, canReadPii: false },
  analyst: { canWrite: false, canReadPii: false },
};

/**
 * API keys come from `Authorization: Bearer <key>` or `x-api-key`. With no API_KEYS configured
 * (local development) every caller is admin; main.ts logs a warning when that is so outside
 * development.
 */
export function authForRole(role: Role, keyId = 'local'): Auth {
  return { role, ...PERMISSIONS[role], keyId };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

interface KeyEntry {
  hash: Buffer;
  role: Role;
  id: string;
}

/** Configured keys by their hashes, built once per config. */
const keyTables = new WeakMap<Config['auth'], KeyEntry[]>();

function keyTable(config: Config['auth']): KeyEntry[] {
  let table = keyTables.get(config);
  if (!table) {
    table = [...(config.apiKeys ?? [])].map(([key, role]) => {
      const hash = sha256(key);
      return { hash, role, id: hash.toString('hex').slice(0, 12) };
    });
    keyTables.set(config, table);
  }
  return table;
}

/**
 * The caller's role from its key. Keys are compared as SHA-256 hashes with timingSafeEqual,
 * against every configured key whatever matches first, so response times say nothing about
 * how much of a guess was right (a map lookup compares strings and stops at the first
 * difference).
 */
export function authenticate(config: Config['auth'], header: (name: string) => string | undefined): Auth {
  if (config.apiKeys === null) return authForRole('admin');
  const bearer = /^Bearer\s+(.+)$/i.exec(header('authorization') ?? '')?.[1];
  const key = bearer ?? header('x-api-key');
  if (!key) throw new UnauthenticatedError('An API key is required: send `Authorization: Bearer <key>`.');
  const presented = sha256(key.trim());
  let found: KeyEntry | null = null;
  for (const entry of keyTable(config)) {
    if (timingSafeEqual(entry.hash, presented) && found === null) found = entry;
  }
  if (!found) throw new UnauthenticatedError('The API key is not recognised.');
  return authForRole(found.role, found.id);
}

export function requireWrite(auth: Auth): void {
  if (!auth.canWrite) throw new ForbiddenError(`The role "${auth.role}" may not change data.`);
}

/** j***@example.com — keeps the domain (useful for analysis), hides the person. */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * Free text (a review) with the e-mail addresses and phone-like numbers in it masked, for roles
 * that may not read PII: people write their contact details into reviews.
 */
export function maskPiiInText(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (email) => maskEmail(email.replace('＠', '@')) ?? '***').replace(PHONE_IN_TEXT, (phone) => maskPhoneInText(phone));
}

/**
 * Addresses in any script (jöhn.müller@exämple.de, 用户@例子.中国): letters, marks and digits of
 * every language, and the full-width ＠ that Chinese and Japanese keyboards type.
 */
const EMAIL_IN_TEXT = /[\p{L}\p{M}\p{N}._%+-]+[@＠][\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+/gu;
/**
 * Phone-like runs: digits of any script (full-width ０-９ included; \d is ASCII only) with the
 * separators people type between them: spaces, dots, dashes, slashes (+44/7911/123456),
 * brackets, and their full-width forms.
 */
const PHONE_IN_TEXT = /[+＋]?\p{Nd}[\p{Nd}\s()（）.．/／\-－‐‑–]{6,}\p{Nd}/gu;

/** 2026-05-20 is a date people write into reviews, not a phone number. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A phone found in text, masked on its digits (any script read as 0-9). */
function maskPhoneInText(phone: string): string {
  if (ISO_DATE.test(phone)) return phone;
  const digits = phone.normalize('NFKC').replace(/[^\p{Nd}+]/gu, '');
  return maskPhone(digits) ?? '***';
}

/** Identity values are personal data (a cookie, a device, a hash of an e-mail): ****1a2b keeps the last 4 characters. */
export function maskIdentity(value: string): string {
  return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
}

/** +33******89 — keeps the country prefix and the last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length <= 5) return '***';
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 5)}${phone.slice(-2)}`;
}
