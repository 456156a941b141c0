/**
 * The JSON an event message carries: one `recordEvents` EventInput (schema/activity.graphql),
 * so a producer that already calls the mutation can put the same object on the topic. `at` is
 * an ISO 8601 instant or epoch milliseconds. The message key is the producer's choice of
 * partitioning key (the user id, or the identity value it knows): one user's events then stay
 * in order on one partition. It is not read here; the value says whose event it is.
 */
import { z } from 'zod';
import type { ActivityEvent } from '../activity/index.js';
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH, maxLengthOf } from '../input-lengths.js';

/** A message of more than this is refused unread (a recordEvents event is a few hundred bytes). */
export const MAX_EVENT_MESSAGE_BYTES = 64 * 1024;

const id = z.string().min(1).max(MAX_ID_LENGTH);

const EventMessage = z
  .object({
    userId: id.nullish(),
    identities: z
      .array(
        z
          .object({
            type: z.string().min(1).max(64),
            value: z.string().min(1).max(MAX_TEXT_LENGTH),
            namespace: z.string().max(MAX_ID_LENGTH).nullish(),
          })
          .strict(),
      )
      .max(20)
      .nullish(),
    productId: id,
    kind: z.enum(['PURCHASE', 'VIEW', 'RATE', 'REVIEW']),
    at: z.union([z.number().int().nonnegative(), z.string().datetime({ offset: true })]).transform((value) => new Date(value)),
    quantity: z.number().int().positive().nullish(),
    amount: z.number().nonnegative().finite().nullish(),
    score: z.number().int().nullish(),
    text: z.string().min(1).max(maxLengthOf('text')).nullish(),
  })
  .strict();

export type ParsedEventMessage = { ok: true; event: ActivityEvent } | { ok: false; reason: string };

/** Parses one message value; the reason names fields, never their values (they may be PII). */
export function parseEventMessage(value: Buffer | null | undefined): ParsedEventMessage {
  if (!value || value.length === 0) return { ok: false, reason: 'empty message' };
  if (value.length > MAX_EVENT_MESSAGE_BYTES) return { ok: false, reason: `message of ${value.length} bytes; at most ${MAX_EVENT_MESSAGE_BYTES} are read` };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = EventMessage.safeParse(json);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ') };
  }
  const { userId, identities, ...rest } = parsed.data;
  return { ok: true, event: { ...rest, userId: userId ?? null, identities: identities ?? null } };
}
