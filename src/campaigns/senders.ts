/**
 * The channels arms may name and their senders, from configuration only (a request names a
 * channel, never an address): webhook:<name> for each CAMPAIGN_WEBHOOKS target, kafka:<topic>
 * for each CAMPAIGN_KAFKA_TOPICS topic on the streams' broker, and file:google, file:meta,
 * file:ids into CAMPAIGN_EXPORT_DIR. What a webhook's or topic's members carry besides their
 * ids is CAMPAIGN_PAYLOAD_FIELDS (payload.ts). Without CAMPAIGN_WEBHOOK_SECRET no webhook is sent: an
 * unsigned body could not be told from a forged one.
 */
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { ChannelSender } from './delivery.js';
import { FILE_FORMATS, fileSender } from './file-channel.js';
import { kafkaSender } from './kafka-channel.js';
import { DEFAULT_RETRY, webhookSender } from './webhook.js';

const NO_SECRET = 'CAMPAIGN_WEBHOOK_SECRET is not set: webhook bodies are signed with it, so no webhook can be delivered.';

export function campaignChannels(config: Pick<Config['campaigns'], 'webhooks' | 'kafkaTopics'>): string[] {
  return [
    ...Object.keys(config.webhooks).map((name) => `webhook:${name}`),
    ...config.kafkaTopics.map((topic) => `kafka:${topic}`),
    ...FILE_FORMATS.map((format) => `file:${format}`),
  ];
}

/** Without its secret a webhook cannot sign: the delivery refuses it before sending anything (delivery.ts checkSenders), so no batch lands in the dead letters for a setting. */
const unsignable: ChannelSender = Object.assign(
  async () => {
    throw new AppError(NO_SECRET, 'BAD_USER_INPUT');
  },
  { unavailable: NO_SECRET },
);

export function campaignSenders(config: Config['campaigns'], kafkaBrokers: readonly string[]): Record<string, ChannelSender> {
  const secret = config.webhookSecret;
  return Object.fromEntries([
    ...Object.entries(config.webhooks).map(([name, url]): [string, ChannelSender] => {
      const channel = `webhook:${name}`;
      return [channel, secret ? webhookSender({ url, secret }, DEFAULT_RETRY, config.payloadFields[channel] ?? []) : unsignable];
    }),
    ...config.kafkaTopics.map((topic): [string, ChannelSender] => {
      const channel = `kafka:${topic}`;
      return [channel, kafkaSender(kafkaBrokers, topic, config.payloadFields[channel] ?? [])];
    }),
    ...FILE_FORMATS.map((format): [string, ChannelSender] => [`file:${format}`, fileSender(config.exportDir, format)]),
  ]);
}

/** Releases what the senders hold (Kafka producers), once a delivery is over. */
export async function closeSenders(senders: Readonly<Record<string, ChannelSender>>): Promise<void> {
  await Promise.all(Object.values(senders).map((sender) => sender.close?.()));
}
