/**
 * Orders ids by UTF-16 code units, as Neo4j orders strings. Not localeCompare, whose order
 * depends on the ICU data of the process: two replicas could break the same tie differently,
 * and a tie broken in JS would disagree with the same tie broken by `ORDER BY u.id`.
 */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
