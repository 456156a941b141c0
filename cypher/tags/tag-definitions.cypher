// Every rule tag, by name, with how many users hold it.
MATCH (t:Tag)
RETURN t {.name, .rule, .description, createdAt: t.createdAt.epochMillis, updatedAt: t.updatedAt.epochMillis,
  computedAt: t.computedAt.epochMillis, holders: COUNT { (t)<-[:HAS_TAG]-(:User) }} AS tag
ORDER BY t.name
