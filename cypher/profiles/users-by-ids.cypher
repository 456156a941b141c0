// Users by id, for the userById DataLoader: one round trip per batch, whatever its size.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN u {.id, .displayName, .gender, .birthYear, .region, .city, .occupation,
          createdAt: u.createdAt.epochMillis, lastActiveAt: u.lastActiveAt.epochMillis,
          .consentProfiling, .consentMarketing, .email, .phone} AS user
