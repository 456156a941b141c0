/**
 * Identities: the keys a person shows up under in other systems (a hashed e-mail from an ad
 * platform, an app device, a web cookie, a shop account), each stored once as
 * `(:Identity {key, type, value, namespace})` and linked to one user.
 *
 * Raw e-mails and phones never become identities: they are normalised (e-mail trimmed and
 * lower-cased, phone to E.164) and hashed with SHA-256 first, the form ad platforms match on,
 * so an EMAIL given here and an EMAIL_SHA256 from a platform are the same identity. The raw
 * value stays only in the user's PII fields (`email`, `phone`).
 */
import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { BadInputError } from '../errors.js';

/** The types stored on `(:Identity)`. */
export const IDENTITY_TYPES = ['EMAIL_SHA256', 'PHONE_SHA256', 'DEVICE_ID', 'COOKIE_ID', 'ACCOUNT_ID', 'EXTERNAL_ID'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];
/** What callers may send: the stored types, or a raw EMAIL / PHONE that is hashed on arrival. */
export const IDENTITY_INPUT_TYPES = ['EMAIL', 'PHONE', ...IDENTITY_TYPES] as const;
export type IdentityInputType = (typeof IDENTITY_INPUT_TYPES)[number];

export interface IdentityInput {
  type: IdentityInputType;
  value: string;
  /** EXTERNAL_ID only (required there): whose id it is, e.g. "crm" or "zendesk". */
  namespace?: string | null;
}

export interface Identity {
  /** Unique per identity: `TYPE:value`, or `EXTERNAL_ID:namespace:value`. */
  key: string;
  type: IdentityType;
  value: string;
  namespace: string | null;
}

/**
 * Which identity speaks for a person when an event's identities point at several users: the
 * first type here wins (an account is a login; a cookie may be a shared browser).
 */
export const IDENTITY_PRIORITY: readonly IdentityType[] = ['ACCOUNT_ID', 'EMAIL_SHA256', 'PHONE_SHA256', 'EXTERNAL_ID', 'DEVICE_ID', 'COOKIE_ID'];

const MAX_VALUE_LENGTH = 256;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const NAMESPACE = /^[A-Za-z0-9_.-]{1,64}$/;

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** The e-mail as ad platforms hash it: trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The phone in E.164 (`+442079460018`), or null when it is not a valid number. */
export function toE164(phone: string, defaultCountry: CountryCode | null): string | null {
  const parsed = parsePhoneNumberFromString(phone.trim(), defaultCountry ?? undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * An input identity as stored: raw e-mails and phones normalised and hashed, hashes
 * lower-cased, ids trimmed. Throws BAD_USER_INPUT naming `path` and why.
 */
export function toIdentity(input: IdentityInput, path: string, defaultCountry: CountryCode | null): Identity {
  const fail = (reason: string): never => {
    throw new BadInputError(`Invalid identity at ${path}: ${reason}.`, { argument: 'identities', path });
  };
  const raw = input.value.trim();
  if (raw.length === 0) fail('the value is empty');
  if (raw.length > MAX_VALUE_LENGTH) fail(`the value is longer than ${MAX_VALUE_LENGTH} characters`);
  if (input.type !== 'EXTERNAL_ID' && input.namespace != null) fail(`only EXTERNAL_ID takes a namespace`);
  switch (input.type) {
    case 'EMAIL': {
      const email = normaliseEmail(raw);
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) fail('not an e-mail address');
      return identity('EMAIL_SHA256', sha256Hex(email), null);
    }
    case 'PHONE': {
      const e164 = toE164(raw, defaultCountry);
      if (e164 === null) fail(`not a valid phone number${defaultCountry ? '' : ' (give it with its country code, e.g. +44…)'}`);
      return identity('PHONE_SHA256', sha256Hex(e164 as string), null);
    }
    case 'EMAIL_SHA256':
    case 'PHONE_SHA256': {
      const hash = raw.toLowerCase();
      if (!SHA256_HEX.test(hash)) fail(`${input.type} is 64 hexadecimal characters (SHA-256)`);
      return identity(input.type, hash, null);
    }
    case 'EXTERNAL_ID': {
      const namespace = input.namespace?.trim() ?? '';
      if (!NAMESPACE.test(namespace)) fail('EXTERNAL_ID needs a namespace of 1-64 letters, digits, "_", "." or "-"');
      return identity('EXTERNAL_ID', raw, namespace);
    }
    default:
      return identity(input.type, raw, null);
  }
}

function identity(type: IdentityType, value: string, namespace: string | null): Identity {
  return { key: namespace === null ? `${type}:${value}` : `${type}:${namespace}:${value}`, type, value, namespace };
}
