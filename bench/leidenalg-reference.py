"""Reference partition for npm run bench:quality: leidenalg (Traag's own Leiden implementation,
Debian package python3-leidenalg), modularity, on the graph read from stdin.

stdin: first line "n", then one "a b weight" line per undirected edge (node indices 0..n-1).
argv: seed. stdout: one community number per node, space separated.
"""
import sys

import igraph as ig
import leidenalg as la

lines = sys.stdin.read().split("\n")
n = int(lines[0])
edges, weights = [], []
for line in lines[1:]:
    if line.strip():
        a, b, w = line.split()
        edges.append((int(a), int(b)))
        weights.append(float(w))
graph = ig.Graph(n=n, edges=edges)
graph.es["weight"] = weights
partition = la.find_partition(graph, la.ModularityVertexPartition, weights="weight", n_iterations=-1, seed=int(sys.argv[1]))
print(" ".join(str(c) for c in partition.membership))
