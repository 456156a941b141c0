// The UserFilter of `users(filter)`, shared by users-page and users-count: every part is
// skipped when its parameter is null. Included as {{user-filter u}} after a WHERE.
{{user-filter-props $var}}
AND ($interestId IS NULL OR EXISTS { ($var)-[:INTERESTED_IN]->(:Interest {id: $interestId}) })
