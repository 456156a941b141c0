/**
 * The channel senders this process can use, from configuration: one per CAMPAIGN_WEBHOOKS
 * target (webhook:<name>). Without CAMPAIGN_WEBHOOK_SECRET no webhook is sent: an unsigned
 * body could not be told from a forged one.
 */
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { ChannelSender } from './delivery.js';
import { webhookSender } from './webhook.js';

export function campaignSenders(config: Config['campaigns']): Record<string, ChannelSender> {
  const webhooks = Object.entries(config.webhooks);
  const secret = config.webhookSecret;
  if (webhooks.length > 0 && !secret) {
    // Refused before anything is sent, so no batch lands in the dead letters for a setting.
    throw new AppError('CAMPAIGN_WEBHOOK_SECRET is not set: webhook bodies are signed with it, so no webhook can be delivered.', 'BAD_USER_INPUT');
  }
  return Object.fromEntries(webhooks.map(([name, url]) => [`webhook:${name}`, webhookSender({ url, secret: secret as string })]));
}
