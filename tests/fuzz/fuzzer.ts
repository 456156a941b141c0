/**
 * A seeded, schema-driven fuzzer for the HTTP API (issue 12): random operations built from the
 * schema's own introspection, the same operations mutated at the byte level, and injection
 * strings in every argument. It only talks to a server on loopback that the caller started
 * over a database the caller created. Used by `npm run fuzz` (thousands of requests) and by a
 * test in `npm test` (a few hundred).
 *
 * What every response must satisfy: JSON with `errors[].extensions.code` on every error, never
 * INTERNAL_SERVER_ERROR (an unexplained failure is a bug), never a stack trace or a file path,
 * and no e-mail or phone of a real user in a response to a role that must not see PII.
 */
import { createRandom, pick, randomInt, type Random } from '../../src/lib/random.js';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
}
interface Field {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
interface FullType {
  kind: string;
  name: string;
  fields: Field[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}

const INTROSPECTION = `{ __schema { queryType { name } mutationType { name } types { kind name
  fields { name args { name type { ...T } } type { ...T } }
  inputFields { name type { ...T } }
  enumValues { name } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

/** Strings an attacker tries: Cypher and JSON injection, control characters, odd Unicode, lengths around the limits. */
export const INJECTIONS: readonly string[] = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '`) DETACH DELETE n //',
  '$where',
  '{"$gt": ""}',
  '\\u0000',
  '\u0000\u0001\u001f',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '😀👩‍👩‍👧‍👦',
  '\uD800',
  ' ',
  '',
  'x'.repeat(201),
  'x'.repeat(2_001),
  '9'.repeat(40),
  'null',
  'NaN',
  '-1',
  'bm90LWEtY3Vyc29y',
  'cHVyY2hhc2U6WyJub3QtYS1kYXRlIiwicDAxIl0',
];

const INTS = [-2_147_483_648, -1, 0, 1, 2, 5, 10, 20, 100, 101, 10_000, 10_001, 2_147_483_647];
const FLOATS = [-1, 0, 0.5, 1, 10, 1e308, -0.0001];

export interface FuzzTarget {
  url: string;
  /** API keys by role; `analyst` must never see PII. */
  keys: { admin: string; analyst: string };
  /** Ids that exist, so some requests reach real data (segments: a RULE segment and one that refers to it). */
  ids: { users: string[]; products: string[]; interests: string[]; segments: string[] };
  /** E-mails and phones stored in the graph: none may appear in an analyst's response. */
  pii: string[];
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  /** Requests whose response broke a rule, with why (empty when all is well). */
  failures: { request: string; reason: string; response: string }[];
  seconds: number;
}

export interface FuzzOptions {
  seed: number;
  requests: number;
  /** Requests sent at once. */
  concurrency?: number;
  /** Only operations that cannot write: queries, and mutations sent with the analyst key (FORBIDDEN). */
  readOnly?: boolean;
  /** Share of requests from the targeted families (deep rules, segment references, identity streams); default 0.2. */
  targetedShare?: number;
  onProgress?: (done: number) => void;
}

/** Shared identifiers a household or a shop kiosk sends with several customers' events. */
const SHARED_IDENTITIES = [
  { type: 'COOKIE_ID', value: 'family-tablet' },
  { type: 'COOKIE_ID', value: 'kiosk' },
  { type: 'DEVICE_ID', value: 'shared-phone' },
  { type: 'ACCOUNT_ID', value: 'acct-fuzz-1' },
  { type: 'EMAIL', value: 'shared@example.com' },
];
/** Nesting depths around the limits: rules (8), request input (40), and far past them. */
const RULE_DEPTHS = [1, 7, 8, 9, 20, 41, 300, 5_000];

/**
 * Requests aimed at the surfaces issue 43 hardened, beside the schema-random ones: rules nested
 * to and far past every limit (a 10,000-deep rule was an HTTP 500), references between saved
 * segments (cycles, deletes of referenced segments, dangling ids), and event streams whose
 * shared cookies and devices once merged different customers.
 */
