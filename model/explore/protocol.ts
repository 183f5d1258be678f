/** The messages between the parallel explorer (parallel.ts) and its workers (workers/explore-worker.ts). */
import type { Config } from '../../spec/config.js';
import type { FrontierEntry, LevelOutcome, Limits } from './expander.js';

export interface ExploreWorkerSetup {
  readonly config: Config;
  readonly invariants: readonly string[];
  readonly witnesses: readonly string[];
  readonly symmetric: boolean;
  readonly table: SharedArrayBuffer;
  /** Int32 slots: [halt flag, queued per worker...]. */
  readonly stats: SharedArrayBuffer;
  readonly worker: number;
  readonly workers: number;
  readonly limits: Limits;
}

export const statsSlots = (workers: number): number => 1 + workers;

export type ExploreRequest =
  | { readonly type: 'root' }
  | { readonly type: 'expand' }
  | { readonly type: 'give'; readonly count: number }
  | { readonly type: 'take'; readonly entries: readonly FrontierEntry[] }
  | { readonly type: 'discovery'; readonly ref: number };

export interface LevelReport extends LevelOutcome {
  /** The frontier for the next level (or what is left of this one when stopped). */
  readonly queued: number;
  readonly transitions: number;
  readonly reached: readonly string[];
}

