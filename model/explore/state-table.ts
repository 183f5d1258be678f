/**
 * The set of fingerprints seen so far, in shared memory so that every worker of a parallel exploration
 * de-duplicates against the same set: open addressing with linear probing, claimed lock-free with
 * Atomics. A slot is two 32-bit words (low half, high half of the fingerprint); zero means empty, so
 * each half is made non-zero. A worker claims a slot by a compare-and-swap of the low word and then
 * publishes the high word; another worker that finds the same low word waits for the high word before
 * comparing it.
 */

/** A table this full is treated as out of memory: probing slows sharply past it. */
const MAX_LOAD = 0.7;
const DEFAULT_SLOTS_LOG2 = 25;
/**
 * States that may still be added after a limit is reached and before the explorer notices (limits are
 * checked between frontier states, and one state's successors, on every worker, come first).
 */
const OVERSHOOT = 1 << 16;

export class StateTable {
  private readonly words: Int32Array;
  private readonly count: Int32Array;
  private readonly mask: number;

  /** A table sized for `expected` states and what may come past them (or 2^25 slots, 256 MB, when not said). */
  static create(expected?: number): StateTable {
    const log2 = expected === undefined ? DEFAULT_SLOTS_LOG2 : Math.min(DEFAULT_SLOTS_LOG2, Math.ceil(Math.log2((expected + OVERSHOOT) / MAX_LOAD + 1)));
    const slots = 2 ** log2;
    return new StateTable(new SharedArrayBuffer(slots * 8 + 4));
  }

  /** A view of a table another thread created. */
  constructor(readonly buffer: SharedArrayBuffer) {
    const slots = (buffer.byteLength - 4) / 8;
    this.words = new Int32Array(buffer, 0, slots * 2);
    this.count = new Int32Array(buffer, slots * 8, 1);
    this.mask = slots - 1;
  }

  /** Distinct fingerprints added, by every thread. */
  get size(): number {
    return Atomics.load(this.count, 0);
  }

  get full(): boolean {
    return this.size > (this.mask + 1) * MAX_LOAD;
  }

  /**
   * Adds a state's fingerprint (fingerprint.ts); true when it was not there before. A table with one
   * free slot left refuses new fingerprints (false), so probing always ends; `full` has stopped the
   * search long before.
   */
  add([h, l]: readonly [hi: number, lo: number]): boolean {
    if (this.size >= this.mask) return false;
    const hi = h === 0 ? 1 : h;
    const lo = l === 0 ? 1 : l;
    for (let slot = lo & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * 2;
      const found = Atomics.compareExchange(this.words, at, 0, lo);
      if (found === 0) {
        Atomics.store(this.words, at + 1, hi);
        Atomics.add(this.count, 0, 1);
        return true;
      }
      if (found === lo) {
        let other = Atomics.load(this.words, at + 1);
        while (other === 0) other = Atomics.load(this.words, at + 1);
        if (other === hi) return false;
      }
    }
  }
}
