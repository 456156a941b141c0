// bloomfilter 1.1.0 (jasondavies/bloomfilter.js) ships no types; this is the part we use. knip takes this ambient
// module for a local one and would call the package unused: knip.json ignores it for that reason.
declare module 'bloomfilter' {
  export class BloomFilter {
    /** m bits (rounded up to a multiple of 32), k hash functions. */
    constructor(m: number, k: number);
    add(value: string): void;
    test(value: string): boolean;
  }
}
