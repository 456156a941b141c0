import {
  DateTimeResolver,
  DurationResolver,
  EmailAddressResolver,
  NonNegativeFloatResolver,
  NonNegativeIntResolver,
  PhoneNumberResolver,
  PositiveIntResolver,
} from 'graphql-scalars';

/**
 * graphql-scalars validate input at the edge, so a malformed e-mail or a negative quantity
 * fails request validation with BAD_USER_INPUT before any resolver (or write) runs.
 * DateTime parses to a JS Date on input and serialises Date or ISO strings on output.
 */
export const scalarResolvers = {
  DateTime: DateTimeResolver,
  Duration: DurationResolver,
  EmailAddress: EmailAddressResolver,
  PhoneNumber: PhoneNumberResolver,
  NonNegativeInt: NonNegativeIntResolver,
  PositiveInt: PositiveIntResolver,
  NonNegativeFloat: NonNegativeFloatResolver,
};
