import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from './api.js';
import type { TypedDocumentString } from './generated/operations.js';
import { currentLanguage } from './i18n.js';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a query when `variables` change (compared as JSON) and keeps the last answer while the
 * next loads, so panels do not flash empty. `skip` holds it back until its inputs are ready.
 * The query is a document generated from the screen's .graphql file (npm run codegen): its
 * data and variables are typed from the schema.
 */
export function useQuery<T, V>(query: TypedDocumentString<T, V>, variables: V = {} as V, skip = false, options: { partial?: boolean } = {}): QueryState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: !skip });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  // Asked again in the other language: the API phrases its reasons in the one the request names.
  const language = currentLanguage();
  const latest = useRef(0);
  useEffect(() => {
    if (skip) return;
    const call = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    gql(query, JSON.parse(key) as V, options).then(
      (data) => call === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) => call === latest.current && setState((previous) => ({ data: previous.data, error: asApiError(error), loading: false })),
    );
  }, [query, key, skip, tick, options.partial, language]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(error instanceof Error ? error.message : String(error), 'CLIENT');
}

/** A mutation (or a query run on demand): `run` resolves to the data, or null with `error` set. */
export function useMutation<T, V>(query: TypedDocumentString<T, V>) {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; running: boolean }>({ data: null, error: null, running: false });
  const run = useCallback(
    async (variables: V): Promise<T | null> => {
      setState((previous) => ({ ...previous, running: true, error: null }));
      try {
        const data = await gql(query, variables);
        setState({ data, error: null, running: false });
        return data;
      } catch (error) {
        setState({ data: null, error: asApiError(error), running: false });
        return null;
      }
    },
    [query],
  );
  return { ...state, run };
}

/** `value`, once it has stopped changing for `ms` (live previews ask once the user pauses). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
