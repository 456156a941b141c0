import { BadInputError } from '../errors.js';

// Weeks, days and clock units only: a month or a year has no fixed length, and a funnel's
// window must mean the same span for every user.
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000] as const;

/** An ISO 8601 duration (as graphql-scalars' Duration passes it) in milliseconds. */
export function durationMs(text: string, argument: string): number {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    throw new BadInputError(`${argument} takes weeks, days, hours, minutes and seconds (P7D, PT30M, P1DT12H); got "${text}".`, { argument });
  }
  return match.slice(1).reduce((total, value, index) => total + (value === undefined ? 0 : Number(value) * (UNIT_MS[index] ?? 0)), 0);
}
