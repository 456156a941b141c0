// Step 1 of deleting everything: every relationship, 10,000 per transaction. Deleting nodes
// with DETACH in one pass held each batch's relationships too (a batch of users plus a hub
// product or interest: hundreds of thousands), more than a 1g-heap server's transaction
// memory. Runs in an auto-commit transaction (CALL … IN TRANSACTIONS requires it).
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
