// Step 2 of deleting everything (after delete-all-relationships.cypher): every node, 10,000
// per transaction. DETACH only for relationships created since step 1.
// Runs in an auto-commit transaction (CALL … IN TRANSACTIONS requires it).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
