/**
 * The channels arms may name and their senders, from configuration only (a request names a
 * channel, never an address): webhook:<name> for each CAMPAIGN_WEBHOOKS target, kafka:<topic>
 * for each CAMPAIGN_KAFKA_TOPICS topic on the streams' broker, and file:google, file:meta,
 * file:ids into CAMPAIGN_EXPORT_DIR. Without CAMPAIGN_WEBHOOK_SECRET no webhook is sent: an
 * unsigned body could not be told from a forged one.
 */
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { ChannelSender } from './delivery.js';
import { FILE_FORMATS, fileSender } from './file-channel.js';
import { kafkaSender } from './kafka-channel.js';
import { webhookSender } from './webhook.js';

export function campaignChannels(config: Pick<Config['campaigns'], 'webhooks' | 'kafkaTopics'>): string[] {
  return [
    ...Object.keys(config.webhooks).map((name) => `webhook:${name}`),
    ...config.kafkaTopics.map((topic) => `kafka:${topic}`),
    ...FILE_FORMATS.map((format) => `file:${format}`),
  ];
}

export function campaignSenders(config: Config['campaigns'], kafkaBrokers: readonly string[]): Record<string, ChannelSender> {
  const webhooks = Object.entries(config.webhooks);
  const secret = config.webhookSecret;
  if (webhooks.length > 0 && !secret) {
    // Refused before anything is sent, so no batch lands in the dead letters for a setting.
    throw new AppError('CAMPAIGN_WEBHOOK_SECRET is not set: webhook bodies are signed with it, so no webhook can be delivered.', 'BAD_USER_INPUT');
  }
  return Object.fromEntries([
    ...webhooks.map(([name, url]): [string, ChannelSender] => [`webhook:${name}`, webhookSender({ url, secret: secret as string })]),
    ...config.kafkaTopics.map((topic): [string, ChannelSender] => [`kafka:${topic}`, kafkaSender(kafkaBrokers, topic)]),
    ...FILE_FORMATS.map((format): [string, ChannelSender] => [`file:${format}`, fileSender(config.exportDir, format)]),
  ]);
}

/** Releases what the senders hold (Kafka producers), once a delivery is over. */
export async function closeSenders(senders: Readonly<Record<string, ChannelSender>>): Promise<void> {
  await Promise.all(Object.values(senders).map((sender) => sender.close?.()));
}
