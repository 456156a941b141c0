// The folder a running server was started from (run on the system database): how a local
// instance tells its own server from another Neo4j that answers on the same port.
SHOW SETTINGS YIELD name, value
WHERE name = 'server.directories.neo4j_home'
RETURN value AS home
