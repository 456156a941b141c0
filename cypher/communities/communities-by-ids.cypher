// Communities by id (any run: ids carry their run).
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (c:Community {id: id})
RETURN c {.id, .index, .size, .modularityShare} AS community
