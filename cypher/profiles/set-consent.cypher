// Sets either or both consent flags; a null parameter keeps the stored value.
// $id: STRING  $consentProfiling: BOOLEAN  $consentMarketing: BOOLEAN
MATCH (u:User {id: $id})
SET u.consentProfiling = coalesce($consentProfiling, u.consentProfiling),
    u.consentMarketing = coalesce($consentMarketing, u.consentMarketing)
RETURN {{user-map u}} AS user
