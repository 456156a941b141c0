// Removes every node and relationship, in batches so a large graph never needs one huge
// transaction. Runs in an auto-commit transaction (CALL … IN TRANSACTIONS requires it).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
