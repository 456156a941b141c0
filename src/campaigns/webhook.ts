/**
 * Sending one batch of a campaign to a webhook target: an HTTP POST of JSON, signed, retried.
 *
 * - Signature: `X-Profile-Graph-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 *   with the configured secret, as Stripe signs its webhooks: the receiver recomputes it, and
 *   the timestamp inside the MAC lets it refuse replays older than its tolerance.
 * - Idempotency: every member in the body carries `idempotencyKey` (campaign:arm:user) and the
 *   batch an `Idempotency-Key` header; a batch re-sent after a crash is dropped by the receiver.
 * - Retries: network errors, timeouts, 408, 429 and 5xx are retried with exponential backoff
 *   and full jitter (a uniform delay up to base · 2^attempt, capped; "Exponential Backoff And
 *   Jitter", AWS Architecture Blog, 2015), so many senders retrying do not hit the receiver in
 *   step. Other 4xx answers are permanent: retrying cannot fix them.
 */
import { createHmac } from 'node:crypto';
import type { ChannelSender, DeliveryBatch } from './delivery.js';
import { memberMessage } from './payload.js';
import type { ContactField } from '../config.js';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 30_000, timeoutMs: 10_000 };

/** A batch the target did not accept: after every attempt (`permanent` false) or at once (a 4xx). */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export const SIGNATURE_HEADER = 'X-Profile-Graph-Signature';

/** The signature header's value for a body sent at `timestampSeconds`. */
export function signBody(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * POSTs `body` until the target answers 2xx; returns the attempts it took. `sleep` and
 * `random` are injectable so tests do not wait.
 */
export async function postSigned(
  target: WebhookTarget,
  body: string,
  idempotencyKey: string,
  policy: RetryPolicy = DEFAULT_RETRY,
  io: { sleep?: (ms: number) => Promise<void>; random?: () => number; now?: () => number } = {},
): Promise<number> {
  const sleep = io.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = io.random ?? Math.random;
  const now = io.now ?? Date.now;
  let lastProblem = '';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          [SIGNATURE_HEADER]: signBody(target.secret, Math.floor(now() / 1000), body),
        },
        body,
        signal: AbortSignal.timeout(policy.timeoutMs),
        redirect: 'error', // a redirect could point anywhere: the allow-list names the URL itself
      });
      await response.body?.cancel();
      if (response.ok) return attempt;
      lastProblem = `HTTP ${response.status}`;
      if (!retryable(response.status)) throw new WebhookDeliveryError(`the target refused the batch: ${lastProblem}`, attempt, true);
    } catch (error) {
      if (error instanceof WebhookDeliveryError) throw error;
      lastProblem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (attempt < policy.maxAttempts) await sleep(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
  }
  throw new WebhookDeliveryError(`no answer accepted the batch after ${policy.maxAttempts} attempts (last: ${lastProblem})`, policy.maxAttempts, false);
}

/** A channel sender that POSTs each batch to `target` as JSON, signed and retried; members carry `contactFields`. */
export function webhookSender(target: WebhookTarget, policy: RetryPolicy = DEFAULT_RETRY, contactFields: readonly ContactField[] = []): ChannelSender {
  const send = async (batch: DeliveryBatch) => {
    const body = JSON.stringify({ campaignId: batch.campaignId, arm: batch.arm, template: batch.template, members: batch.members.map(memberMessage) });
    const first = batch.members[0]?.userId ?? '';
    const last = batch.members[batch.members.length - 1]?.userId ?? '';
    await postSigned(target, body, `${batch.campaignId}:${batch.arm}:${first}..${last}`, policy);
  };
  return Object.assign(send, { contactFields });
}
