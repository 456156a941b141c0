// Whether a benchmark may wipe this database: it is empty, or a benchmark's wipe marked it.
RETURN COUNT { (:ProfileGraphBench) } > 0 AS marked,
       EXISTS { MATCH (n) WHERE NOT n:ProfileGraphBench } AS hasData
