// Whether the Graph Data Science plugin answers; fails with ProcedureNotFound when absent.
RETURN gds.version() AS version