function targetedOperation(
  random: Random,
  ids: FuzzTarget['ids'],
): { query: string; variables: Record<string, unknown>; writes: boolean; variablesJson?: string } {
  const segmentId = () => (ids.segments.length > 0 && random() < 0.8 ? pick(random, ids.segments) : pick(random, INJECTIONS));
  switch (randomInt(random, 0, 2)) {
    case 0: {
      const leaf = random() < 0.2 ? { attribute: { attribute: 'EMAIL', equals: 'a@example.com' } } : { segment: { segmentId: segmentId() } };
      // Written as text: JSON.stringify itself overflows the stack on the deepest ones.
      let opened = '';
      let closed = '';
      for (let depth = pick(random, RULE_DEPTHS); depth > 1; depth -= 1) {
        const and = random() < 0.5;
        opened += and ? '{"and":[' : '{"not":';
        closed = (and ? ']}' : '}') + closed;
      }
      return {
        query: 'query ($r: SegmentRuleInput!) { previewSegment(rule: $r) { size withoutMarketingConsent } }',
        variables: {},
        variablesJson: `{"r":${opened}${JSON.stringify(leaf)}${closed}}`,
        writes: false,
      };
    }
    case 1: {
      const id = segmentId();
      const other = segmentId();
      return pick(random, [
        {
          query: 'mutation ($id: ID!, $r: SegmentRuleInput) { updateSegment(id: $id, rule: $r) { id rule } }',
          variables: { id, r: { segment: { segmentId: other } } },
          writes: true,
        },
        { query: 'mutation ($id: ID!) { deleteSegment(id: $id) }', variables: { id }, writes: true },
        {
          query: 'mutation ($r: SegmentRuleInput!) { createSegment(name: "fuzz", rule: $r) { id size } }',
          variables: { r: { or: [{ segment: { segmentId: id } }, { segment: { segmentId: other } }] } },
          writes: true,
        },
        { query: '{ segments(first: 50) { nodes { id size rule settings } } tagDefinitions { name rule holders } }', variables: {}, writes: false },
      ]);
    }
    default: {
      const events = Array.from({ length: randomInt(random, 1, 10) }, (_, index) => ({
        ...(random() < 0.7 ? { userId: pick(random, ids.users) } : {}),
        identities: Array.from({ length: randomInt(random, random() < 0.7 ? 1 : 0, 3) }, () => pick(random, SHARED_IDENTITIES)),
        productId: pick(random, ids.products),
        kind: pick(random, ['VIEW', 'PURCHASE', 'REVIEW']),
        at: new Date(Date.UTC(2026, 4, 1) + randomInt(random, 0, 30 * 24) * 3_600_000 + index).toISOString(),
      })).map((event) => (event.kind === 'REVIEW' ? { ...event, text: pick(random, ['Fine.', '\u200b', 'call +44/7911/123456', '很好']) } : event));
      return {
        query: 'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied merges { survivorId mergedId } refusedMerges { reason } } }',
        variables: { e: events },
        writes: true,
      };
    }
  }
}

const unwrap = (type: TypeRef): TypeRef => (type.ofType && (type.kind === 'NON_NULL' || type.kind === 'LIST') ? unwrap(type.ofType) : type);

class OperationBuilder {
  private readonly types: Map<string, FullType>;

  constructor(
    schema: { types: FullType[] },
    private readonly random: Random,
    private readonly ids: FuzzTarget['ids'],
    /** Root fields never sent (mergeUsers in write runs: the audit after them counts every merge of known users as an event's). */
    private readonly skipped: readonly string[] = [],
  ) {
    this.types = new Map(schema.types.map((type) => [type.name, type]));
  }

  /** A random operation on `root` (Query or Mutation), with some arguments as variables. */
  operation(root: 'Query' | 'Mutation'): { query: string; variables: Record<string, unknown> } {
    const fields = (this.types.get(root)?.fields ?? []).filter((field) => !this.skipped.includes(field.name));
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const selections = Array.from({ length: randomInt(this.random, 1, 2) }, (_, i) => {
      const field = pick(this.random, fields);
      return `f${i}: ${this.field(field, 0, variables, declarations)}`;
    });
    const keyword = root === 'Query' ? 'query' : 'mutation';
    return { query: `${keyword}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${selections.join(' ')} }`, variables };
  }

