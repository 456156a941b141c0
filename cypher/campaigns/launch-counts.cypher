// A launch's counts, from what it wrote: members per arm and users left out per reason.
// $id: STRING
MATCH (c:Campaign {id: $id})<-[m:IN_CAMPAIGN]-()
RETURN coalesce(m.arm, '') AS arm, coalesce(m.leftOut, '') AS leftOut, count(*) AS users
