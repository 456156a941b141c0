import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/** The package root: src/ and dist/ both sit one level below it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Roles that an API key can carry (README.md, Configuration: API_KEYS). */
export const ROLES = ['admin', 'service', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** What a campaign member's message may carry besides its ids (CAMPAIGN_PAYLOAD_FIELDS; src/campaigns/payload.ts). */
export const CONTACT_FIELDS = ['emailSha256', 'phoneSha256', 'email', 'phone'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

const booleanFromEnv = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');

const memorySize = z.string().regex(/^\d+[kmg]$/i, 'a size such as 512m or 4g');

const apiKeys = z.string().transform((value, ctx) => {
  const keys = new Map<string, Role>();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [key, role] = entry.split(':');
    if (!key || key.length < 16 || !role || !(ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({
        code: 'custom',
        message: `each entry must be KEY:ROLE with a key of 16+ characters and a role in ${ROLES.join('|')}`,
      });
      return z.NEVER;
    }
    keys.set(key, role as Role);
  }
  return keys;
});

const IDENTITY_TYPE_NAMES = ['EMAIL_SHA256', 'PHONE_SHA256', 'DEVICE_ID', 'COOKIE_ID', 'ACCOUNT_ID', 'EXTERNAL_ID'] as const;
type IdentityTypeName = (typeof IDENTITY_TYPE_NAMES)[number];
const isIdentityType = (value: string): value is IdentityTypeName => (IDENTITY_TYPE_NAMES as readonly string[]).includes(value);

/** "ACCOUNT_ID,EMAIL_SHA256": identity types whose presence in an event allows a merge. Never COOKIE_ID. */
const mergeOn = z.string().transform((value, ctx) => {
  const types = value
    .split(',')
    .map((part) => part.trim().toUpperCase())
    .filter(Boolean);
  const unknown = types.filter((type) => !isIdentityType(type));
  if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown identity types ${unknown.join(', ')}; use ${IDENTITY_TYPE_NAMES.join('|')}` });
  if (types.includes('COOKIE_ID'))
    ctx.addIssue({ code: 'custom', message: 'COOKIE_ID cannot merge users: browsers are shared (never merge on a cookie alone)' });
  return new Set(types.filter(isIdentityType));
});

/** "ACCOUNT_ID:1,COOKIE_ID:50": per-type limits of identities per user, over the defaults. */
const identityLimits = z.string().transform((value, ctx) => {
  const limits: Partial<Record<IdentityTypeName, number>> = {};
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [type, count] = entry.split(':').map((part) => part.trim());
    const limit = Number(count);
    if (!type || !isIdentityType(type.toUpperCase()) || !Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      ctx.addIssue({
        code: 'custom',
        message: `each entry must be TYPE:N with TYPE in ${IDENTITY_TYPE_NAMES.join('|')} and N from 1 to 10000; got "${entry}"`,
      });
      return z.NEVER;
    }
    limits[type.toUpperCase() as IdentityTypeName] = limit;
  }
  return limits;
});

/**
 * A JSON object from one variable (`{"key": value}`), every entry checked by `valid`; absent or
 * blank: {}. Errors name the expected shape, or the first entry that breaks the rule.
 */
function jsonMapFromEnv<V>(valid: (key: string, value: unknown) => boolean, words: { shape: string; rule: string }) {
  return z
    .string()
    .optional()
    .transform((text, context): Record<string, V> => {
      if (text === undefined || text.trim() === '') return {};
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        context.addIssue({ code: 'custom', message: `must be a JSON object of ${words.shape}` });
        return z.NEVER;
      }
      const entries = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : null;
      const bad = entries?.find(([key, value]) => !valid(key, value));
      if (!entries || bad) {
        context.addIssue({ code: 'custom', message: `${words.rule}${bad ? `; "${bad[0]}" does not` : ''}` });
        return z.NEVER;
      }
      return Object.fromEntries(entries) as Record<string, V>;
    });
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Absent: the project starts (and owns) its local Neo4j from the Maven Central cache.
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'a neo4j:// or bolt:// URI')
    .optional(),
  NEO4J_USERNAME: z.string().min(1).optional(),
  NEO4J_USER: z.string().min(1).optional(), // accepted as an alias: docker images use NEO4J_USER
  NEO4J_PASSWORD: z.string().min(8).optional(),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_LOCAL_DIR: z.string().min(1).optional(),
  NEO4J_LOCAL_INSTANCE: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('dev'),
  NEO4J_LOCAL_BOLT_PORT: z.coerce.number().int().min(1024).max(65_535).default(7687),
  NEO4J_LOCAL_HEAP: memorySize.default('2g'),
  NEO4J_LOCAL_PAGECACHE: memorySize.default('2g'),
  NEO4J_LOCAL_GDS: booleanFromEnv.default(true),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(4000),
  // The dashboard's built files (npm run build); DASHBOARD=false serves GraphQL only.
  WEB_ROOT: z.string().min(1).optional(),
  DASHBOARD: booleanFromEnv.default(true),
  // Browser origins allowed to call the API (comma-separated, exact). Default: this machine's.
  CORS_ORIGINS: z.string().optional(),
  // k-anonymity of group portraits: a bucket of fewer users is suppressed (docs/API.md#portraits).
  PORTRAIT_MIN_BUCKET_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(10),
  // Previews and portraits of rules over more consenting users than SAMPLE_ABOVE_USERS read a
  // uniform sample of SAMPLE_USERS and say their counts are estimates (src/segments/sampling.ts); 0: always exact.
  SAMPLE_ABOVE_USERS: z.coerce.number().int().min(0).max(1_000_000_000).default(200_000),
  SAMPLE_USERS: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
  // A users(filter) totalCount of 10,000 or more is kept this long per filter (src/lib/count-cache.ts); 0: never.
  USERS_COUNT_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(30),
  // Campaigns (docs/API.md#campaigns). Webhook targets by name, as JSON ({"crm": "https://…"}):
  // arms name them (webhook:crm), never a URL, so a request cannot make the server call anywhere.
  CAMPAIGN_WEBHOOKS: jsonMapFromEnv<string>(
    (name, url) => /^[a-z0-9][a-z0-9_-]{0,39}$/i.test(name) && typeof url === 'string' && /^https?:\/\/[^\s]+$/.test(url),
    { shape: 'name → http(s) URL, e.g. {"crm": "https://crm.example/hooks"}', rule: 'must map names (letters, digits, - and _) to http(s) URLs' },
  ),
  // The key webhook bodies are signed with (HMAC-SHA256; src/campaigns/webhook.ts). Required to deliver to a webhook.
  CAMPAIGN_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  // Kafka topics arms may name (kafka:<topic>), comma-separated, on the streams' broker (KAFKA_BROKERS or the local one).
  CAMPAIGN_KAFKA_TOPICS: z
    .string()
    .optional()
    .transform((text, context) => {
      const topics = (text ?? '')
        .split(',')
        .map((topic) => topic.trim())
        .filter((topic) => topic !== '');
      const bad = topics.find((topic) => !/^[a-zA-Z0-9._-]{1,249}$/.test(topic));
      if (bad !== undefined) {
        context.addIssue({ code: 'custom', message: `must be Kafka topic names (letters, digits, '.', '_' and '-'), comma-separated; "${bad}" is not` });
        return z.NEVER;
      }
      return [...new Set(topics)];
    }),
  // Cost per contact by channel, as JSON ({"kafka:offers": 0.002}): results by channel then show spend and return on it.
  CAMPAIGN_CHANNEL_COSTS: jsonMapFromEnv<number>(
    (channel, cost) => /^(webhook|kafka|file):.+$/.test(channel) && typeof cost === 'number' && Number.isFinite(cost) && cost >= 0,
    { shape: 'channel → cost per contact, e.g. {"webhook:crm": 0.01}', rule: 'must map channels (webhook:…, kafka:…, file:…) to costs ≥ 0' },
  ),
  // What members carry on a webhook or Kafka channel besides their ids, as JSON
  // ({"webhook:crm": ["email", "phoneSha256"]}): emailSha256, phoneSha256, email, phone. E-mail and
  // phone go in clear only when an admin delivers, masked otherwise (src/campaigns/payload.ts). Default: ids only.
  CAMPAIGN_PAYLOAD_FIELDS: jsonMapFromEnv<ContactField[]>(
    (channel, fields) =>
      /^(webhook|kafka):.+$/.test(channel) && Array.isArray(fields) && fields.every((field) => (CONTACT_FIELDS as readonly unknown[]).includes(field)),
    {
      shape: 'channel → contact fields, e.g. {"webhook:crm": ["email", "phoneSha256"]}',
      rule: `must map webhook:… and kafka:… channels to lists of ${CONTACT_FIELDS.join(', ')}`,
    },
  ),
  // Where the file channels (file:google, file:meta, file:ids) write: a folder per campaign.
  CAMPAIGN_EXPORT_DIR: z.string().min(1).optional(),
  // The frequency cap: at most CAMPAIGN_CAP_CONTACTS contacts per user in CAMPAIGN_CAP_DAYS days, across campaigns.
  CAMPAIGN_CAP_CONTACTS: z.coerce.number().int().min(1).max(1_000).default(3),
  CAMPAIGN_CAP_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // Identity resolution (docs/API.md#identities): unknown identities create anonymous users;
  // events linking users merge them only through these types; per-type limits per user.
  IDENTITY_CREATE_USERS: booleanFromEnv.default(true),
  IDENTITY_MERGE_ON: mergeOn.optional(),
  IDENTITY_LIMITS: identityLimits.optional(),
  // ISO 3166 country assumed for phone numbers without a +country code (e.g. GB); unset: required.
  PHONE_DEFAULT_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166 country code such as GB')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: readable lines on a terminal in development, one JSON object a line everywhere else.
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  ANALYTICS_BACKEND: z.enum(['auto', 'gds', 'inprocess']).default('auto'),
  ANALYTICS_JOB_STALE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  ANALYTICS_TX_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  // Reverse-reachable set members each KOL-set sample holds at least (src/influence/ris.ts).
  KOL_SAMPLE_FLOOR: z.coerce.number().int().min(0).max(150_000_000).default(4_000_000),
  // Event log entries older than this are deleted by each TAGS job (src/activity/event-log-retention.ts).
  EVENT_LOG_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .refine((days) => days === 0 || (days >= 120 && days <= 36_500), '0 (keep everything) or 120 to 36500 days: purchase propensity reads the last 104')
    .default(400),
  IMPORT_RUN_STALE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  QUERY_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  QUERY_MAX_ALIASES: z.coerce.number().int().positive().default(30),
  QUERY_MAX_COST: z.coerce.number().int().min(100).default(20_000),
  MAX_EXPENSIVE_PER_KEY: z.coerce.number().int().min(1).max(100).default(2),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(5_000),
  API_KEYS: apiKeys.optional(),
  // Production refuses to start without API_KEYS (every caller would be admin) unless this is set.
  ALLOW_NO_API_KEYS: booleanFromEnv.default(false),
  // Schema introspection; default: on in development and test, off in production.
  INTROSPECTION: booleanFromEnv.optional(),
  // Event streams (docs/STREAMS.md). Absent KAFKA_BROKERS: the project's own local broker.
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'comma-separated host:port pairs')
    .optional(),
  KAFKA_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'a Kafka topic name (letters, digits, . _ -)')
    .default('events'),
  KAFKA_GROUP_ID: z.string().min(1).max(200).default('profile-graph'),
  // How long a consumer that stopped without leaving (kill -9, a lost host) keeps its partitions
  // before the group hands them to the others. Brokers refuse under 6 s by default.
  KAFKA_SESSION_TIMEOUT_SECONDS: z.coerce.number().int().min(6).max(300).default(30),
  KAFKA_LOCAL_DIR: z.string().min(1).optional(),
  KAFKA_LOCAL_INSTANCE: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('dev'),
  KAFKA_LOCAL_PORT: z.coerce.number().int().min(1024).max(65_534).default(9092),
  KAFKA_LOCAL_HEAP: memorySize.default('512m'),
  KAFKA_LOCAL_PARTITIONS: z.coerce.number().int().min(1).max(64).default(4),
  // Run the stream consumer inside the API process (one per replica; the group shares partitions).
  STREAM_CONSUMER: booleanFromEnv.default(false),
  DEMO_SEED: booleanFromEnv.default(true),
  DEMO_USERS: z.coerce.number().int().min(10).max(100_000).default(400),
  // The demo graph's names, places and interests: en-GB, or zh-CN (Chinese names, provinces, +86 numbers).
  DEMO_LOCALE: z.enum(['en-GB', 'zh-CN']).default('en-GB'),
  // Run every analysis once, in the background, right after seeding the demo graph (src/analytics/first-run.ts).
  DEMO_ANALYTICS: booleanFromEnv.default(true),
});

export type Config = ReturnType<typeof loadConfig>;

/** The default password of the project's own loopback-only Neo4j. */
export const LOCAL_NEO4J_PASSWORD = 'profile-graph-local';

/** Pure: give it an env object, get a typed config or a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv) {
  // Empty strings mean "unset" (docker compose and CI often pass VAR= ).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.API_KEYS === undefined && !e.ALLOW_NO_API_KEYS) {
    throw new ConfigError(
      'Invalid configuration:\n  API_KEYS: required in production (without it every caller is admin and reads PII); set key:role pairs, or ALLOW_NO_API_KEYS=true to accept that',
    );
  }
  const local = e.NEO4J_URI === undefined;
  return Object.freeze({
    env: e.NODE_ENV,
    neo4j: Object.freeze({
      uri: e.NEO4J_URI ?? `bolt://127.0.0.1:${e.NEO4J_LOCAL_BOLT_PORT}`,
      username: e.NEO4J_USERNAME ?? e.NEO4J_USER ?? 'neo4j',
      password: e.NEO4J_PASSWORD ?? LOCAL_NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
    }),
    /** null when NEO4J_URI points at a server someone else runs. */
    localNeo4j: local
      ? Object.freeze({
          dir: path.resolve(e.NEO4J_LOCAL_DIR ?? path.join(PROJECT_ROOT, '.neo4j')),
          instance: e.NEO4J_LOCAL_INSTANCE,
          boltPort: e.NEO4J_LOCAL_BOLT_PORT,
          heap: e.NEO4J_LOCAL_HEAP,
          pageCache: e.NEO4J_LOCAL_PAGECACHE,
          withGds: e.NEO4J_LOCAL_GDS,
        })
      : null,
    http: Object.freeze({
      host: e.HOST,
      port: e.PORT,
      corsOrigins: Object.freeze(
        e.CORS_ORIGINS !== undefined
          ? e.CORS_ORIGINS.split(',')
              .map((origin) => origin.trim())
              .filter(Boolean)
          : ['localhost', '127.0.0.1', '[::1]'].flatMap((host) => [`http://${host}:${e.PORT}`, `http://${host}:5173`]),
      ),
    }),
    web: Object.freeze({ root: e.DASHBOARD ? path.resolve(e.WEB_ROOT ?? path.join(PROJECT_ROOT, 'dist', 'web')) : null }),
    log: Object.freeze({ level: e.LOG_LEVEL, pretty: e.LOG_FORMAT === 'pretty' || (e.LOG_FORMAT === 'auto' && e.NODE_ENV === 'development') }),
    analytics: Object.freeze({
      backend: e.ANALYTICS_BACKEND,
      jobStaleAfterMs: e.ANALYTICS_JOB_STALE_SECONDS * 1000,
      txTimeoutMs: e.ANALYTICS_TX_TIMEOUT_SECONDS * 1000,
      eventLogRetentionDays: e.EVENT_LOG_RETENTION_DAYS,
      kolSampleFloor: e.KOL_SAMPLE_FLOOR,
    }),
    ingest: Object.freeze({ runStaleAfterMs: e.IMPORT_RUN_STALE_SECONDS * 1000 }),
    limits: Object.freeze({
      maxDepth: e.QUERY_MAX_DEPTH,
      maxAliases: e.QUERY_MAX_ALIASES,
      maxCost: e.QUERY_MAX_COST,
      maxExpensivePerKey: e.MAX_EXPENSIVE_PER_KEY,
      maxPageSize: e.MAX_PAGE_SIZE,
      maxBatchSize: e.MAX_BATCH_SIZE,
    }),
    auth: Object.freeze({ apiKeys: e.API_KEYS ?? null }),
    portraits: Object.freeze({ minBucketSize: e.PORTRAIT_MIN_BUCKET_SIZE }),
    profiles: Object.freeze({ countCacheMs: e.USERS_COUNT_CACHE_SECONDS * 1000 }),
    sampling: Object.freeze({ aboveUsers: e.SAMPLE_ABOVE_USERS, sampleUsers: e.SAMPLE_USERS }),
    campaigns: Object.freeze({
      webhooks: Object.freeze(e.CAMPAIGN_WEBHOOKS),
      webhookSecret: e.CAMPAIGN_WEBHOOK_SECRET ?? null,
      kafkaTopics: Object.freeze(e.CAMPAIGN_KAFKA_TOPICS),
      channelCosts: Object.freeze(e.CAMPAIGN_CHANNEL_COSTS),
      payloadFields: Object.freeze(e.CAMPAIGN_PAYLOAD_FIELDS),
      exportDir: path.resolve(e.CAMPAIGN_EXPORT_DIR ?? path.join(PROJECT_ROOT, 'exports', 'campaigns')),
      frequencyCap: Object.freeze({ contacts: e.CAMPAIGN_CAP_CONTACTS, days: e.CAMPAIGN_CAP_DAYS }),
    }),
    identities: Object.freeze({
      createUsers: e.IDENTITY_CREATE_USERS,
      mergeOn: e.IDENTITY_MERGE_ON ?? new Set<IdentityTypeName>(['ACCOUNT_ID', 'EMAIL_SHA256']),
      limits: e.IDENTITY_LIMITS ?? {},
      defaultCountry: e.PHONE_DEFAULT_COUNTRY ?? null,
    }),
    introspection: e.INTROSPECTION ?? e.NODE_ENV !== 'production',
    kafka: Object.freeze({
      brokers: Object.freeze(e.KAFKA_BROKERS?.split(',') ?? [`127.0.0.1:${e.KAFKA_LOCAL_PORT}`]),
      topic: e.KAFKA_TOPIC,
      groupId: e.KAFKA_GROUP_ID,
      sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_SECONDS * 1000,
      consumeInApi: e.STREAM_CONSUMER,
    }),
    /** null when KAFKA_BROKERS points at a cluster someone else runs. */
    localKafka:
      e.KAFKA_BROKERS === undefined
        ? Object.freeze({
            dir: path.resolve(e.KAFKA_LOCAL_DIR ?? path.join(PROJECT_ROOT, '.kafka')),
            instance: e.KAFKA_LOCAL_INSTANCE,
            port: e.KAFKA_LOCAL_PORT,
            heap: e.KAFKA_LOCAL_HEAP,
            partitions: e.KAFKA_LOCAL_PARTITIONS,
          })
        : null,
    demo: Object.freeze({ seed: e.DEMO_SEED, users: e.DEMO_USERS, locale: e.DEMO_LOCALE, analytics: e.DEMO_ANALYTICS }),
  });
}

export type LocalNeo4jConfig = NonNullable<Config['localNeo4j']>;
export type LocalKafkaConfig = NonNullable<Config['localKafka']>;
