// Each interest's dimension in the interest vectors (interest-vectors.ts): kept once given, so
// vectors written at different times agree; new interests take free dimensions, and beyond
// $dimensions interests the rest have none (they still count when candidates are scored).
// $dimensions: INTEGER
CALL () {
  MATCH (i:Interest)
  WITH collect(i) AS interests
  WITH [i IN interests WHERE i.vectorDim IS NULL] AS fresh,
       [d IN range(0, $dimensions - 1) WHERE NOT d IN [i IN interests WHERE i.vectorDim IS NOT NULL | i.vectorDim]] AS free
  UNWIND range(0, size(fresh) - 1) AS k
  WITH fresh[k] AS i, free[k] AS d
  WHERE d IS NOT NULL
  SET i.vectorDim = d
}
MATCH (i:Interest)
WHERE i.vectorDim IS NOT NULL
RETURN collect([i.id, i.vectorDim]) AS dimensions
