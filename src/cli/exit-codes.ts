/** 0 ok, 1 failure, 2 usage error, 3 finished but some input rows were rejected. */
export const EXIT_CODES = { ok: 0, failure: 1, usage: 2, rejected: 3 } as const;
