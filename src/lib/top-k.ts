/**
 * The `keep` best of a stream, best first, without sorting all of it (a popular product
 * touches most of the catalogue; an interest's audience reaches most users): a buffer cut back
 * to `keep` each time it holds 4 × keep, and anything below the cut's last score skipped.
 * `compare` must order by `score` descending first (ties however it likes).
 */
export class TopK<T> {
  private best: T[] = [];
  private floor = -Infinity;

  constructor(
    private readonly keep: number,
    private readonly score: (item: T) => number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    if (this.score(item) < this.floor) return;
    this.best.push(item);
    if (this.best.length >= 4 * this.keep) {
      this.best = this.best.sort(this.compare).slice(0, this.keep);
      const last = this.best.at(-1);
      this.floor = last === undefined ? -Infinity : this.score(last);
    }
  }

  result(): T[] {
    return this.best.sort(this.compare).slice(0, this.keep);
  }
}
