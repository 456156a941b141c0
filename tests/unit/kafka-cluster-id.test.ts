import { describe, expect, it } from 'vitest';
import { kafkaClusterId } from '../../src/local-kafka/server.js';

describe('kafkaClusterId', () => {
  // One random 16-byte id in 64 starts with "-", which kafka-storage's parser reads as an option.
  it('is 16 bytes of URL-safe base64 and never starts with "-" (10,000 draws)', () => {
    const ids = Array.from({ length: 10_000 }, () => kafkaClusterId());
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
