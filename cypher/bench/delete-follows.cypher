// Benchmarks only: removes every FOLLOWS relationship so two loaders can be timed on the same
// starting graph. Auto-commit (CALL … IN TRANSACTIONS).
MATCH ()-[f:FOLLOWS]->()
CALL (f) { DELETE f } IN TRANSACTIONS OF 50000 ROWS
