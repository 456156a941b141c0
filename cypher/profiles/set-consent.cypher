// Sets either or both consent flags; a null parameter keeps the stored value.
// $id: STRING  $consentProfiling: BOOLEAN  $consentMarketing: BOOLEAN
MATCH (u:User {id: $id})
SET u.consentProfiling = coalesce($consentProfiling, u.consentProfiling),
    u.consentMarketing = coalesce($consentMarketing, u.consentMarketing)
RETURN u {.id, .displayName, .gender, .birthYear, .region, .city, .occupation,
          createdAt: u.createdAt.epochMillis, lastActiveAt: u.lastActiveAt.epochMillis,
          .consentProfiling, .consentMarketing, .email, .phone} AS user
