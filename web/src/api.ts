/**
 * The dashboard's one door to the API: POST /graphql on the same origin, the API key (if the
 * user gave one) from session storage, and every failure turned into an ApiError carrying the
 * server's `extensions.code`, so screens can show "BAD_USER_INPUT: size must be…" instead of
 * a stack trace or a blank panel.
 */
import type { TypedDocumentString } from './generated/operations.js';
import { currentLanguage } from './i18n.js';
const KEY_STORAGE = 'profile-graph.apiKey';

export class ApiError extends Error {
  constructor(
    message: string,
    /** The server's extensions.code, or NETWORK / HTTP_<status> when no GraphQL answer came back. */
    readonly code: string,
  ) {
    super(message);
  }
}

export function apiKey(): string {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key: string): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * `partial`: a list whose items may fail one by one (a segment's size when its rule names a
 * deleted segment) answers with data and an error per failed field; take the data, whose failed
 * fields are null, instead of failing the whole screen.
 */
export async function gql<T, V>(document: TypedDocumentString<T, V>, variables: V, options: { partial?: boolean } = {}): Promise<T> {
  const query = document.toString();
  // The API phrases reasons (lookalike, churn, recommendations) in the dashboard's language.
  const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': currentLanguage() };
  const key = apiKey();
  if (key) headers['x-api-key'] = key;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('The API cannot be reached. Is the server running?', 'NETWORK');
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The API answered ${response.status} without JSON.`, `HTTP_${response.status}`);
  }
  const first = body.errors?.[0];
  if (first && !(options.partial && body.data)) throw new ApiError(first.message, first.extensions?.code ?? `HTTP_${response.status}`);
  if (!body.data) throw new ApiError(`The API answered ${response.status} without data.`, `HTTP_${response.status}`);
  return body.data;
}

/** A file the browser downloads, built here (exports never go through a server-side file). */
export function download(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
