/**
 * The set of fingerprints seen so far, in shared memory so that every worker of a parallel exploration
 * de-duplicates against the same set: open addressing with linear probing, claimed lock-free with
 * Atomics. A slot is two 32-bit words (low half, high half of the fingerprint); zero means empty, so
 * each half is made non-zero. A worker claims a slot by a compare-and-swap of the low word and then
 * publishes the high word; another worker that finds the same low word waits for the high word before
 * comparing it.
 *
 * A table one thread owns (`growing`) starts small and doubles when half full, up to the same 2^25
 * slots: a search of a hundred thousand states then probes a few megabytes that stay in cache, not
 * 256 MB of fresh pages. A shared table cannot grow while other threads probe it, so it is made at
 * its final size.
 */

/** A table this full is treated as out of memory: probing slows sharply past it. */
const MAX_LOAD = 0.7;
const DEFAULT_SLOTS_LOG2 = 25;
/** A growing table's first size (2 MB) and the load at which it doubles. */
const FIRST_SLOTS_LOG2 = 18;
const GROW_AT = 0.5;
/**
 * States that may still be added after a limit is reached and before the explorer notices (limits are
 * checked between frontier states, and one state's successors, on every worker, come first).
 */
const OVERSHOOT = 1 << 16;

export class StateTable {
  private words!: Int32Array;
  private count!: Int32Array;
  private mask!: number;
  private growable = false;

  /** A table sized for `expected` states and what may come past them (or 2^25 slots, 256 MB, when not said). */
  static create(expected?: number): StateTable {
    return new StateTable(StateTable.buffer(StateTable.slotsFor(expected)));
  }

  /** A table for one thread: it starts at 2^18 slots (or the size `expected` needs, if less) and grows. */
  static growing(expected?: number): StateTable {
    const table = new StateTable(StateTable.buffer(Math.min(2 ** FIRST_SLOTS_LOG2, StateTable.slotsFor(expected))));
    table.growable = true;
    return table;
  }

  private static slotsFor(expected: number | undefined): number {
    return 2 ** (expected === undefined ? DEFAULT_SLOTS_LOG2 : Math.min(DEFAULT_SLOTS_LOG2, Math.ceil(Math.log2((expected + OVERSHOOT) / MAX_LOAD + 1))));
  }

  private static buffer(slots: number): SharedArrayBuffer {
    return new SharedArrayBuffer(slots * 8 + 4);
  }

  /** A view of a table another thread created. */
  constructor(public buffer: SharedArrayBuffer) {
    this.attach(buffer);
  }

  private attach(buffer: SharedArrayBuffer): void {
    const slots = (buffer.byteLength - 4) / 8;
    this.buffer = buffer;
    this.words = new Int32Array(buffer, 0, slots * 2);
    this.count = new Int32Array(buffer, slots * 8, 1);
    this.mask = slots - 1;
  }

  /** Twice the slots, every fingerprint moved over (one thread only). */
  private grow(): void {
    const old = this.words;
    const size = this.size;
    this.attach(StateTable.buffer((this.mask + 1) * 2));
    for (let at = 0; at < old.length; at += 2) {
      const lo = old[at] as number;
      if (lo === 0) continue;
      let slot = lo & this.mask;
      while (this.words[slot * 2] !== 0) slot = (slot + 1) & this.mask;
      this.words[slot * 2] = lo;
      this.words[slot * 2 + 1] = old[at + 1] as number;
    }
    this.count[0] = size;
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
    if (this.growable && this.size >= (this.mask + 1) * GROW_AT && this.mask + 1 < 2 ** DEFAULT_SLOTS_LOG2) this.grow();
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
