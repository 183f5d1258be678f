/**
 * Peak memory: the process's maximum resident set (every thread, from the OS) and the peak of this
 * thread's V8 heap, sampled between phases, from the searches' progress callbacks (about once a second)
 * and by a timer while asynchronous work runs. Worker threads' heaps count in the RSS only.
 */

let peakHeapUsed = 0;
let peakPhase = 'start';
let phase = 'start';

/** Names the phase that later samples are attributed to. */
export function enterPhase(name: string): void {
  phase = name;
  sampleHeap();
}

/** Records the current heap use if it is the highest seen. */
export function sampleHeap(): void {
  const used = process.memoryUsage().heapUsed;
  if (used > peakHeapUsed) {
    peakHeapUsed = used;
    peakPhase = phase;
  }
}

/** Samples every `ms` while the event loop turns (asynchronous phases); does not keep the process up. */
export function startSampler(ms = 100): () => void {
  const timer = setInterval(sampleHeap, ms);
  timer.unref();
  return () => clearInterval(timer);
}

export interface MemoryReport {
  /** process.resourceUsage().maxRSS, converted from kilobytes. */
  readonly maxRssBytes: number;
  readonly peakHeapUsedBytes: number;
  /** The phase during which the peak heap was sampled. */
  readonly peakHeapPhase: string;
}

export function memoryReport(): MemoryReport {
  sampleHeap();
  return { maxRssBytes: process.resourceUsage().maxRSS * 1024, peakHeapUsedBytes: peakHeapUsed, peakHeapPhase: peakPhase };
}
