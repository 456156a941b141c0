import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the local Neo4j on loopback', () => {
    const config = loadConfig({});
    expect(config.neo4j.uri).toBe('bolt://127.0.0.1:7687');
    expect(config.localNeo4j?.instance).toBe('dev');
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 4000 });
    expect(config.http.corsOrigins).toContain('http://localhost:4000');
    expect(config.introspection).toBe(true);
  });

  it('asks for readable logs in development only, unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}).log.pretty).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).log.pretty).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_NO_API_KEYS: 'true' }).log.pretty).toBe(false);
    expect(loadConfig({ LOG_FORMAT: 'json' }).log.pretty).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_NO_API_KEYS: 'true', LOG_FORMAT: 'pretty' }).log.pretty).toBe(true);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigError);
  });

  it('gives a vanished Kafka consumer 30 s to come back before its partitions move, 6 s at the least', () => {
    expect(loadConfig({}).kafka.sessionTimeoutMs).toBe(30_000);
    expect(loadConfig({ KAFKA_SESSION_TIMEOUT_SECONDS: '8' }).kafka.sessionTimeoutMs).toBe(8_000);
    expect(() => loadConfig({ KAFKA_SESSION_TIMEOUT_SECONDS: '5' })).toThrow(ConfigError);
  });

  it('uses NEO4J_URI and credentials when given, and no local server', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://x.databases.neo4j.io', NEO4J_USER: 'me', NEO4J_PASSWORD: 'long-enough' });
    expect(config.localNeo4j).toBeNull();
    expect(config.neo4j).toMatchObject({ uri: 'neo4j+s://x.databases.neo4j.io', username: 'me', password: 'long-enough' });
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', NEO4J_URI: 'http://nope', API_KEYS: 'short:admin' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('NEO4J_URI');
      expect(message).toContain('API_KEYS');
    }
  });

  it('keeps the event log 400 days unless told, never less than propensity reads', () => {
    expect(loadConfig({}).analytics.eventLogRetentionDays).toBe(400);
    expect(loadConfig({ EVENT_LOG_RETENTION_DAYS: '0' }).analytics.eventLogRetentionDays).toBe(0);
    expect(() => loadConfig({ EVENT_LOG_RETENTION_DAYS: '30' })).toThrow(/EVENT_LOG_RETENTION_DAYS.*120 to 36500/s);
  });

  it('samples KOL sets past their certificate to a 4 M-member floor unless told', () => {
    expect(loadConfig({}).analytics.kolSampleFloor).toBe(4_000_000);
    expect(loadConfig({ KOL_SAMPLE_FLOOR: '100000' }).analytics.kolSampleFloor).toBe(100_000);
    expect(() => loadConfig({ KOL_SAMPLE_FLOOR: '-1' })).toThrow(/KOL_SAMPLE_FLOOR/);
  });

  it('parses API keys into roles', () => {
    const config = loadConfig({ API_KEYS: 'aaaaaaaaaaaaaaaa:admin, bbbbbbbbbbbbbbbb:analyst' });
    expect(config.auth.apiKeys?.get('bbbbbbbbbbbbbbbb')).toBe('analyst');
  });
});

describe('loadConfig in production', () => {
  it('refuses to start without API_KEYS unless told to accept it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/API_KEYS: required in production/);
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_NO_API_KEYS: 'true' }).auth.apiKeys).toBeNull();
  });

  it('turns introspection off by default', () => {
    const keys = { API_KEYS: 'aaaaaaaaaaaaaaaa:admin' };
    expect(loadConfig({ NODE_ENV: 'production', ...keys }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true', ...keys }).introspection).toBe(true);
  });
});
