// Which of these ids exist, per label: importers reject rows that reference anything else.
// $userIds: LIST<STRING>  $productIds: LIST<STRING>  $interestIds: LIST<STRING>  $identityKeys: LIST<STRING>
CALL {
  UNWIND $userIds AS id
  MATCH (u:User {id: id})
  RETURN collect(id) AS users
}
CALL {
  UNWIND $productIds AS id
  MATCH (p:Product {id: id})
  RETURN collect(id) AS products
}
CALL {
  UNWIND $interestIds AS id
  MATCH (i:Interest {id: id})
  RETURN collect(id) AS interests
}
CALL {
  UNWIND $identityKeys AS key
  MATCH (i:Identity {key: key})
  RETURN collect(key) AS identities
}
RETURN users, products, interests, identities
