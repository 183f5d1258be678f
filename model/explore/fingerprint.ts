/**
 * Fingerprints: the explorer keeps 64 bits per distinct state rather than its view, as TLC keeps a
 * 64-bit fingerprint rather than the state. Two views with the same fingerprint are taken as the same
 * state; with N states the chance of any collision is about N^2 / 2^65 (for ten million states, three
 * in a million), and the explorer reports it with its result as TLC does.
 */

/**
 * Two 32-bit halves of a 64-bit hash of a view's code (view.ts), a cyrb53-style multiply-xorshift mix
 * of each integer in turn (the code's integers fit 32 bits).
 */
export function fingerprintOfCode(code: readonly number[]): readonly [hi: number, lo: number] {
  let h1 = 0xdeadbeef ^ code.length;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as number;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 | 0, h2 | 0];
}

/** The probability that some two of `states` distinct states share a fingerprint. */
export function collisionOdds(states: number): number {
  return Math.min(1, (states * states) / 2 ** 65);
}