  private field(field: Field, depth: number, variables: Record<string, unknown>, declarations: string[]): string {
    const args = field.args
      .filter((arg) => arg.type.kind === 'NON_NULL' || this.random() < 0.5)
      .map((arg) => {
        const value = this.value(arg.type, arg.name, 0);
        if (this.random() < 0.4) {
          const name = `v${declarations.length}`;
          declarations.push(`$${name}: ${typeText(arg.type)}`);
          variables[name] = value;
          return `${arg.name}: $${name}`;
        }
        return `${arg.name}: ${literal(value, arg.type, this.types)}`;
      });
    const named = unwrap(field.type);
    const target = named.name ? this.types.get(named.name) : undefined;
    let selection = '';
    if (target && (target.kind === 'OBJECT' || target.kind === 'INTERFACE')) {
      const children = (target.fields ?? []).filter((child) => depth < 3 || isLeaf(child.type, this.types));
      // A type with no leaf fields (past depth 3) is selected by its __typename alone.
      const chosen = children.length === 0 ? [] : Array.from({ length: randomInt(this.random, 1, 4) }, () => pick(this.random, children));
      selection = ` { __typename ${[...new Set(chosen)].map((child) => this.field(child, depth + 1, variables, declarations)).join(' ')} }`;
    }
    return `${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection}`;
  }

  private value(type: TypeRef, name: string, depth: number): unknown {
    if (type.kind === 'NON_NULL' && type.ofType) return this.value(type.ofType, name, depth);
    if (this.random() < 0.05) return null;
    if (type.kind === 'LIST' && type.ofType) {
      return Array.from({ length: randomInt(this.random, 0, 3) }, () => this.value(type.ofType as TypeRef, name, depth + 1));
    }
    const named = this.types.get(type.name ?? '');
    if (!named) return null;
    if (named.kind === 'ENUM') return pick(this.random, named.enumValues ?? []).name;
    if (named.kind === 'INPUT_OBJECT') {
      if (depth > 3) return {};
      return Object.fromEntries(
        (named.inputFields ?? [])
          .filter((field) => field.type.kind === 'NON_NULL' || this.random() < 0.5)
          .map((field) => [field.name, this.value(field.type, field.name, depth + 1)]),
      );
    }
    switch (named.name) {
      case 'Int':
        return pick(this.random, INTS);
      case 'Float':
        return pick(this.random, FLOATS);
      case 'Boolean':
        return this.random() < 0.5;
      case 'ID':
      case 'String':
        return this.text(name);
      case 'DateTime':
        return pick(this.random, ['2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', 'not-a-date', '1970-01-01T00:00:00Z']);
      case 'EmailAddress':
        return pick(this.random, ['a@example.com', 'not-an-email', "x'@example.com"]);
      case 'PhoneNumber':
        return pick(this.random, ['+447900000001', '12', '+1 (555) 123']);
      default:
        return this.text(name);
    }
  }

  /** An existing id for id-like names half the time; otherwise an injection string. */
  private text(name: string): string {
    const lower = name.toLowerCase();
    if (this.random() < 0.5) {
      if (lower.includes('product')) return pick(this.random, this.ids.products);
      if (lower.includes('interest')) return pick(this.random, this.ids.interests);
      if (lower.includes('id')) return pick(this.random, this.ids.users);
    }
    return pick(this.random, INJECTIONS);
  }
}

function isLeaf(type: TypeRef, types: Map<string, FullType>): boolean {
  const named = types.get(unwrap(type).name ?? '');
  return named?.kind === 'SCALAR' || named?.kind === 'ENUM';
}

function typeText(type: TypeRef): string {
  if (type.kind === 'NON_NULL' && type.ofType) return `${typeText(type.ofType)}!`;
  if (type.kind === 'LIST' && type.ofType) return `[${typeText(type.ofType)}]`;
  return type.name ?? 'String';
}

