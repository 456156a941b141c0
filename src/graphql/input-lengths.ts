/**
 * Refuses over-long text anywhere in a request before any resolver runs: every string in the
 * operation's arguments, inline or in variables, is checked against the limit for the name of
 * the argument or input field that carries it (input-lengths.ts). Name-based, so it needs no
 * schema walk and covers reads and writes alike.
 *
 * It also refuses input nested deeper than MAX_INPUT_DEPTH, checked before each step down: a
 * rule nested 10,000 deep overflowed the stack here (HTTP 500), and graphql-js coerces
 * variables recursively too, after this check.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ArgumentNode, type DocumentNode, type ValueNode } from 'graphql';
import type { RequestContext } from './request-context.js';
import { lengthProblem } from '../input-lengths.js';

/**
 * Lists and objects inside one argument, at most. The deepest input the schema means is a
 * segment rule 8 levels deep (RULE_LIMITS.maxDepth), two levels of JSON per rule level plus its
 * leaf: about 20. Anything past this is not a rule anyone wrote.
 */
export const MAX_INPUT_DEPTH = 40;

function refuse(problem: string): never {
  throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** `argument`: the top-level argument being walked (the key at this depth would be `not` or `and`). */
function checkDepth(argument: string, depth: number): void {
  if (depth > MAX_INPUT_DEPTH) {
    throw new GraphQLError(`The argument "${argument}" nests more than ${MAX_INPUT_DEPTH} lists and objects deep; at most ${MAX_INPUT_DEPTH} are allowed.`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, maxDepth: MAX_INPUT_DEPTH },
    });
  }
}

/** Checks a variable's JSON value: each string under the key (or list) that holds it. */
function checkJson(name: string, value: unknown, depth: number, argument: string): void {
  if (typeof value === 'string') {
    const problem = lengthProblem(name, value);
    if (problem) refuse(problem);
  } else if (Array.isArray(value)) {
    checkDepth(argument, depth + 1);
    for (const item of value) checkJson(name, item, depth + 1, argument);
  } else if (value !== null && typeof value === 'object') {
    checkDepth(argument, depth + 1);
    for (const [key, item] of Object.entries(value)) checkJson(key, item, depth + 1, argument);
  }
}

function checkLiteral(name: string, node: ValueNode, variables: Record<string, unknown>, depth: number, argument: string): void {
  switch (node.kind) {
    case Kind.STRING:
      checkJson(name, node.value, depth, argument);
      break;
    case Kind.LIST:
      checkDepth(argument, depth + 1);
      for (const item of node.values) checkLiteral(name, item, variables, depth + 1, argument);
      break;
    case Kind.OBJECT:
      checkDepth(argument, depth + 1);
      for (const field of node.fields) checkLiteral(field.name.value, field.value, variables, depth + 1, argument);
      break;
    case Kind.VARIABLE:
      checkJson(name, variables[node.name.value], depth, argument);
      break;
    default:
      break;
  }
}

const argumentsByDocument = new WeakMap<DocumentNode, readonly ArgumentNode[]>();

/**
 * Every argument written in a document: its operations and its fragments (walking the operation
 * alone let a 5 MB name through `...F` with the argument in fragment F). Kept per parsed
 * document, which Apollo's document store reuses for the same query text, so a request walks
 * its arguments instead of the whole tree (20 µs of a community page's CPU, bench:peer).
 */
function argumentsOf(document: DocumentNode): readonly ArgumentNode[] {
  let found = argumentsByDocument.get(document);
  if (!found) {
    const collected: ArgumentNode[] = [];
    visit(document, {
      Argument(node) {
        collected.push(node);
        return false; // its value is walked per request, with the request's variables
      },
    });
    found = collected;
    argumentsByDocument.set(document, found);
  }
  return found;
}

export function inputLengthsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const variables = request.variables ?? {};
          for (const argument of argumentsOf(document)) checkLiteral(argument.name.value, argument.value, variables, 0, argument.name.value);
        },
      };
    },
  };
}
