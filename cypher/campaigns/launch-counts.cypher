// A launch's counts, from what it wrote: members per arm and users left out per reason, and
// how many of each arm's members were contacted so far (results by channel spend on them).
// $id: STRING
MATCH (c:Campaign {id: $id})<-[m:IN_CAMPAIGN]-()
RETURN coalesce(m.arm, '') AS arm, coalesce(m.leftOut, '') AS leftOut, count(*) AS users, count(m.contactedAt) AS contacted
