/**
 * What a request may cost, computed with the request's own variables and the schema's
 * defaults (graphql-query-complexity), before any resolver runs; and how many expensive
 * operations one API key may have running at once.
 *
 * graphql-armor's cost rule is a validation rule: it sees the document but not the variables,
 * so `users(first: $n) { … following(first: $n) … }` was costed as if every list held one
 * item (issue 12: 172 s and 4.5 GB of server memory for a query the same rule refused with
 * literals). Here the cost is computed in `didResolveOperation`, where the variables are known.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ArgumentNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { RequestContext } from './request-context.js';
import { fieldsOf } from './selected-fields.js';

/**
 * Fields whose own work is far above one row, in cost units (a plain field is 1). A lookalike
 * reads the seed's whole neighbourhood (seconds of database time); kolSet samples cascades;
 * runAnalytics starts a job over the whole graph; similarUsers is a one-user lookalike and
 * recommendations a multi-hop read, per user they are asked for. previewSegment evaluates a
 * rule over every user; so does each part of a portrait,
 * and defineTag evaluates its rule for everyone before it returns.
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  'Query.lookalike': 5_000,
  'Mutation.saveLookalikeSegment': 5_000,
  'Mutation.runAnalytics': 10_000,
  'Query.kolSet': 2_000,
  'Query.previewSegment': 1_000,
  'Query.portrait': 1_000,
  'Segment.portrait': 1_000,
  'Community.portrait': 1_000,
  'LookalikeAudience.portrait': 1_000,
  'SegmentPreview.portrait': 1_000,
  'Portrait.compare': 1_000,
  'Mutation.defineTag': 2_000,
  'User.similarUsers': 200,
  'Segment.export': 100,
  'User.recommendations': 50,
};

/** Operations that select any of these count against the caller's concurrent expensive operations. */
const EXPENSIVE_FIELDS = new Set([
  'Query.lookalike',
  'Mutation.saveLookalikeSegment',
  'Mutation.runAnalytics',
  'Query.kolSet',
  'Query.previewSegment',
  'Query.portrait',
  'Mutation.defineTag',
]);

/** Fields returning one page of `first` text lines (not `first` objects with their own fields). */
const LINE_PAGES = new Set(['Segment.export']);

/** How many items a list without a `first` argument is assumed to hold. */
const UNPAGED_LIST_ITEMS = 10;

/**
 * A field costs its weight plus its children times the items it returns: `first` (the
 * request's value, or the schema default), `k` for kolSet; lists without `first` count as
 * UNPAGED_LIST_ITEMS. Fields of a connection (`edges`, `nodes`) are already multiplied by the
 * connection's `first`, so they add nothing of their own.
 */
export const fieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const name = `${type.name}.${field.name}`;
  const weight = FIELD_WEIGHTS[name] ?? 1;
  // A page of flat lines: one unit per line, whatever is selected beside them.
  if (LINE_PAGES.has(name)) return weight + (typeof args['first'] === 'number' ? args['first'] : 0);
  if (childComplexity === 0) return weight;
  if (type.name.endsWith('Connection')) return childComplexity;
  const first = typeof args['first'] === 'number' ? args['first'] : typeof args['k'] === 'number' ? args['k'] : null;
  const items = first ?? (String(field.type).includes('[') ? UNPAGED_LIST_ITEMS : 1);
  return weight + Math.max(1, items) * childComplexity;
};

export interface CostLimits {
  /** Highest cost one operation may have. */
  maxCost: number;
  /** Expensive operations (EXPENSIVE_FIELDS) one API key may have running at once, per process. */
  maxExpensivePerKey: number;
}

/** Expensive operations running, per API key. Per process: each replica enforces its own share. */
class ExpensiveSlots {
  private readonly running = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `key`, or returns false when its slots are all taken. */
  take(key: string): boolean {
    const now = this.running.get(key) ?? 0;
    if (now >= this.max) return false;
    this.running.set(key, now + 1);
    return true;
  }

  give(key: string): void {
    const now = (this.running.get(key) ?? 1) - 1;
    if (now <= 0) this.running.delete(key);
    else this.running.set(key, now);
  }
}

function selectsExpensiveField(fieldNames: readonly string[]): boolean {
  return fieldNames.some((name) => EXPENSIVE_FIELDS.has(name));
}

