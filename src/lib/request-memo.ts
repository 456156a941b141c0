/**
 * A value read at most once per request (the published analytics run every field of a page
 * must agree on), unless a look-ahead statement already read it and primes it.
 */
export class RequestMemo<T> {
  private value: Promise<T> | null = null;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    this.value ??= this.read();
    return this.value;
  }

  /** Like DataLoader's prime: a value already read or primed is kept. */
  prime(value: T): void {
    this.value ??= Promise.resolve(value);
  }
}
