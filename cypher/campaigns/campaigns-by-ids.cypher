// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (c:Campaign {id: id})
RETURN c {.*} AS campaign
