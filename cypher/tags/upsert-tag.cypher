// Defines a rule tag, or replaces its rule (members are recomputed right after).
// $name: STRING  $rule: STRING  $description: STRING  $now: DATETIME
MERGE (t:Tag {name: $name})
ON CREATE SET t.createdAt = $now
SET t.rule = $rule, t.description = $description, t.updatedAt = $now
RETURN t {.name, .rule, .description, createdAt: t.createdAt.epochMillis, updatedAt: t.updatedAt.epochMillis,
  computedAt: t.computedAt.epochMillis, holders: COUNT { (t)<-[:HAS_TAG]-(:User) }} AS tag
