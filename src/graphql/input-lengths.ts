/**
 * Refuses over-long text anywhere in a request before any resolver runs: every string in the
 * operation's arguments, inline or in variables, is checked against the limit for the name of
 * the argument or input field that carries it (input-lengths.ts). Name-based, so it needs no
 * schema walk and covers reads and writes alike.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ValueNode } from 'graphql';
import type { RequestContext } from './request-context.js';
import { lengthProblem } from '../input-lengths.js';

function refuse(problem: string): never {
  throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** Checks a variable's JSON value: each string under the key (or list) that holds it. */
function checkJson(name: string, value: unknown): void {
  if (typeof value === 'string') {
    const problem = lengthProblem(name, value);
    if (problem) refuse(problem);
  } else if (Array.isArray(value)) {
    for (const item of value) checkJson(name, item);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkJson(key, item);
  }
}

function checkLiteral(name: string, node: ValueNode, variables: Record<string, unknown>): void {
  switch (node.kind) {
    case Kind.STRING:
      checkJson(name, node.value);
      break;
    case Kind.LIST:
      for (const item of node.values) checkLiteral(name, item, variables);
      break;
    case Kind.OBJECT:
      for (const field of node.fields) checkLiteral(field.name.value, field.value, variables);
      break;
    case Kind.VARIABLE:
      checkJson(name, variables[node.name.value]);
      break;
    default:
      break;
  }
}

export function inputLengthsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          visit(operation, {
            Argument(node) {
              checkLiteral(node.name.value, node.value, variables);
              return false; // its value was walked here
            },
          });
        },
      };
    },
  };
}
