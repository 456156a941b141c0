// Bulk, idempotent user upsert for importers and the demo seed: MERGE on id, then set every
// property the source provides (a null removes it). Rows repeating an id within the batch are
// applied in order (later values win, properties only earlier rows name are kept). Counts
// created, updated (some property differs) and unchanged users and writes only the first two.
// $rows: LIST<MAP{id: STRING, props: MAP}>
UNWIND $rows AS input
WITH input.id AS id, collect(input.props) AS updates
// What the rows leave behind: each named property's last value.
WITH id, updates, reduce(names = [], props IN updates | names + [key IN keys(props) WHERE NOT key IN names]) AS names
WITH id, updates, [key IN names | {key: key, value: [props IN updates WHERE key IN keys(props)][-1][key]}] AS final
OPTIONAL MATCH (old:User {id: id})
WITH id, updates, old IS NULL AS created,
     old IS NOT NULL AND any(entry IN final WHERE NOT coalesce(old[entry.key] = entry.value, old[entry.key] IS NULL AND entry.value IS NULL)) AS updated
MERGE (u:User {id: id})
ON CREATE SET u.sampleKey = rand()
FOREACH (props IN CASE WHEN created OR updated THEN updates ELSE [] END | SET u += props)
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
