import { decodeCursor, encodeCursor, isString } from '../graphql/pagination.js';
import type { User } from './types.js';

/** Every list of users is ordered by user id, so one cursor kind serves them all. */
export const userCursor = (user: User): string => encodeCursor('user', user.id);
export const afterUserId = (after: string | null | undefined): string | null => (after ? decodeCursor('user', after, isString) : null);
