/**
 * The Kafka channel (kafka:<topic>): one message per member on the streams' broker, keyed by its
 * idempotency key (campaign:arm:user), so a consumer drops a message it has seen by its key
 * and a compacted topic keeps one per member; the value is the member's JSON (campaign, arm,
 * template, user id, key). The producer waits for every in-sync replica (acks -1) and is
 * idempotent, so its own retries do not duplicate; a page sent again after a crash is dropped
 * by key, as webhook receivers do. A batch the broker keeps refusing becomes a dead letter.
 */
import { Admin, Producer } from '@platformatic/kafka';
import type { ChannelSender, DeliveryBatch } from './delivery.js';
import type { ContactField } from '../config.js';
import { memberMessage } from './payload.js';

/** Members carry `contactFields` (CAMPAIGN_PAYLOAD_FIELDS; payload.ts). */
export function kafkaSender(brokers: readonly string[], topic: string, contactFields: readonly ContactField[] = []): ChannelSender {
  let producer: Producer | null = null;
  let ready: Promise<void> | null = null;
  const start = async () => {
    // On a managed cluster topics are made by their owners; on the local broker, here.
    const admin = new Admin({ clientId: 'profile-graph-campaign-topics', bootstrapBrokers: [...brokers] });
    try {
      if (!(await admin.listTopics()).includes(topic)) await admin.createTopics({ topics: [topic], partitions: -1, replicas: -1 });
    } catch {
      // Not allowed to list or create: sending tells whether the topic is there.
    } finally {
      await admin.close();
    }
    producer = new Producer({ clientId: 'profile-graph-campaigns', bootstrapBrokers: [...brokers], acks: -1, idempotent: true, retries: 10, retryDelay: 300 });
  };
  const send = async (batch: DeliveryBatch) => {
    ready ??= start();
    await ready;
    try {
      await (producer as Producer).send({
        messages: batch.members.map((member) => ({
          topic,
          key: Buffer.from(member.idempotencyKey),
          value: Buffer.from(JSON.stringify({ campaignId: batch.campaignId, arm: batch.arm, template: batch.template, ...memberMessage(member) })),
        })),
      });
    } catch (error) {
      // The client's AggregateError says only "Producing messages failed": keep the causes on the dead letter.
      const causes = error instanceof AggregateError ? error.errors.map((cause: unknown) => (cause instanceof Error ? cause.message : String(cause))) : [];
      throw new Error(
        `Kafka refused the batch for topic ${topic}: ${error instanceof Error ? error.message : String(error)}${causes.length > 0 ? ` (${causes.join('; ')})` : ''}`,
        {
          cause: error,
        },
      );
    }
  };
  return Object.assign(send, {
    contactFields,
    close: async () => {
      if (producer) await (producer as Producer).close();
    },
  });
}
