/**
 * Erasure reaches past the user's own node: a marketer may have typed the person's e-mail or
 * phone into a saved rule (`EMAIL in [...]`), a snapshot keeps that rule in its settings, and a
 * segment's name or a tag's description is free text. Forgetting the user replaces those
 * values with ERASED, in the transaction that removes the contact details from the user (so an
 * interrupted erasure never leaves them behind: re-run, it finds nothing more to do).
 */
import type { Integer, ManagedTransaction } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';

/** What stands where an erased contact detail was: matches no e-mail or phone a user can have. */
export const ERASED = '[erased]';

const erasureQueries = {
  savedTextNaming: cypher<
    {
      segments: { id: string; name: string | null; rule: string | null; settings: string | null }[];
      tags: { name: string; rule: string; description: string | null }[];
    },
    { needles: string[] }
  >('profiles/saved-text-naming'),
  rewriteSavedText: cypher<
    { rewritten: Integer },
    {
      segments: { id: string; name: string | null; rule: string | null; settings: string | null }[];
      tags: { name: string; rule: string; description: string | null }[];
    }
  >('profiles/rewrite-saved-text'),
};

const digits = (text: string) => text.replace(/\D/g, '');
/** Phones compare by their digits ("+44 7911 123456" is "+447911123456"); short runs are not phones. */
const MIN_PHONE_DIGITS = 6;

/** A matcher for the erased values: e-mails by case-insensitive equality, phones by their digits. */
function erasedValue(email: string | null, phone: string | null): (value: string) => boolean {
  const mail = email?.trim().toLowerCase() ?? null;
  const phoneDigits = phone ? digits(phone) : null;
  return (value) =>
    (mail !== null && value.trim().toLowerCase() === mail) ||
    (phoneDigits !== null && phoneDigits.length >= MIN_PHONE_DIGITS && /^[\d\s+().\-/]+$/.test(value) && digits(value) === phoneDigits);
}

/** JSON text with every string value that is an erased value replaced; null: nothing changed. */
export function scrubJson(json: string | null, erased: (value: string) => boolean): string | null {
  if (json === null) return null;
  let changed = false;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string' && erased(value)) {
      changed = true;
      return ERASED;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    return value;
  };
  const scrubbed = JSON.stringify(walk(JSON.parse(json)));
  return changed ? scrubbed : null;
}

/** Free text with the e-mail (any case) and the phone (as written there) replaced; null: not in it. */
export function scrubText(text: string | null, email: string | null, phone: string | null): string | null {
  if (text === null) return null;
  let scrubbed = text;
  if (email) scrubbed = scrubbed.replace(new RegExp(email.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ERASED);
  if (phone && digits(phone).length >= MIN_PHONE_DIGITS) {
    scrubbed = scrubbed.replace(/\+?\d[\d\s().\-/]{4,}\d/g, (run) => (digits(run) === digits(phone) ? ERASED : run));
  }
  return scrubbed === text ? null : scrubbed;
}

/** Replaces a user's e-mail and phone in saved segments and rule tags, inside the erasure's transaction; returns how many were rewritten. */
export async function scrubContactDetails(db: Db, tx: ManagedTransaction, email: string | null, phone: string | null): Promise<number> {
  const needles = [...(email ? [email.trim().toLowerCase()] : []), ...(phone && digits(phone).length >= MIN_PHONE_DIGITS ? [digits(phone).slice(-4)] : [])];
  if (needles.length === 0) return 0;
  const [found] = await db.run(tx, erasureQueries.savedTextNaming, { needles });
  const erased = erasedValue(email, phone);
  const segments = (found?.segments ?? []).flatMap((segment) => {
    const rule = scrubJson(segment.rule, erased);
    const settings = scrubJson(segment.settings, erased);
    const name = scrubText(segment.name, email, phone);
    return rule || settings || name ? [{ id: segment.id, rule: rule ?? segment.rule, settings: settings ?? segment.settings, name: name ?? segment.name }] : [];
  });
  const tags = (found?.tags ?? []).flatMap((tag) => {
    const rule = scrubJson(tag.rule, erased);
    const description = scrubText(tag.description, email, phone);
    return rule || description ? [{ name: tag.name, rule: rule ?? tag.rule, description: description ?? tag.description }] : [];
  });
  if (segments.length === 0 && tags.length === 0) return 0;
  await db.run(tx, erasureQueries.rewriteSavedText, { segments, tags });
  return segments.length + tags.length;
}
