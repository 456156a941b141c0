// bloomfilter 1.1.0 (jasondavies/bloomfilter.js) ships no types; this is the part we use.
declare module 'bloomfilter' {
  export class BloomFilter {
    /** m bits (rounded up to a multiple of 32), k hash functions. */
    constructor(m: number, k: number);
    add(value: string): void;
    test(value: string): boolean;
  }
}