/** A value as a GraphQL literal (enums bare, object keys unquoted). */
function literal(value: unknown, type: TypeRef, types: Map<string, FullType>): string {
  if (value === null || value === undefined) return 'null';
  const named = types.get(unwrap(type).name ?? '');
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, type.ofType ?? type, types)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = named?.inputFields ?? [];
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item, fields.find((f) => f.name === key)?.type ?? type, types)}`)
      .join(', ')} }`;
  }
  if (named?.kind === 'ENUM' && typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Byte-level damage to a valid request: what a broken client or a probe sends. */
function mutateText(random: Random, text: string): string {
  const at = randomInt(random, 0, Math.max(0, text.length - 1));
  switch (randomInt(random, 0, 4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + pick(random, ['{', '}', '(', ')', '"', '$', '@', '...', '#', '\\']) + text.slice(at);
    case 2:
      return text.slice(0, at);
    case 3:
      return text.slice(0, at) + pick(random, INJECTIONS) + text.slice(at);
    default:
      return text + text;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const STACK_TRACE = /\bat \S+ \(|node_modules|\.ts:\d+|\.js:\d+/;

export async function fetchSchema(target: FuzzTarget): Promise<{ types: FullType[] }> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.keys.admin}` },
    body: JSON.stringify({ query: INTROSPECTION }),
  });
  const body = (await response.json()) as { data?: { __schema: { types: FullType[] } }; errors?: unknown };
  if (!body.data) throw new Error(`introspection failed: ${JSON.stringify(body.errors)}`);
  return body.data.__schema;
}

export async function fuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> {
  const url = new URL(target.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`the fuzzer only talks to loopback servers; got ${url.hostname}`);
  const random = createRandom(options.seed);
  const builder = new OperationBuilder(await fetchSchema(target), random, target.ids, options.readOnly ? [] : ['mergeUsers']);
  const report: FuzzReport = { requests: 0, byStatus: {}, byCode: {}, failures: [], seconds: 0 };
  const started = Date.now();
  const pii = target.pii.filter((value) => value.length >= 6);

  // Requests are generated up front, in order, so a seed always gives the same list.
  const requests = Array.from({ length: options.requests }, () => {
    const targeted = random() < (options.targetedShare ?? 0.2);
    const mutation = !targeted && random() < 0.4;
    const operation: { query: string; variables: Record<string, unknown>; writes: boolean; variablesJson?: string } = targeted
      ? targetedOperation(random, target.ids)
      : { ...builder.operation(mutation ? 'Mutation' : 'Query'), writes: mutation };
    const role: 'admin' | 'analyst' = operation.writes && options.readOnly ? 'analyst' : random() < 0.5 ? 'analyst' : 'admin';
    const damaged = random() < 0.15;
    const text = `{"query":${JSON.stringify(operation.query)},"variables":${operation.variablesJson ?? JSON.stringify(operation.variables)}}`;
    const body = damaged ? mutateText(random, text) : text;
    return { body, role };
  });

  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as (typeof requests)[number];
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.keys[request.role]}` },
        body: request.body,
      });
      const text = await response.text();
      report.requests += 1;
      report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
      const fail = (reason: string) => report.failures.push({ request: request.body.slice(0, 2_000), reason, response: text.slice(0, 2_000) });
      const body = parseJson(text) as { errors?: { extensions?: { code?: string } }[] } | null;
      if (body === null) fail(`response is not JSON (HTTP ${response.status})`);
      for (const error of body?.errors ?? []) {
        const code = error.extensions?.code;
        report.byCode[code ?? '(none)'] = (report.byCode[code ?? '(none)'] ?? 0) + 1;
        if (!code) fail('an error without extensions.code');
        else if (code === 'INTERNAL_SERVER_ERROR') fail('INTERNAL_SERVER_ERROR');
      }
      if (response.status >= 500 && response.status !== 503) fail(`HTTP ${response.status}`);
      if (STACK_TRACE.test(text)) fail('a stack trace or file path in the response');
      if (request.role === 'analyst') {
        const leaked = pii.find((value) => text.includes(value));
        if (leaked) fail(`PII (${leaked}) in a response to the analyst role`);
      }
      options.onProgress?.(report.requests);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
