// The map every statement returns for a user, which toUser (src/profiles/types.ts) reads:
// profile, consent and PII (masked later for roles that may not read it). A statement
// includes it as {{user-map u}}, where u is its user variable (src/db/cypher.ts).
$var {.id, .displayName, .gender, .birthYear, .region, .city, .occupation,
  createdAt: $var.createdAt.epochMillis, lastActiveAt: $var.lastActiveAt.epochMillis,
  .consentProfiling, .consentMarketing, .email, .phone}