/**
 * The root fields an operation selects, as `Query.x` / `Mutation.y`, fragments spread in: a
 * root field written inside `...F` is as expensive as one written inline.
 */
function rootFields(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const root = operation.operation === 'mutation' ? 'Mutation' : 'Query';
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fieldsOf(operation.selectionSet, { fragments }).map((field) => `${root}.${field.name.value}`);
}

/** Arguments whose values the cost reads (fieldCost), and directives that drop fields from it. */
const COST_ARGUMENTS = new Set(['first', 'k']);
const COST_DIRECTIVES = new Set(['include', 'skip']);
/** Costs kept per document: beyond this many variable values, the oldest half is dropped. */
const COSTS_PER_DOCUMENT = 256;

/**
 * Costs already computed, so that a page asked for by a thousand different ids is costed once
 * (the walk was 5.5% of the server's CPU on the profile page). The key is the parsed document
 * (Apollo's document store hands back the same one for the same text), the operation, and the
 * values of the variables the cost depends on: those given to `first` or `k` and to
 * @include/@skip. Only costs within the limit are kept: a request over it is costed again, so
 * it fails as it did before (a variable that does not coerce still reaches execution's
 * BAD_USER_INPUT first).
 */
export class CostCache {
  private readonly documents = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();

  constructor(private readonly maxCost: number) {}

  cost(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>, compute: () => number): number {
    let entry = this.documents.get(document);
    if (entry === undefined) {
      entry = { variables: costVariables(document), costs: new Map() };
      this.documents.set(document, entry);
    }
    const key = JSON.stringify([operationName ?? null, ...entry.variables.map((name) => variables[name] ?? null)]);
    const known = entry.costs.get(key);
    if (known !== undefined) return known;
    const cost = compute();
    if (cost <= this.maxCost) {
      if (entry.costs.size >= COSTS_PER_DOCUMENT) for (const old of [...entry.costs.keys()].slice(0, COSTS_PER_DOCUMENT / 2)) entry.costs.delete(old);
      entry.costs.set(key, cost);
    }
    return cost;
  }
}

/** The variables a document passes to cost arguments or to @include/@skip, sorted. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const add = (argument: ArgumentNode) => {
    if (argument.value.kind === 'Variable') names.add(argument.value.name.value);
  };
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) if (COST_ARGUMENTS.has(argument.name.value)) add(argument);
    },
    Directive(directive) {
      if (COST_DIRECTIVES.has(directive.name.value)) for (const argument of directive.arguments ?? []) add(argument);
    },
  });
  return [...names].sort();
}

export function costPlugin(limits: CostLimits): ApolloServerPlugin<RequestContext> {
  const slots = new ExpensiveSlots(limits.maxExpensivePerKey);
  const costs = new CostCache(limits.maxCost);
  return {
    async requestDidStart() {
      let heldBy: string | null = null;
      return {
        async didResolveOperation({ request, document, schema, operation, contextValue }) {
          let cost: number;
          const variables = request.variables ?? {};
          const operationName = request.operationName ?? undefined;
          try {
            cost = costs.cost(document, operationName, variables, () =>
              getComplexity({ schema, query: document, variables, operationName, estimators: [fieldCost] }),
            );
          } catch {
            return; // variables that do not coerce: execution reports them as BAD_USER_INPUT
          }
          if (cost > limits.maxCost) {
            throw new GraphQLError(
              `The query would cost ${Math.round(cost).toLocaleString('en-US')}, over the limit of ${limits.maxCost.toLocaleString('en-US')}: ask for smaller pages (first) or fewer nested lists.`,
              { extensions: { code: 'COST_LIMIT_EXCEEDED', cost, maxCost: limits.maxCost, http: { status: 400 } } },
            );
          }
          if (operation && selectsExpensiveField(rootFields(operation, document))) {
            const key = contextValue.auth.keyId;
            if (!slots.take(key)) {
              throw new GraphQLError(
                `This API key already has ${limits.maxExpensivePerKey} expensive operations (lookalike, saveLookalikeSegment, kolSet, runAnalytics, previewSegment, portrait, defineTag) running: wait for one to finish.`,
                { extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429 } } },
              );
            }
            heldBy = key;
          }
        },
        async willSendResponse() {
          if (heldBy !== null) slots.give(heldBy);
          heldBy = null;
        },
      };
    },
  };
}
