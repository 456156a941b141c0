// An influence run's KOLs per interest (src/influence/interest-kols.ts), into the run's idle
// slot on each Interest: parallel lists, best first, tagged with the job like the users' scores
// so a reader never mixes runs. Key names come only from INFLUENCE_SLOTS.
// $rows: LIST<MAP>  $idsKey: STRING  $scoresKey: STRING  $reachKey: STRING  $jobKey: STRING  $jobId: STRING
UNWIND $rows AS row
MATCH (i:Interest {id: row.interestId})
SET i[$idsKey] = row.userIds, i[$scoresKey] = row.scores, i[$reachKey] = row.reach, i[$jobKey] = $jobId
RETURN count(i) AS written
