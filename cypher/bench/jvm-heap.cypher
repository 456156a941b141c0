// Benchmarks only: the Neo4j JVM's heap in use (bytes), to report the server side of memory.
CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes
RETURN attributes.HeapMemoryUsage.value.properties.used AS used
