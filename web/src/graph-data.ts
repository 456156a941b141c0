/** The graph GraphView draws; graph-layout.ts (loaded on first use) lays out the same types. */
export interface GraphNode {
  id: string;
  label: string;
  size: number;
  /** Where a click goes (e.g. #/people/u1). */
  href?: string;
  highlight?: boolean;
}
export interface GraphEdge {
  source: string;
  target: string;
  weight: number;
}
