// Data this version expects of every user, for users made before it (or written straight to
// the store files by the initial load): a sample key, uniform in [0, 1), that previews and
// portraits of large populations sample by (src/segments/sampling.ts; user_sample_key). New
// users draw theirs when they are made. After the first start this finds nobody.
MATCH (u:User) WHERE u.sampleKey IS NULL
CALL (u) { SET u.sampleKey = rand() } IN TRANSACTIONS OF 10000 ROWS;
